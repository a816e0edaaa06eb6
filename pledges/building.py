"""Building program fixtures: manifest + text → parser → records (Django's fixture format,
natural keys, deterministic bytes). No database here, except ``lexicon_from_db`` for programs
brought in by editors (their parties and areas included).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from dataclasses import dataclass

from django.utils.text import slugify

from municipalities.models import Municipality, Region
from parties.models import Party

from .manifest import ManifestEntry
from .models import PolicyArea, Program
from .parsing import Lexicon, ParsedProgram, ProgramTextError, parse_program, read_program
from .parsing import words as w
from .parsing.lexicon import AreaEntry, MunicipalityEntry, PartyEntry, RegionEntry, split_stems


@dataclass
class Built:
    entry: ManifestEntry
    parsed: ParsedProgram
    fixture: list[dict]
    disagreements: list[str]


def pledge_key(kind: str, text: str) -> str:
    norm = " ".join(w.words(text))
    digest = hashlib.sha1(f"{kind}|{norm}".encode()).hexdigest()[:8]
    head = slugify(" ".join(text.split()[:7]))[:60].strip("-") or "pledge"
    return f"{head}-{digest}"


def build_program(entry: ManifestEntry, lexicon: Lexicon) -> Built:
    text = read_program(entry.file)
    parsed = parse_program(text, lexicon)
    if not parsed.pledges:
        raise ProgramTextError(
            str(entry.file),
            "inga löften hittades; är det rätt fil? (se README: Lägga till ett program)",
        )
    disagreements = []
    party = lexicon.party(entry.party)
    if parsed.party_abbreviation != entry.party:
        disagreements.append(
            f"parti: texten anger {parsed.party or 'inget'}, manifestet {party.name}"
        )
    found = parsed.municipality or parsed.region or "ingen"
    if entry.region:
        if parsed.region_code != entry.region:
            place = lexicon.region(entry.region)
            disagreements.append(f"region: texten anger {found}, manifestet {place.name}")
    elif parsed.municipality_code != entry.municipality:
        place = lexicon.municipality(entry.municipality)
        disagreements.append(f"kommun: texten anger {found}, manifestet {place.name}")
    detected_start = parsed.period_start
    period_start = entry.period_start or detected_start
    if entry.period_start and detected_start and entry.period_start != detected_start:
        disagreements.append(
            f"mandatperiod: texten anger {parsed.period}, manifestet {entry.period_start}–"
        )
    fixture = program_fixture(
        entry.slug,
        text,
        parsed,
        party=entry.party,
        municipality=entry.municipality,
        region=entry.region,
        title=entry.title or parsed.title or entry.slug,
        period_start=period_start,
        source_url=entry.source_url,
        retrieved=entry.retrieved,
        file_name=entry.file.name,
    )
    return Built(entry, parsed, fixture, disagreements)


def program_fixture(
    slug: str,
    text: str,
    parsed: ParsedProgram,
    *,
    party: str,
    municipality: str | None,
    region: str | None = None,
    title: str,
    period_start: int | None,
    source_url: str,
    retrieved: dt.date | None,
    file_name: str,
) -> list[dict]:
    """One program and its pledges in Django's fixture format, with natural keys.

    A program is for a municipality or for a region (code as natural key; the other is null).
    A pledge's text is the parser's display form; its quote is the source's words, from which
    its key is made (so that a better display form never changes a pledge's identity).
    """
    if (municipality is None) == (region is None):
        raise ValueError("a program is for a municipality or a region")
    fields = {
        "slug": slug,
        "party": [party],
        "municipality": [municipality] if municipality else None,
        "region": [region] if region else None,
        "title": title,
        "period_start": period_start,
        "source_url": source_url,
        "retrieved": retrieved.isoformat() if retrieved else None,
        "file_name": file_name,
        "original_text": text,
        "checksum": Program.checksum_of(text),
    }
    fixture: list[dict] = [{"model": "pledges.program", "fields": fields}]
    keys: Counter[str] = Counter()
    for order, p in enumerate(parsed.pledges):
        key = pledge_key(p.kind, p.text)
        keys[key] += 1
        if keys[key] > 1:  # the same words twice that merging kept apart: number them
            key = f"{key}-{keys[key]}"
        fixture.append(
            {
                "model": "pledges.pledge",
                "fields": {
                    "program": [slug],
                    "key": key,
                    "text": p.display or p.text,
                    "quote": p.text,
                    "page": p.page,
                    "details": p.details,
                    "kind": p.kind,
                    "start": p.start,
                    "end": p.end,
                    "section": p.section or "",
                    "order": order,
                    "areas": [[area] for area in p.areas],
                    "primary_area": [p.primary_area],
                    "confidence": p.confidence,
                    "restatements": [list(span) for span in p.restatements],
                },
            }
        )
    return fixture


def lexicon_from_db() -> Lexicon:
    """The parser's lexicon from the database (editors' parties and areas included): the same
    Lexicon ``Lexicon.from_fixtures`` builds from the reference fixtures."""
    return Lexicon(
        parties=[
            PartyEntry(
                p.abbreviation,
                p.name,
                split_stems(p.name_stems),
                (p.municipality.code if p.municipality else None)
                or (p.region.code if p.region else None),
            )
            for p in Party.objects.select_related("municipality", "region")
        ],
        municipalities=[MunicipalityEntry(m.code, m.name) for m in Municipality.objects.all()],
        areas=[
            AreaEntry(a.slug, a.name, split_stems(a.stems), a.parent.slug if a.parent else None)
            for a in PolicyArea.objects.select_related("parent")
        ],
        fallback_area=PolicyArea.FALLBACK_SLUG,
        regions=[RegionEntry(r.code, r.name, r.forms) for r in Region.objects.order_by("code")],
    )


def dump_fixture(fixture: list[dict]) -> str:
    return json.dumps(fixture, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
