"""From a program text to pledges, each with its exact source span.

The shapes of real program pages this reads:

* lists under a lead-in ("Moderaterna vill", "Västeråsmoderaterna arbetar för att:",
  "Vi verkar för:"), with bullet marks or without, items wrapped over several lines;
* bold headings whose paragraph is their details ("- **Fler fältassistenter!**"), including
  headings that repeat bullets above them;
* prose: "Vi vill …" / "<Party> vill …" sentences (stated pledges) and "ska"/"måste" sentences
  (normative candidates, low confidence, for an editor to accept or reject);
* and the noise around them: a title printed twice, a table of contents with page numbers,
  paragraphs cut by a page break, web boilerplate, lists of past achievements.

A prose sentence that restates a list item or heading is the same pledge: it is merged into it
(kept as a restatement span), not reported twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import words as w
from .areas import classify
from .lexicon import Lexicon, detect_period
from .text import Block, Span, normalize_space, segment, sentences

KINDS = ("list_item", "heading", "stated", "normative")
# Priority when a pledge is stated twice: the more explicit form is kept.
KIND_RANK = {"list_item": 0, "heading": 1, "stated": 2, "normative": 3}
BASE_CONFIDENCE = {"list_item": 0.95, "heading": 0.9, "stated": 0.85, "normative": 0.4}

# A lead-in promises what follows: "Moderaterna vill", "Vi verkar för:", "Våra förslag".
LEAD_CUE_RE = re.compile(
    r"\b(vill|arbetar för|verkar för|kommer att|lovar|löften|vallöften|förslag|prioriterar|"
    r"prioriteringar|driver|satsar på|kräver|vi ska|ska vi)\b",
    re.IGNORECASE,
)
# ... or it lists what was already done: "Det här har vi gjort", "Vi har genomfört:".
PAST_CUE_RE = re.compile(
    r"\b(har\s+(vi\s+)?(\w+\s+)?(genomfört|gjort|infört|åstadkommit|uppnått|levererat|"
    r"fått igenom|drivit igenom|byggt|sänkt|höjt)|vi har\b|genomförda|resultat)",
    re.IGNORECASE,
)
PAST_ITEM_RE = re.compile(r"^(vi\s+)?har\s+(\w+\s+)?\w+(t|it)\b", re.IGNORECASE)
QUESTION_RE = re.compile(r"\?\s*[\"”»]?$")
NORMATIVE_RE = re.compile(r"\b(ska|skall|måste)\b|\bbehöver\s+\w+s\b", re.IGNORECASE)
# "för att vi ska kunna …": a modal inside a purpose clause does not make a norm.
PURPOSE_CLAUSE_RE = re.compile(r"\b(för|så)\s+att\b[^,.]*?\b(ska|skall)\b", re.IGNORECASE)
# "Vi vill bygga ett hållbart samhälle, där …": a vision, not a pledge.
VISION_RE = re.compile(
    r"\bvill\s+(bygga|skapa|ha|se)\s+(ett|en)\s+([\wåäö-]+\s+){0,3}?"
    r"(samhälle|stad|kommun|Sverige|värld|land)\b,?\s+(där|som|för)\b",
    re.IGNORECASE,
)
# "Vi vill betona att …", "Vi vill också framhålla …": speech about speech, not a pledge.
RHETORIC_RE = re.compile(
    r"\s*(också\s+|även\s+|därför\s+)?(be-?tona|framhålla|understryka|poängtera|påminna|"
    r"säga|lyfta fram|tacka|gratulera|välkomna)\b",
    re.IGNORECASE,
)
TRAILING_PUNCT = ".,;: \t\xa0"

# Measured on the seed annotation: every restatement scores >= 0.44, every distinct pledge
# <= 0.25 (see tests/test_parser_seed.py).
RESTATEMENT_COSINE = 0.42
REPEAT_CONTAINMENT = 0.85
CLAUSE_WORDS = 14
MIN_CLAUSE_WORDS = 2

MAX_HEADING_CHARS = 110
MAX_UNMARKED_ITEM_CHARS = 200


@dataclass
class ParsedPledge:
    text: str
    kind: str
    start: int
    end: int
    details: str = ""
    section: str | None = None
    areas: list[str] = field(default_factory=list)
    primary_area: str = ""
    confidence: float = 0.0
    restatements: list[tuple[int, int]] = field(default_factory=list)
    # The span of the sentence's commitment clause (what follows "vill"), for merging.
    clause: str = ""

    def as_dict(self) -> dict:
        return {
            "text": self.text,
            "details": self.details,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
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

    def as_dict(self) -> dict:
        return {
            "party": self.party,
            "municipality": self.municipality,
            "period": self.period,
            "title": self.title,
            "pledges": [p.as_dict() for p in self.pledges],
        }


class _Reader:
    def __init__(self, source: str, lexicon: Lexicon):
        self.src = source
        self.lex = lexicon
        self.blocks = [b for b in segment(source) if b.kind not in ("toc",)]
        self.found: list[ParsedPledge] = []
        self.title: str | None = None

    # --- small predicates -----------------------------------------------------------------

    def text(self, block: Block | Span) -> str:
        return normalize_space(self.src[block.start : block.end])

    def next_block(self, i: int) -> Block | None:
        return self.blocks[i + 1] if i + 1 < len(self.blocks) else None

    def is_lead_in(self, i: int) -> str | None:
        """'pledge' or 'past' when block i introduces the list after it, else None."""
        block = self.blocks[i]
        if block.kind not in ("para", "bold") or not block.single_line:
            return None
        text = self.text(block)
        nxt = self.next_block(i)
        if nxt is None:
            return None
        ends_colon = text.endswith(":")
        if not (nxt.kind == "list" or (ends_colon and nxt.kind == "para")):
            return None
        if not ends_colon and len(text) > MAX_HEADING_CHARS:
            return None
        if PAST_CUE_RE.search(text):
            return "past"
        if LEAD_CUE_RE.search(text):
            return "pledge"
        return None

    def is_heading(self, i: int) -> bool:
        block = self.blocks[i]
        if block.kind == "bold":
            return True
        if block.kind != "para" or not block.single_line:
            return False
        text = self.text(block)
        nxt = self.next_block(i)
        return (
            nxt is not None
            and nxt.kind in ("para", "list", "bold")
            and self._stated_clause(text) is None
            and len(text) <= MAX_HEADING_CHARS
            and len(text.split()) <= 14
            and text[-1] not in ".,;:"
            and not text[0].islower()
        )

    def heading_is_pledge(self, i: int) -> bool:
        """A bold heading states a pledge when it is one of a run of headings each with its
        own paragraph (bulleted, or followed by more of the same); a lone bold heading over
        prose is a section heading."""
        block = self.blocks[i]
        nxt = self.next_block(i)
        if nxt is None or nxt.kind != "para" or self.is_lead_in(i + 1):
            return False
        if block.bulleted or self.text(block).endswith("!"):
            return True
        after = self.blocks[i + 2] if i + 2 < len(self.blocks) else None
        before = self.blocks[i - 2] if i >= 2 else None
        return (after is not None and after.kind == "bold") or (
            before is not None and before.kind == "bold"
        )

    # --- the walk -------------------------------------------------------------------------

    def read(self) -> None:
        section: str | None = None
        lead: str | None = None  # "pledge" or "past" while the list a lead-in announced is due
        i = self._skip_title()
        while i < len(self.blocks):
            block = self.blocks[i]
            if block.kind == "boilerplate":
                lead = None
                i += 1
            elif block.kind == "list":
                if lead == "pledge":
                    for item in block.items:
                        self._add_item(item, section)
                lead = None
                i += 1
            elif kind_of_lead := self.is_lead_in(i):
                if self.text(block).endswith(":") and self.blocks[i + 1].kind == "para":
                    i = self._unmarked_list(i + 1, section, kind_of_lead)
                    lead = None
                else:
                    lead = kind_of_lead
                    i += 1
            elif block.kind == "bold" and self.heading_is_pledge(i):
                self._add_heading(block, self.blocks[i + 1], section)
                i += 2  # the paragraph under the heading is its details
            elif block.kind == "bold" or self.is_heading(i):
                section = self.text(block)
                lead = None
                i += 1
            else:
                self._read_prose(block, section)
                i += 1

    def _skip_title(self) -> int:
        """The title is the first line; a title printed twice is read once."""
        i = 0
        while i < len(self.blocks) and self.blocks[i].kind == "boilerplate":
            i += 1
        if i == len(self.blocks):
            return i
        first = self.blocks[i]
        if first.kind not in ("para", "bold") or not first.single_line:
            return i
        self.title = self.text(first).strip("* ")
        i += 1
        while i < len(self.blocks) and self.text(self.blocks[i]).strip("* ") == self.title:
            i += 1
        return i

    def _unmarked_list(self, i: int, section: str | None, lead: str) -> int:
        """Items without bullet marks after a lead-in ending in ':'. Either the lines of one
        paragraph, or one short line per paragraph until prose or a heading. Returns the index
        of the first block after the list."""
        block = self.blocks[i]
        lines = [ln for ln in block.lines if not ln.blank]
        if len(lines) > 1 and all(ln.end - ln.start <= MAX_UNMARKED_ITEM_CHARS for ln in lines):
            if lead == "pledge":
                for ln in lines:
                    self._add_item(Span(ln.start, ln.end), section)
            return i + 1
        j = i
        while j < len(self.blocks):
            b = self.blocks[j]
            if b.kind != "para" or not b.single_line or b.end - b.start > MAX_UNMARKED_ITEM_CHARS:
                break
            nxt = self.next_block(j)
            if (
                nxt is not None
                and nxt.kind == "para"
                and len(sentences(self.src, nxt.start, nxt.end)) > 1
            ):
                break  # this line is the heading of the prose below it
            if lead == "pledge":
                self._add_item(Span(b.start, b.end), section)
            j += 1
        return j

    # --- making pledges -------------------------------------------------------------------

    def _trimmed(self, start: int, end: int) -> tuple[int, int]:
        while end > start and self.src[end - 1] in TRAILING_PUNCT:
            end -= 1
        while start < end and self.src[start].isspace():
            start += 1
        return start, end

    def _add_item(self, span: Span, section: str | None) -> None:
        start, end = self._trimmed(span.start, span.end)
        text = normalize_space(self.src[start:end])
        if not text or PAST_ITEM_RE.match(text):
            return
        self.found.append(ParsedPledge(text, "list_item", start, end, section=section))

    def _add_heading(self, heading: Block, details: Block, section: str | None) -> None:
        self.found.append(
            ParsedPledge(
                self.text(heading),
                "heading",
                heading.start,
                heading.end,
                details=self.text(details),
                section=section,
            )
        )

    def _read_prose(self, block: Block, section: str | None) -> None:
        for s in sentences(self.src, block.start, block.end):
            sentence = normalize_space(self.src[s.start : s.end])
            if QUESTION_RE.search(sentence) or sentence.endswith(":"):
                continue
            clause = self._stated_clause(sentence)
            if clause is not None:
                if not VISION_RE.search(sentence):
                    self.found.append(
                        ParsedPledge(
                            sentence, "stated", s.start, s.end, section=section, clause=clause
                        )
                    )
                continue
            if PAST_ITEM_RE.match(sentence):
                continue
            if NORMATIVE_RE.search(PURPOSE_CLAUSE_RE.sub("", sentence)):
                self.found.append(
                    ParsedPledge(
                        sentence, "normative", s.start, s.end, section=section, clause=sentence
                    )
                )

    def _stated_clause(self, sentence: str) -> str | None:
        """The commitment in a "Vi vill …" / "<Party> vill …" / "… vill vi …" sentence, or
        None when the sentence is not one."""
        for m in re.finditer(r"\bvill\b", sentence, re.IGNORECASE):
            before = sentence[: m.start()].split()
            after = sentence[m.end() :]
            inverted = re.match(r"\s+vi\b", after, re.IGNORECASE)
            subject = None
            for word in reversed(before[-4:]):
                bare = word.strip(',;:()"”')
                if bare.casefold() == "vi" or self.lex.party_in_word(bare):
                    subject = bare
                    break
                if bare.casefold() in ("som", "att", "man", "de", "alla", "fler", "den", "det"):
                    break
            if subject or inverted:
                rest = after[inverted.end() :] if inverted else after
                if RHETORIC_RE.match(rest):
                    return None
                # "Det vill vi ändra på.": a commitment needs something to commit to.
                return rest if len(w.content_stems(rest)) >= MIN_CLAUSE_WORDS else None
        first = re.match(r"(\S+)\s+(ska|kommer att|lovar att)\b", sentence)
        if first and (first.group(1).casefold() == "vi" or self.lex.party_in_word(first.group(1))):
            return sentence[first.end() :]
        return None

    # --- merging restatements ---------------------------------------------------------------

    def merge_restatements(self) -> None:
        pledges = sorted(self.found, key=lambda p: (KIND_RANK[p.kind], p.start))
        kept: list[ParsedPledge] = []
        for p in pledges:
            target = self._restates(p, kept)
            if target is None:
                kept.append(p)
                continue
            target.restatements.append((p.start, p.end))
            if p.kind == "heading" and p.details and not target.details:
                target.details = p.details
        kept.sort(key=lambda p: p.start)
        self.found = kept

    @staticmethod
    def _restates(p: ParsedPledge, kept: list[ParsedPledge]) -> ParsedPledge | None:
        """The kept pledge that ``p`` says again, if any (the closest one).

        Prose is compared by its commitment clause (what follows "vill", or the whole "ska"
        sentence) with character n-grams; an explicit pledge repeats another only when
        (nearly) all its n-grams are there: identical bullets under two headings, or a bold
        heading repeating a bullet.
        """
        if p.kind in ("stated", "normative"):
            mine = w.ngram_profile(" ".join(p.clause.split()[:CLAUSE_WORDS]))
        else:
            mine = w.ngram_profile(p.text)
        best, best_score = None, 0.0
        for k in kept:
            theirs = w.ngram_profile(k.text)
            if p.kind in ("list_item", "heading"):
                score = w.containment(mine, theirs)
                ok = score >= REPEAT_CONTAINMENT
            else:
                score = w.cosine(mine, theirs)
                ok = score >= RESTATEMENT_COSINE
            if ok and score > best_score:
                best, best_score = k, score
        return best

    # --- areas and confidence ---------------------------------------------------------------

    def classify(self) -> None:
        lex = self.lex
        for p in self.found:
            c = classify(lex.areas, lex.fallback_area, p.text, p.details, p.section or "")
            p.areas = c.areas
            p.primary_area = c.primary
            factor = 1.0 if c.in_text else (0.9 if c.primary != lex.fallback_area else 0.75)
            p.confidence = round(BASE_CONFIDENCE[p.kind] * factor, 2)


def parse_program(source: str, lexicon: Lexicon | None = None) -> ParsedProgram:
    """Parse one program text. ``source`` is the decoded text; offsets index into it."""
    lexicon = lexicon or Lexicon.from_fixtures()
    reader = _Reader(source, lexicon)
    reader.read()
    reader.merge_restatements()
    reader.classify()
    party = lexicon.detect_party(source)
    place = lexicon.detect_municipality(source)
    return ParsedProgram(
        title=reader.title,
        party=party.name if party else None,
        party_abbreviation=party.abbreviation if party else None,
        municipality=place.name if place else None,
        municipality_code=place.code if place else None,
        period=detect_period(source),
        pledges=reader.found,
    )
