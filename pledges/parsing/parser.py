"""From a program text to pledges, each with its exact source span: the pipeline.

1. normalise (``normalise.py``): page furniture marked, pages counted; offsets untouched;
2. blocks (``blocks.py``): headings, list items (mark and level), paragraphs, contents, boilerplate;
3. recognisers (``recognisers.py``): an ordered list of small named rules finding pledges;
4. restatement merge (here): a sentence saying a list item again is that item, not a new pledge;
5. topics (``areas.py``): from the pledge's own words first, then its section heading; a tie
   goes to the topic of the neighbouring pledges, then of the title;
6. metadata (``lexicon.py``): party, municipality or region, period and title as the text states.

Every pledge has its exact source span (``text[start:end]``), a display text (list marks and
Markdown removed, hyphenation joined, capitalised, a leading "att" dropped) and its page.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cache

from . import words as w
from .areas import Classification, classify
from .blocks import Block, segment
from .cues import Cues
from .lexicon import Lexicon, detect_period
from .normalise import Pages, clean
from .recognisers import RULES, Reader
from .text import normalize_space

# Priority when a pledge is stated twice: the more explicit form is kept.
KIND_RANK = {"list_item": 0, "heading": 1, "stated": 2, "normative": 3}
BASE_CONFIDENCE = {"list_item": 0.95, "heading": 0.9, "stated": 0.85, "normative": 0.4}

# Measured on the seed annotation: every restatement scores >= 0.44, every distinct pledge
# <= 0.25 (see tests/test_parser_seed.py).
RESTATEMENT_COSINE = 0.42
SAME_PROSE_COSINE = 0.7
REPEAT_CONTAINMENT = 0.85
CLAUSE_WORDS = 14
TITLE_MAX_WORDS = 16


@dataclass
class ParsedPledge:
    text: str  # the source span with its white space normalised (the quote)
    kind: str
    start: int
    end: int
    display: str = ""  # what the site shows as the pledge
    details: str = ""
    section: str | None = None
    areas: list[str] = field(default_factory=list)
    primary_area: str = ""
    confidence: float = 0.0
    page: int | None = None
    rule: str = ""
    restatements: list[tuple[int, int]] = field(default_factory=list)
    # The span of the sentence's commitment clause (what follows "vill"), for merging.
    clause: str = ""

    def as_dict(self) -> dict:
        return {
            "text": self.display,
            "quote": self.text,
            "details": self.details,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "page": self.page,
            "section": self.section,
            "areas": self.areas,
            "primary_area": self.primary_area,
            "confidence": self.confidence,
        }


@dataclass
class ParsedProgram:
    title: str | None
    party: str | None  # the party's name as the lexicon has it, or None
    party_abbreviation: str | None
    municipality: str | None
    municipality_code: str | None
    period: str | None
    pledges: list[ParsedPledge]
    region: str | None = None
    region_code: str | None = None

    @property
    def period_start(self) -> int | None:
        """The election year the stated period starts with ("2026–2030" → 2026)."""
        return int(self.period[:4]) if self.period else None

    def as_dict(self) -> dict:
        return {
            "party": self.party,
            "municipality": self.municipality,
            "region": self.region,
            "period": self.period,
            "title": self.title,
            "pledges": [p.as_dict() for p in self.pledges],
        }


def display_text(kind: str, quote: str) -> str:
    """The pledge as the site shows it: clean, capitalised, without a list item's "att"."""
    text = clean(quote)
    if kind == "list_item" and text[:4].casefold() == "att " and len(text) > 4:
        text = text[4:]
    return text[:1].upper() + text[1:]


TITLE_SITE_SEPARATOR_RE = re.compile(r"\s+\|\s+")
TITLE_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])")


def title_text(line: str) -> str:
    """A heading line as a title: list marks and slashes trimmed, a web page's site name
    ("Vår politik | Sverigedemokraterna i Falköping") and any sentences after the first cut."""
    text = line.strip("*•/|>»- \t")
    text = TITLE_SITE_SEPARATOR_RE.split(text, maxsplit=1)[0]
    return TITLE_SENTENCE_END_RE.split(text, maxsplit=1)[0].strip()


def find_title(reader: Reader) -> int:
    """The document's own heading: the first short line that is not navigation, a date or a
    lead-in. Lines before it are skipped; a title printed twice is read once. Returns the index
    of the first block after it."""
    blocks, cues = reader.blocks, reader.cues
    for i, block in enumerate(blocks[:8]):
        if block.kind in ("boilerplate", "toc"):
            continue
        text = title_text(reader.text(block))
        if not text or any(r.search(text) for r in cues.not_title) or not block.single_line:
            if block.single_line and len(text.split()) <= 3:
                continue  # navigation above the title
            return i
        nxt = reader.at(i + 1)
        if (
            text.endswith((":", ".", ","))
            or len(text.split()) > TITLE_MAX_WORDS
            or reader.stated_clause(text) is not None  # "Vi vill sänka skatten" is a pledge
            or (block.kind == "item" and nxt is not None and nxt.kind == "item")
        ):
            return i
        reader.title = text
        j = i + 1
        while j < len(blocks) and title_text(reader.text(blocks[j])) == text:
            j += 1
        return j
    return 0


def read_blocks(reader: Reader) -> None:
    i = find_title(reader)
    while i < len(reader.blocks):
        for rule in RULES:
            nxt = rule(reader, i)
            if nxt is not None:
                i = max(nxt, i + 1)
                break
        else:  # no rule took the block: it is not part of any pledge
            i += 1


def to_pledges(reader: Reader, pages: Pages) -> list[ParsedPledge]:
    out = []
    for f in reader.found:
        quote = normalize_space(reader.src[f.start : f.end])
        out.append(
            ParsedPledge(
                text=quote,
                kind=f.kind,
                start=f.start,
                end=f.end,
                display=display_text(f.kind, reader.src[f.start : f.end]),
                details=clean(f.details) if f.details else "",
                section=clean(f.section) if f.section else None,
                page=pages.page_at(f.start),
                rule=f.rule,
                clause=f.clause,
            )
        )
    return out


@dataclass
class _Profile:
    """A pledge's character n-grams, with their total and norm worked out once."""

    grams: dict[str, int]
    total: int
    norm: float

    @classmethod
    def of(cls, text: str) -> _Profile:
        grams = dict(w.ngram_profile(text))
        return cls(grams, sum(grams.values()), math.sqrt(sum(v * v for v in grams.values())))


def merge_restatements(found: list[ParsedPledge]) -> list[ParsedPledge]:
    """Keep one pledge per commitment: a later, less explicit statement of a kept pledge
    becomes one of its restatement spans.

    Prose is compared by its commitment clause (what follows "vill", or the whole "ska"
    sentence) with character n-grams; an explicit pledge repeats another only when (nearly)
    all its n-grams are there (identical bullets under two headings, a bold heading repeating
    a bullet). Only kept pledges sharing an n-gram are compared, through an index, so that a
    long program does not compare every pledge with every other.
    """
    kept: list[ParsedPledge] = []
    profiles: list[_Profile] = []
    index: dict[str, list[int]] = {}
    for p in sorted(found, key=lambda p: (KIND_RANK[p.kind], p.start)):
        prose = p.kind in ("stated", "normative")
        mine = _Profile.of(" ".join(p.clause.split()[:CLAUSE_WORDS]) if prose else p.text)
        shared: dict[int, float] = {}
        for gram, count in mine.grams.items():
            for j in index.get(gram, ()):
                theirs = profiles[j].grams[gram]
                shared[j] = shared.get(j, 0) + (count * theirs if prose else min(count, theirs))
        best, best_score = None, 0.0
        for j, overlap in shared.items():
            if prose:
                score = overlap / (mine.norm * profiles[j].norm)
                # Prose says an explicit item again; two prose sentences are one pledge only
                # when they say nearly the same ("… införa X." / "Inför Y för Z." are two).
                explicit = kept[j].kind in ("list_item", "heading")
                ok = score >= (RESTATEMENT_COSINE if explicit else SAME_PROSE_COSINE)
            else:
                score = overlap / mine.total
                ok = score >= REPEAT_CONTAINMENT
            if ok and (score > best_score or (score == best_score and j < best)):
                best, best_score = j, score
        if best is None:
            own = _Profile.of(p.text) if prose else mine  # what later pledges compare with
            for gram in own.grams:
                index.setdefault(gram, []).append(len(kept))
            profiles.append(own)
            kept.append(p)
            continue
        target = kept[best]
        target.restatements.append((p.start, p.end))
        if p.kind == "heading" and p.details and not target.details:
            target.details = p.details
    for p in kept:
        p.restatements.sort()  # in the order they stand in the text
    return sorted(kept, key=lambda p: p.start)


def assign_topics(pledges: list[ParsedPledge], lexicon: Lexicon, title: str | None = None) -> None:
    """Each pledge's topics from its own words, details and section (``areas.classify``). The
    pledge's surroundings (a program keeps a subject's pledges together, also under no heading)
    speak where these leave a tie, and where they name no topic at all: the topic the pledge
    before it or after it names clearly in its own words, then, for a tie, the program's
    title. "Fasta vikarier" between two pledges on the school is about the school."""

    def topics(p: ParsedPledge, context: tuple[str, ...] = ()):
        return classify(
            lexicon.areas, lexicon.fallback_area, p.text, p.details, p.section or "", context
        )

    found = [topics(p) for p in pledges]
    # only topics found clearly in a pledge's own words speak for its neighbours
    clear = [c.primary if c.in_text and not c.tied else None for c in found]
    titled = classify(lexicon.areas, lexicon.fallback_area, title) if title else None
    program = (titled.primary,) if titled and titled.in_text and not titled.tied else ()
    for i, (p, c) in enumerate(zip(pledges, found, strict=True)):
        near = [clear[j] for j in (i - 1, i + 1) if 0 <= j < len(clear) and clear[j]]
        if c.tied and (near or program):
            found[i] = topics(p, (*near, *program))
        elif c.primary == lexicon.fallback_area and near:
            found[i] = Classification([near[0]], near[0], in_text=False)
    for p, c in zip(pledges, found, strict=True):
        p.areas = c.areas
        p.primary_area = c.primary
        factor = 1.0 if c.in_text else (0.9 if c.primary != lexicon.fallback_area else 0.75)
        p.confidence = round(BASE_CONFIDENCE[p.kind] * factor, 2)


@cache
def default_lexicon() -> Lexicon:
    """The lexicon of the reference fixtures, read once."""
    return Lexicon.from_fixtures()


def parse_program(source: str, lexicon: Lexicon | None = None) -> ParsedProgram:
    """Parse one program text. ``source`` is the decoded text; offsets index into it."""
    lexicon = lexicon or default_lexicon()
    cues = Cues.load()
    pages = Pages(source)  # 1. normalise (furniture is marked while cutting blocks)
    blocks: list[Block] = segment(source, cues)  # 2. blocks
    reader = Reader(source, lexicon, cues, blocks)
    read_blocks(reader)  # 3. recognisers
    pledges = merge_restatements(to_pledges(reader, pages))  # 4. restatement merge
    assign_topics(pledges, lexicon, reader.title)  # 5. topics
    place = lexicon.detect_place(source)  # 6. metadata
    party = lexicon.detect_party(source, place.code if place else None)
    return ParsedProgram(
        title=reader.title,
        party=party.name if party else None,
        party_abbreviation=party.abbreviation if party else None,
        municipality=place.name if place and place.kind == "municipality" else None,
        municipality_code=place.code if place and place.kind == "municipality" else None,
        region=place.name if place and place.kind == "region" else None,
        region_code=place.code if place and place.kind == "region" else None,
        period=detect_period(source),
        pledges=pledges,
    )
