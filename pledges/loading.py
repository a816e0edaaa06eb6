"""Loading program records into the database, inside the caller's transaction, without losing
editors' work.

On the natural key (program slug + pledge key) a pledge is created, updated or left unchanged;
a pledge whose words changed is paired with the vanished pledge it most resembles; a pledge an
editor has locked keeps the editor's words (a changed source is recorded as a SourceChange for
the editor to decide); a pledge no longer in the source is marked, never deleted. About 350
lines: pairing, locking and conflicts are one transaction's rules and read best together.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from django.utils import timezone

from municipalities.models import Municipality, Region
from parties.models import Party

from . import ranking
from .freshness import data_changed
from .models import Pledge, PolicyArea, Program, SourceChange
from .parsing import words as w

# Fields the parser owns. CONTENT changes on a locked pledge are a conflict for the editor: the
# source's words (the quote), not the display form derived from them. POSITION fields are
# provenance and always follow the source; DISPLAY is the parser's wording of the pledge.
CONTENT_FIELDS = ("quote", "details", "kind")
POSITION_FIELDS = ("start", "end", "order", "restatements", "quote", "page")
DISPLAY_FIELDS = ("text", "details", "kind")
CLASSIFIER_FIELDS = ("section", "confidence")
# A new pledge this close to one that vanished from the same program is that pledge, edited.
SAME_PLEDGE_COSINE = 0.8
# A pledge an editor has touched (locked it, reviewed or published it) is paired down to this:
# the editor then decides on the change instead of losing the pledge. Measured: a pledge
# reworded with more words scores 0.69–0.79; two different pledges on one line pattern
# ("bygga fler förskolor/cykelvägar i Lund") 0.53.
TOUCHED_PAIR_COSINE = 0.6


class FixtureError(ValueError):
    def __init__(self, path: Path | str, message: str):
        self.path = str(path)
        super().__init__(f"{path}: {message}")


class Tally(StrEnum):
    """What a load counts, in the order its summary gives them (the value is the wording)."""

    PROGRAMS_CREATED = "program skapade"
    PROGRAMS_CHANGED = "program ändrade"
    PROGRAMS_UNCHANGED = "program oförändrade"
    PLEDGES_CREATED = "löften skapade"
    PLEDGES_CHANGED = "löften ändrade"
    PLEDGES_UNCHANGED = "löften oförändrade"
    CONFLICTS = "låsta löften med ny källa (konflikt)"
    PLEDGES_GONE = "löften borta ur källan"
    PLEDGES_BACK = "löften tillbaka i källan"
    SIMILAR_LINKS = "länkar mellan liknande löften"


@dataclass
class LoadReport:
    counts: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    def add(self, what: str, n: int = 1):
        """Count `what`: a Tally, or a reference-data label ("partier skapade")."""
        self.counts[str(what)] += n

    def summary(self) -> str:
        order = [str(t) for t in Tally]
        rest = sorted(k for k in self.counts if k not in order)
        parts = [f"{k}: {self.counts[k]}" for k in rest + order if self.counts[k]]
        return ", ".join(parts) or "inget att göra"


def read_fixture(path: Path) -> list[dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FixtureError(path, "filen finns inte; kör make fixtures") from None
    except UnicodeDecodeError:
        raise FixtureError(path, "ogiltig UTF-8") from None
    except json.JSONDecodeError as exc:
        raise FixtureError(f"{path}:{exc.lineno}", f"ogiltig JSON ({exc.msg})") from None
    if not isinstance(data, list) or not data or data[0].get("model") != "pledges.program":
        raise FixtureError(path, "ska vara en lista som börjar med ett pledges.program")
    return data


def snapshot(fields: dict) -> dict:
    """What the parser said about one pledge, in a form that compares and hashes stably."""
    return {
        "text": fields["text"],
        "quote": fields.get("quote") or fields["text"],
        "page": fields.get("page"),
        "details": fields.get("details", ""),
        "kind": fields["kind"],
        "start": fields["start"],
        "end": fields["end"],
        "order": fields.get("order", 0),
        "section": fields.get("section", ""),
        "areas": [a[0] if isinstance(a, list) else a for a in fields.get("areas", [])],
        "primary_area": _nk(fields["primary_area"]),
        "confidence": fields["confidence"],
        "restatements": [list(s) for s in fields.get("restatements", [])],
    }


def _nk(value):
    return value[0] if isinstance(value, list) else value


def _quote(snap: dict) -> str:
    """A snapshot's source words. One from before display texts has no quote: its text was."""
    return snap.get("quote") or snap.get("text", "")


def _content(snap: dict) -> tuple:
    """What a locked pledge's source said."""
    return tuple(_quote(snap) if f == "quote" else snap.get(f) for f in CONTENT_FIELDS)


def _digest(snap: dict) -> str:
    return hashlib.sha256(json.dumps(snap, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def load_program_fixture(path: Path, report: LoadReport) -> Program:
    """Load one program fixture file. Call inside a transaction (load_data does)."""
    return load_program_data(read_fixture(path), path, report)


def load_program_data(
    data: list[dict], path: Path | str, report: LoadReport, *, new_program_public: bool = True
) -> Program:
    """Load one program (fixture rows) into the database, keeping editors' work.

    ``new_program_public`` says whether a program seen for the first time is shown on the site
    (an upload in the admin starts as a draft); an existing program keeps its setting.
    """
    head = data[0]["fields"]
    municipality = region = None
    try:
        party = Party.objects.get_by_natural_key(_nk(head["party"]))
        if head.get("region"):
            region = Region.objects.get_by_natural_key(_nk(head["region"]))
            if head.get("municipality"):
                raise FixtureError(path, "programmet anger både kommun och region; ange en")
        else:
            municipality = Municipality.objects.get_by_natural_key(_nk(head["municipality"]))
    except Party.DoesNotExist:
        raise FixtureError(
            path, f"okänt parti {head['party']!r}; ladda referensdata först"
        ) from None
    except Region.DoesNotExist:
        raise FixtureError(path, f"okänd region {head['region']!r}") from None
    except Municipality.DoesNotExist:
        raise FixtureError(path, f"okänd kommun {head['municipality']!r}") from None
    except (KeyError, TypeError):
        raise FixtureError(path, "programmet saknar kommun eller region") from None
    program_values = {
        "party": party,
        "municipality": municipality,
        "region": region,
        "title": head["title"],
        "period_start": head.get("period_start"),
        "source_url": head.get("source_url") or "",
        "retrieved": head.get("retrieved"),
        "file_name": head.get("file_name", ""),
        "original_text": head["original_text"],
        "checksum": head["checksum"],
    }
    if Program.checksum_of(head["original_text"]) != head["checksum"]:
        raise FixtureError(
            path, "kontrollsumman stämmer inte med texten; bygg om med make fixtures"
        )
    program, created = Program.objects.get_or_create(
        slug=head["slug"], defaults={**program_values, "is_public": new_program_public}
    )
    digest = hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()
    if not created and program.loaded_digest == digest:
        # The same records as the last load that went through: nothing to compare or change.
        report.add(Tally.PROGRAMS_UNCHANGED)
        report.add(Tally.PLEDGES_UNCHANGED, len(data) - 1)
        return program
    if created:
        report.add(Tally.PROGRAMS_CREATED)
    else:
        program_values["retrieved"] = (
            _date(program_values["retrieved"]) if program_values["retrieved"] else None
        )
        changed = [k for k, v in program_values.items() if getattr(program, k) != v]
        if changed:
            for k in changed:
                setattr(program, k, program_values[k])
            program.save()
            report.add(Tally.PROGRAMS_CHANGED)
        else:
            report.add(Tally.PROGRAMS_UNCHANGED)

    areas = {a.slug: a for a in PolicyArea.objects.all()}
    # Locked while loading, so that an editor's save in between is not written over.
    existing = {
        p.key: p for p in program.pledges.select_for_update(of=("self",)).prefetch_related("areas")
    }
    incoming: dict[str, dict] = {}
    for index, row in enumerate(data[1:], start=1):
        if row.get("model") != "pledges.pledge":
            raise FixtureError(
                path, f"post {index}: väntade pledges.pledge, fick {row.get('model')!r}"
            )
        f = row["fields"]
        missing = [
            k
            for k in ("key", "text", "kind", "start", "end", "primary_area", "confidence")
            if k not in f
        ]
        if missing:
            raise FixtureError(path, f"post {index}: saknar {', '.join(missing)}")
        for slug in [_nk(a) for a in f.get("areas", [])] + [_nk(f["primary_area"])]:
            if slug not in areas:
                raise FixtureError(path, f"post {index} ({f['key']}): okänt politikområde {slug!r}")
        if not (0 <= f["start"] < f["end"] <= len(program.original_text)):
            raise FixtureError(
                path, f"post {index} ({f['key']}): källspannet ligger utanför texten"
            )
        incoming[f["key"]] = f

    # A pledge whose words changed in the source arrives under a new key: pair it with the
    # vanished pledge it most resembles, so that it stays one pledge with one history. Pairs
    # are taken best first. A touched pledge paired with less than SAME_PLEDGE_COSINE is not
    # rewritten: its editor gets a source change to decide.
    vanished = {k: p for k, p in existing.items() if k not in incoming}
    arriving = [k for k in incoming if k not in existing]
    renamed, uncertain = _pair(arriving, incoming, vanished)

    now = timezone.now()
    new: list[tuple[Pledge, list[str]]] = []
    for key, f in incoming.items():
        snap = snapshot(f)
        pledge = existing.get(key) or renamed.get(key)
        if pledge is None:
            pledge = Pledge(program=program, key=key, parsed=snap)
            _apply(pledge, snap, areas)
            pledge.list_rank = ranking.pledge_rank(program.rank, pledge.order)
            new.append((pledge, snap["areas"]))
            report.add(Tally.PLEDGES_CREATED)
            continue
        came_back = not pledge.in_source
        if key in uncertain and not pledge.locked:
            # Its words are kept until the editor decides on the source change.
            pledge.locked = True
            pledge.save(update_fields=["locked", "updated_at"])
        if pledge.locked:
            _update_locked(pledge, key, snap, report)
        elif pledge.parsed != snap or pledge.key != key or came_back:
            pledge.key = key
            _apply(pledge, snap, areas)
            pledge.parsed = snap
            pledge.in_source, pledge.removed_from_source_at = True, None
            pledge.save()
            pledge.areas.set([areas[s] for s in snap["areas"]])
            report.add(Tally.PLEDGES_CHANGED)
        else:
            report.add(Tally.PLEDGES_UNCHANGED)
        if came_back:
            report.add(Tally.PLEDGES_BACK)

    _create(new, areas)
    for pledge in vanished.values():
        if pledge.in_source:
            pledge.in_source = False
            pledge.removed_from_source_at = now
            pledge.save(update_fields=["in_source", "removed_from_source_at", "updated_at"])
            report.add(Tally.PLEDGES_GONE)
    Program.objects.filter(pk=program.pk).update(loaded_digest=digest)  # derived: no history
    program.loaded_digest = digest
    return program


def _create(new: list[tuple[Pledge, list[str]]], areas: dict[str, PolicyArea]) -> None:
    """New pledges and their areas, a few statements for them all instead of several per
    pledge (a whole program is new on its first import). No history record: what the parser
    read is the pledge's ``parsed``, and its first change records it as its origin
    (``record_origins``)."""
    if not new:
        return
    created = Pledge.objects.bulk_create([p for p, _ in new], batch_size=500)
    Through = Pledge.areas.through
    Through.objects.bulk_create(
        [
            Through(pledge_id=pledge.pk, policyarea_id=areas[slug].pk)
            for pledge, (_, slugs) in zip(created, new, strict=True)
            for slug in dict.fromkeys(slugs)
        ],
        batch_size=2000,
    )
    data_changed()  # bulk: no signals


def _touched(pledge: Pledge) -> bool:
    """An editor has locked, reviewed or published it (a rejected or merged one is no reason
    to claim a new pledge of the source)."""
    if pledge.status == Pledge.Status.REJECTED or pledge.merged_into_id:
        return False
    return pledge.locked or pledge.status != Pledge.Status.IMPORTED


def _pair(arriving, incoming, vanished) -> tuple[dict[str, Pledge], set[str]]:
    """New keys paired with vanished pledges, best first; and the keys paired below
    SAME_PLEDGE_COSINE (only touched pledges are paired that low)."""
    if not arriving or not vanished:
        return {}, set()
    profiles = {k: w.ngram_profile(_quote(incoming[k])) for k in arriving}
    candidates = []
    for old in vanished.values():
        old_profile = w.ngram_profile(_quote(old.parsed) or old.text)
        floor = TOUCHED_PAIR_COSINE if _touched(old) else SAME_PLEDGE_COSINE
        for key, profile in profiles.items():
            score = w.cosine(profile, old_profile)
            if score >= floor:
                candidates.append((score, key, old))
    renamed, uncertain = {}, set()
    for score, key, old in sorted(candidates, key=lambda c: (-c[0], c[1], c[2].pk)):
        if key in renamed or old.key not in vanished:
            continue
        renamed[key] = old
        del vanished[old.key]
        if score < SAME_PLEDGE_COSINE:
            uncertain.add(key)
    return renamed, uncertain


def _apply(pledge: Pledge, snap: dict, areas: dict[str, PolicyArea]) -> None:
    for name in DISPLAY_FIELDS + POSITION_FIELDS + CLASSIFIER_FIELDS:
        setattr(pledge, name, snap[name])
    pledge.primary_area = areas[snap["primary_area"]]


def _update_locked(pledge: Pledge, key: str, snap: dict, report: LoadReport) -> None:
    """Keep the editor's version. Positions follow the source; a changed content is recorded."""
    before = pledge.parsed or {}
    changed_position = any(getattr(pledge, f) != snap[f] for f in POSITION_FIELDS)
    if changed_position or not pledge.in_source or pledge.key != key:
        pledge.key = key  # found under its new key next time, with no pairing to redo
        for name in POSITION_FIELDS:
            setattr(pledge, name, snap[name])
        pledge.in_source, pledge.removed_from_source_at = True, None
        # The snapshot keeps the source's content as the editor last saw it (to compare),
        # with the positions as they are now.
        pledge.parsed = {
            **before,
            **{f: snap[f] for f in POSITION_FIELDS if f not in CONTENT_FIELDS},
        }
        pledge.save(
            update_fields=[
                "key",
                *POSITION_FIELDS,
                "parsed",
                "in_source",
                "removed_from_source_at",
                "updated_at",
            ]
        )
    waiting = (
        pledge.source_changes.select_for_update(of=("self",))
        .filter(status=SourceChange.Status.OPEN)
        .first()
    )
    if waiting is not None and _content(before) == _content(snap):
        # The source went back to what the editor last saw: nothing is left to decide.
        waiting.status, waiting.resolved_at = SourceChange.Status.DISMISSED, timezone.now()
        waiting.save(update_fields=["status", "resolved_at"])
    if _content(before) != _content(snap):
        digest = _digest(snap)
        if waiting is not None:  # one open change per pledge: it shows the newest source
            if (
                waiting.digest != digest
                and not pledge.source_changes.filter(digest=digest).exists()
            ):
                waiting.after, waiting.digest = snap, digest
                waiting.save(update_fields=["after", "digest"])
            report.add(Tally.PLEDGES_UNCHANGED)
            return
        _, created = SourceChange.objects.get_or_create(
            pledge=pledge, digest=digest, defaults={"before": before, "after": snap}
        )
        if created:
            report.add(Tally.CONFLICTS)
            report.notes.append(
                f"{pledge.program.slug}/{pledge.key}: källan har ändrats, löftet är låst"
            )
            return
    report.add(Tally.PLEDGES_UNCHANGED)


def _date(value):
    return dt.date.fromisoformat(value) if isinstance(value, str) else value
