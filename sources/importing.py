"""Bringing a program in, as domain operations the admin, the task worker and `import_sources`
all call: store the original, read it, propose what the text says about itself, and load the
confirmed program as a draft.

``run(source)`` moves a source through its states::

    queued → reading → review (the editor confirms party, place, period, title)
                     ↘ parsing → done        (already confirmed: a batch row)
    any step → failed, with the reason in one line

Loading is all or nothing (one transaction); a failed source changes no program.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone

from municipalities.models import Municipality, Region
from parties.models import Party
from pledges.building import lexicon_from_db, program_fixture
from pledges.loading import LoadReport, load_program_data
from pledges.locking import ImportBusy, one_import_at_a_time
from pledges.models import Program
from pledges.parsing import ProgramTextError, parse_program
from pledges.similarity import refresh_similarities

from . import naming
from .fetch import fetch
from .models import Source, State
from .reading import FORMATS, read_document

log = logging.getLogger(__name__)

EXTENSIONS = {"pdf": ".pdf", "html": ".html", "docx": ".docx", "text": ".txt"}


class Result(models.TextChoices):
    """What happened to one source (the label is what `import_sources` prints)."""

    CREATED = "created", "skapad"
    UPDATED = "updated", "uppdaterad"
    UNCHANGED = "unchanged", "oförändrad"
    REVIEW = "review", "att bekräfta"
    FAILED = "failed", "misslyckad"


@dataclass
class Outcome:
    source: Source
    result: Result
    message: str = ""


def new_source(*, data: bytes | None = None, name: str = "", url: str = "", **fields) -> Source:
    """A queued source for an uploaded file (`data`, `name`) or an address (`url`)."""
    source = Source(url=url, file_name=name[:200], **fields)
    if data is not None:
        keep_original(source, data, name)
    source.save()
    return source


def received(source: Source, upload, user) -> None:
    """An editor's new source: keep the uploaded file (if any, not an address) and who added it."""
    if upload:
        keep_original(source, upload.read(), upload.name)
        source.file_name = upload.name[:200]
    source.created_by = user


def keep_original(source: Source, data: bytes, name: str) -> None:
    source.sha256 = hashlib.sha256(data).hexdigest()
    source.size = len(data)
    stored_name = PurePosixPath(name).name or f"program-{source.sha256[:12]}"
    source.file.save(stored_name, ContentFile(data), save=False)


def read(source: Source) -> None:
    """Fetch (for an address) and read the original into canonical text, and propose what
    the text says about its party, place, period and title where the fields are empty."""
    name = source.url or source.file_name or str(source)
    if source.file:
        with source.file.open("rb") as handle:
            data = handle.read()
        document = read_document(data, name)
    else:
        fetched = fetch(source.url)
        name = fetched.url
        document = read_document(fetched.data, name, fetched.content_type)
        source.file_name = _named(PurePosixPath(fetched.url.split("?")[0]).name, document)
        keep_original(source, fetched.data, source.file_name)
        source.retrieved = source.retrieved or timezone.localdate()
    source.file_name = _named(source.file_name, document)
    source.format = document.format
    source.text = document.text
    source.pages = document.pages
    source.anchors = document.anchors
    parsed = parse_program(document.text, lexicon_from_db())
    if not parsed.pledges:
        raise ProgramTextError(
            name,
            f"inga löften hittades i {FORMATS[document.format]}-texten; är det rätt "
            "dokument? Öppna den lästa texten och kontrollera den",
        )
    source.detected = {
        "party": parsed.party_abbreviation,
        "municipality": parsed.municipality_code,
        "region": parsed.region_code,
        "period_start": parsed.period_start,
        "title": parsed.title,
        "document_title": document.title,
        "pledges": len(parsed.pledges),
    }
    _propose(source)


def _named(name: str, document) -> str:
    """A file name with the extension of the format the content turned out to be."""
    name = name or "program"
    suffix = EXTENSIONS[document.format]
    return (name if name.lower().endswith(suffix) else name + suffix)[-200:]


def _propose(source: Source) -> None:
    """Fill the fields the editor left empty with what the text says about itself."""
    found = source.detected
    if not source.party_id and found.get("party"):
        source.party = Party.objects.filter(abbreviation=found["party"]).first()
    if not source.place:
        if found.get("region"):
            source.region = Region.objects.filter(code=found["region"]).first()
        elif found.get("municipality"):
            source.municipality = Municipality.objects.filter(code=found["municipality"]).first()
    if source.period_start is None:
        source.period_start = found.get("period_start")
    if not source.title:
        source.title = title_of(source)


def title_of(source: Source) -> str:
    """The editor's title, or one proposed from the text (sources/naming.py)."""
    if source.title.strip():
        return source.title.strip()
    found = source.detected
    names = tuple(
        name
        for name in (
            source.place and source.place.name,
            source.party and source.party.name,
            source.party and source.party.abbreviation,
            source.party and source.party.short_name,
        )
        if name
    )
    return naming.proposed_title(
        [found.get("title"), found.get("document_title")],
        period_start=source.period_start,
        not_names=names,
    )


def disagreements(source: Source) -> list[str]:
    """Where the confirmed fields differ from what the text says about itself (for the editor)."""
    found, notes = source.detected, []
    if found.get("party") and source.party and found["party"] != source.party.abbreviation:
        notes.append(f"Texten verkar vara från {found['party']}, men {source.party} är vald.")
    code = found.get("region") or found.get("municipality")
    if code and source.place and code != source.place.code:
        place = (Region if found.get("region") else Municipality).objects.filter(code=code).first()
        notes.append(f"Texten nämner mest {place or code}, men {source.place} är vald.")
    if found.get("period_start") and source.period_start not in (None, found["period_start"]):
        start = found["period_start"]
        notes.append(f"Texten nämner mandatperioden {start}–{start + 4}.")
    return notes


def program_slug(source: Source) -> str:
    """A program's stable address: its place, party, title and period (sources/naming.py).
    A program brought in again with the same ones is the same program, so editors' work on it
    is kept; one made before addresses read well keeps its old address."""
    if source.program_id:
        return source.program.slug
    parts = (source.place.name, source.party.abbreviation)
    slug = naming.program_slug(*parts, title_of(source), source.period_start)
    legacy = naming.legacy_program_slug(*parts, source.title, source.period_start)
    if legacy != slug and Program.objects.filter(slug=legacy).exists():
        return legacy
    return slug


def load(source: Source) -> Result:
    """Parse the confirmed source and load it as a program (a new one is a draft)."""
    slug = program_slug(source)
    existing = Program.objects.filter(slug=slug).first()
    if existing and existing.checksum == Program.checksum_of(source.text):
        source.program = existing
        source.pledge_count = existing.pledges.count()
        return Result.UNCHANGED
    parsed = parse_program(source.text, lexicon_from_db())
    rows = program_fixture(
        slug,
        source.text,
        parsed,
        party=source.party.abbreviation,
        municipality=source.municipality.code if source.municipality else None,
        region=source.region.code if source.region else None,
        title=title_of(source),
        period_start=source.period_start,
        source_url=source.url,
        retrieved=source.retrieved,
        file_name=source.file_name,
    )
    with transaction.atomic():
        source.program = load_program_data(
            rows, source.file_name, LoadReport(), new_program_public=False
        )
        source.pledge_count = len(parsed.pledges)
        source.save()
    return Result.UPDATED if existing else Result.CREATED


def run(source: Source, *, refresh: bool = True) -> Outcome:
    """Take a source as far as it can go now (see the module's docstring)."""
    try:
        if not source.text:
            _set_state(source, State.READING)
            read(source)
        if not (source.confirmed and source.complete):
            _set_state(source, State.REVIEW)
            return Outcome(source, Result.REVIEW)
        _set_state(source, State.PARSING)
        with one_import_at_a_time():
            result = load(source)
            if refresh and result != Result.UNCHANGED:
                refresh_similarities([source.program])
        _set_state(source, State.DONE)
        return Outcome(source, result, f"{source.pledge_count} löften")
    except (ProgramTextError, ImportBusy) as exc:
        return _fail(source, str(exc))
    except Exception as exc:  # a bug must not leave a source "reading" for ever
        log.exception("import of source %s failed", source.pk)
        return _fail(source, f"oväntat fel ({type(exc).__name__}); se serverloggen")


def _set_state(source: Source, state: str) -> None:
    source.state = state
    source.error = ""
    source.save()


def _fail(source: Source, reason: str) -> Outcome:
    """Record the reason; nothing read from a source that failed is kept."""
    stored = Source.objects.filter(pk=source.pk).values_list("file", flat=True).first()
    if source.file and source.file.name != stored:
        source.file.delete(save=False)  # a fetched original that never got saved
    source.state, source.error = State.FAILED, reason
    source.save(update_fields=["state", "error", "updated_at"])
    return Outcome(source, Result.FAILED, reason)
