"""Stage 3, recognisers: an ordered list of small named rules that find pledges in blocks.

The reader walks the blocks. At each block it tries ``RULES`` in order; the first rule that
answers (returns the index of the next block to read) has handled the block. A rule may add
pledges (``reader.add``) and change the reading state: the current section heading, and
whether a lead-in ("Vi vill:", "Det här har vi gjort:") has announced pledges or achievements.

To teach the parser a new shape, add a rule here (or a cue word in ``cues/``), with a sample
under ``tests/data/`` and a test; see the package README. All rules stay in this one module
(over 300 lines) so that their order, which decides which rule handles a block, reads top to
bottom in one place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from . import words as w
from .blocks import OPEN_END_RE, Block
from .cues import Cues
from .lexicon import Lexicon
from .text import Span, normalize_space, sentences

MAX_HEADING_CHARS = 110
MAX_ITEM_CHARS = 260
WORD_RE = re.compile(r"[^\W\d_]{2,}")
MIN_CLAUSE_WORDS = 1
ADVERB_RE = re.compile(r"^(också|även|därför)\s+", re.IGNORECASE)
ANAPHORIC_RE = re.compile(r"^(det|detta|dit|så|dessa|den)\s+\w+\s+vi\b", re.IGNORECASE)
ANAPHORIC_OBJECT_RE = re.compile(
    r"^\s*(\w+\s+){1,2}?(detta|det|dessa|det\s+här|på\s+det)\s*[.!]?\s*$", re.IGNORECASE
)
QUESTION_RE = re.compile(r"\?\s*[\"”»]?$")
# "Vi har infört …", "Har byggt …": an achievement.
PAST_ITEM_RE = re.compile(r"^(vi\s+)?har\s+(\w+\s+)?\w+(t|it)\b", re.IGNORECASE)
# "en politik som:", "ett parti som:": a lead-in whose items finish a description.
DESCRIBED_RE = re.compile(r"\bsom\s*:?\s*$", re.IGNORECASE)
# "# 5 Maja Ramström, Strömsund", "Paul van den Brink, Krokom": a candidate on a list of
# names, not a commitment (a name of two to four words, a place after the comma).
PERSON_ITEM_RE = re.compile(
    r"^(#\s*)?(\d+\.?\s+)?[A-ZÅÄÖÉ][\w-]+(\s+([A-ZÅÄÖÉ][\w.-]*|van|von|de|den|der|af|la|le)){1,3}"
    r",\s*[A-ZÅÄÖ][\w-]+(\s+[A-ZÅÄÖ][\w-]+)?$"
)
# "• Ska verka för att …", "• Kommer att arbeta för …": an item under a category ("Barn &
# ungdom:") whose subject is the party, left out.
SUBJECTLESS_COMMITMENT_RE = re.compile(r"^(ska|skall|kommer\s+att|vill)\s+\w+", re.IGNORECASE)
# "Sjöbopartiet vill …": a party named after its place, as local parties often are, speaks
# for itself even where the lexicon does not know it.
LOCAL_PARTY_NAME_RE = re.compile(r"^[A-ZÅÄÖ]\w*partiet$")
# "Förskola och Skola", "Tillgänglighet & Trygghet": two topics named, a heading's words.
TOPIC_PAIR_RE = re.compile(r"^\w+(\s+\w+)?\s+(och|&)\s+\w+$")
# "Partiet skall verka för …", "Partiets arbete skall präglas av …": how the party works, its
# statutes, not what it promises to do in the municipality or region.
PARTY_WORDS = r"(partiet|partiets|partiers|vårt\s+parti)\b"
PARTY_ITEM_RE = re.compile(rf"^(att\s+)?{PARTY_WORDS}", re.IGNORECASE)
PARTY_WORD_RE = re.compile(rf"\b{PARTY_WORDS}", re.IGNORECASE)
# "för att vi ska kunna …": a modal inside a purpose clause does not make a norm.
PURPOSE_CLAUSE_RE = re.compile(r"\b(för|så)\s+att\b[^,.]*?\b(ska|skall)\b", re.IGNORECASE)
# "… har allvarliga brister som måste åtgärdas": a modal in a relative clause describes what
# the main clause speaks of; the sentence states a problem.
RELATIVE_MODAL_RE = re.compile(r"\bsom\s+(inte\s+)?(ska|skall|måste|bör|behöver)\b", re.IGNORECASE)
# "måste", "bör": modals that, unlike "ska", make a wish in a commitment clause a demand.
OTHER_MODAL_RE = re.compile(r"\b(måste|bör)\b", re.IGNORECASE)
# "Kommunen ska …", "Därför ska alla beslut …": "ska" the finite verb of the main clause,
# after a subject (or a fronted word and the inverted subject) of at most six words.
MAIN_SKA_RE = re.compile(
    r"^([^\W\d_][^\s,;:]*(?:\s+[^\s,;:]+){0,5}?)\s+(?:ska|skall)\s", re.IGNORECASE
)
# "… avgörs hur regionen ska ledas": an indirect question, not the main clause.
QUESTION_WORDS = frozenset("hur vad vem vilka vilken vilket varför huruvida".split())
# Subjects that make a "ska" sentence a norm for people or about nothing in particular.
NOT_RULE_SUBJECT = frozenset("det vi man de den du ni jag detta dessa där här om när".split())
# Words that stop the search for a subject before a commitment verb ("de som vill …").
NOT_SUBJECT = frozenset("som att man de alla fler den det många ingen du ni".split())
# "… för att vi ska kunna …": "ska" after one of these is a subordinate clause, no pledge.
SUBORDINATORS = frozenset("att som om när eftersom då där innan medan tills så".split())
# "… som vi anser kommer att …": after these, whatever the verb, the clause is not the pledge.
RELATIVE = SUBORDINATORS - {"att", "så"}
TRAILING_PUNCT = ".,;: \t\xa0"
# "Ny forskning visar …", "Mer information finns …": a report, not an outcome to promise.
REPORTING_RE = re.compile(r"\b(visar|finns|fanns|är|var|har|hade|blir|blev|kan)\b", re.IGNORECASE)
# a number or a year makes a wished-for state checkable ("ska vara fossilfritt till 2030")
NUMBER_RE = re.compile(r"\d")
# "det är viktigt att …", "är dags att …": a judgement that asks for what follows it
EVALUATIVE_ATT_RE = re.compile(r"\b(är|var)\s+(\w+\s+)?att\b", re.IGNORECASE)
# "Vårt mål är att …", "Stenungsundspartiets målsättning är att …", "Vi har som mål att …":
# a goal the party sets itself. What follows is judged as a "ska" sentence is: a pledge when
# checkable ("Vårt mål är 300 lägenheter per år"), else a candidate for an editor.
GOAL_RE = re.compile(
    r"^(?:(?:också|även|därför)\s+)?(?:"
    r"(?:vårt|vår|våra|[\w-]+s)\s+(?:\w+\s+)?(?:mål|målsättning|ambition|avsikt)\s+"
    r"(?:\w+\s+){0,3}?är\s+(?:att\s+)?"
    r"|vi\s+har\s+(?:\w+\s+)?som\s+(?:mål|målsättning|ambition)\s+att\s+)",
    re.IGNORECASE,
)
# A line that stops mid-sentence, to go on in the list below it ("Vår ideologi grundar sig på").


@dataclass
class Found:
    """A pledge as a recogniser finds it (the parser adds topics, display text and page)."""

    kind: str
    start: int
    end: int
    section: str | None
    details: str = ""
    clause: str = ""  # for prose: the commitment clause, used to merge restatements
    rule: str = ""


@dataclass
class Reader:
    src: str
    lex: Lexicon
    cues: Cues
    blocks: list[Block]
    found: list[Found] = field(default_factory=list)
    section: str | None = None
    # While a lead-in's list is due: "pledge", "past" (achievements) or "other" (a list
    # announced by a line that promises nothing).
    lead: str | None = None
    title: str | None = None

    def text(self, block: Block | Span) -> str:
        return normalize_space(self.src[block.start : block.end])

    def at(self, i: int) -> Block | None:
        return self.blocks[i] if 0 <= i < len(self.blocks) else None

    def add(self, kind: str, start: int, end: int, rule: str, **extra) -> None:
        """Record a pledge. An item or heading is trimmed of its closing punctuation; a
        sentence keeps its full stop."""
        trailing = TRAILING_PUNCT if kind in ("list_item", "heading") else " \t\xa0"
        while end > start and self.src[end - 1] in trailing:
            end -= 1
        while start < end and self.src[start].isspace():
            start += 1
        if end > start:
            self.found.append(Found(kind, start, end, self.section, rule=rule, **extra))

    # --- shared judgements ------------------------------------------------------------------

    def lead_kind(self, block: Block) -> str | None:
        """'pledge' or 'past' when the block's words introduce a list, else None."""
        text = self.text(block)
        if self.cues.past.search(text):
            return "past"
        if DESCRIBED_RE.search(text):
            return None  # "… vill forma en politik som:": what follows describes, not commits
        words = text.rstrip(":").split()
        if self.cues.lead_in.search(text) or (words and self.lex.party_in_word(words[-1])):
            return "pledge"
        return None

    def is_lead_in(self, i: int) -> str | None:
        """Block i introduces the list (or the paragraphs) after it: returns its kind."""
        block, nxt = self.at(i), self.at(i + 1)
        if block is None or nxt is None or block.kind not in ("para", "heading"):
            return None
        text = self.text(block)
        if text.endswith(":"):
            if nxt.kind in ("item", "para", "heading"):
                return self.lead_kind(block)
            return None
        if not block.single_line or len(text) > MAX_HEADING_CHARS or text.endswith((".", "?")):
            return None
        if nxt.kind == "item" or (nxt.kind == "heading" and self._items_after(i + 1)):
            return self.lead_kind(block)
        return None

    def _items_after(self, i: int) -> bool:
        nxt = self.at(i + 1)
        return nxt is not None and nxt.kind == "item"

    def section_has_list(self, i: int) -> bool:
        """Does the section under heading i announce its own list of pledges? Then the heading
        is the section's title ("Bekämpa hemlöshet" over "Miljöpartiet vill:" and a list)."""
        j = i + 1
        while j < len(self.blocks) and self.blocks[j].kind not in ("heading", "toc"):
            if self.is_lead_in(j) == "pledge":
                return True
            block = self.blocks[j]
            if (
                block.kind == "para"
                and block.single_line
                and j > i + 1
                and self.looks_like_heading(j)
            ):
                break  # the next section
            j += 1
        return False

    def looks_like_heading(self, i: int) -> bool:
        """A short line standing alone above more text, not itself a sentence."""
        block = self.blocks[i]
        if block.kind == "heading":
            return True
        if block.kind != "para" or not block.single_line:
            return False
        text = self.text(block)
        nxt = self.at(i + 1)
        return (
            nxt is not None
            and nxt.kind in ("para", "item", "heading")
            and self.stated_clause(text) is None
            and not self.is_checkable_norm(text)
            and len(text) <= MAX_HEADING_CHARS
            and len(text.split()) <= 14
            and text[-1] not in ".,;:"
            and not text[0].islower()
        )

    def is_norm(self, sentence: str) -> bool:
        """Has the sentence a "ska"/"måste" of its own (not the one of a purpose clause: "… så
        att ingen ska behöva pendla", nor of a relative clause: "brister som måste åtgärdas")?"""
        own = RELATIVE_MODAL_RE.sub("", PURPOSE_CLAUSE_RE.sub("", sentence))
        return bool(self.cues.normative.search(own))

    def is_checkable_norm(self, sentence: str) -> bool:
        """A "ska"/"måste" sentence that commits to a change one could check ("Pendlingen ska
        underlättas med fler cykelleder"), also without its full stop: never a heading. After
        a fronted purpose clause ("För att …, måste …") its main clause is judged."""
        if not self.is_norm(sentence):
            return False
        main = self.main_clause(sentence)
        return self.cues.is_checkable(main) or self.is_rule(main)

    def is_vague_clause(self, clause: str) -> bool:
        """Does a commitment clause wish for a state, not a change, as a vague "ska" sentence
        does (cues/vague.txt)? "Vi vill att fritiden ska växa", "Vi ska fortsätta att vara en
        pådrivande kraft": the clause is read as if "ska" opened it. A "ska" in a purpose
        clause ("… så att ingen ska behöva pendla") does not count."""
        clause = "ska " + PURPOSE_CLAUSE_RE.sub("", clause).strip()
        # Only "ska": "vill att socialtjänsten måste vara en attraktiv arbetsplats" demands
        # a change (the seed annotation counts it).
        clause = OTHER_MODAL_RE.sub("_", clause)
        return any(v.search(clause) for v in self.cues.vague)

    def is_rule(self, sentence: str) -> bool:
        """A "ska" sentence whose subject is a thing ("Kommunen ska ha en koldioxidbudget",
        "Godstågen skall gå på de gamla spåren", "Därför ska alla beslut fattas …"): a rule one
        could check, unless it states a value (cues/vague.txt) or is mostly values."""
        m = MAIN_SKA_RE.match(sentence)
        if not m or m.group(1).split()[0].casefold() in NOT_RULE_SUBJECT:
            return False
        if any(
            x.strip(",").casefold() in SUBORDINATORS | QUESTION_WORDS for x in m.group(1).split()
        ):
            return False
        verb = sentence[m.end() :].split()[:1]
        if verb and self.cues.weak_verb.fullmatch(verb[0].strip(",.")):
            return False  # "ska ge trygghet", "ska ges förutsättningar"
        return not (
            any(v.search(sentence) for v in self.cues.vague) or self.cues.is_abstract(sentence)
        )

    def is_opinion(self, sentence: str, clause: str) -> bool:
        """An opinion verb opening an att-clause that only states how things are (its main verb
        "är", no modal): "Vi anser att det inte är politikens uppgift …" commits to nothing."""
        before = sentence[: len(sentence) - len(clause)] if sentence.endswith(clause) else ""
        return bool(
            self.cues.opinion_end.search(before)
            and self.is_statement(clause)
            and not self.cues.normative.search(clause)
            and not EVALUATIVE_ATT_RE.search(clause)
        )

    def is_vision(self, sentence: str) -> bool:
        return bool(self.cues.vision.search(sentence))

    def stated_clause(self, sentence: str) -> str | None:
        """The commitment in "Vi vill …", "<Parti> lovar att …", "Därför vill vi …", or None."""
        for m in self.cues.commitment_after.finditer(" " + sentence):
            start, end = m.start(), m.end() - 1  # offsets in sentence (the leading space)
            before = sentence[:start].split()
            after = sentence[end:]
            inverted = re.match(r"[\s\xa0]+vi\b", after, re.IGNORECASE)
            subject = None
            for k in range(len(before) - 1, max(len(before) - 5, -1), -1):
                bare = before[k].strip(",;:()\"“”«»‘’'")
                if (
                    self.cues.subjects.fullmatch(bare)
                    or self.lex.party_in_word(bare)
                    or self.lex.is_abbreviation(bare)
                    or LOCAL_PARTY_NAME_RE.match(bare)
                ):
                    modal = m.group().strip().casefold() in ("ska", "skall")
                    left = before[k - 1].strip(",").casefold() if k else ""
                    # "… en vision om hur vi vill utveckla kommunen": an indirect question
                    # names what a commitment is about, it makes none.
                    embedded = left in RELATIVE or left in QUESTION_WORDS
                    if not (embedded or (modal and left in SUBORDINATORS)):
                        subject = bare
                    break
                if bare.casefold() in NOT_SUBJECT:
                    break
            if not (subject or inverted):
                continue
            rest = after[inverted.end() :] if inverted else after
            # "Vi vill också betona …": speech about speech, whatever adverb comes first.
            if self.cues.rhetoric.match(ADVERB_RE.sub("", rest.lstrip(" ,"))):
                return None
            # "Det vill vi ändra på.", "Vi vill förändra detta.": a commitment that points back
            # is not one of its own.
            if (inverted and ANAPHORIC_RE.match(sentence)) or ANAPHORIC_OBJECT_RE.match(rest):
                return None
            return rest if len(w.content_stems(rest)) >= MIN_CLAUSE_WORDS else None
        return None

    def is_statement(self, sentence: str) -> bool:
        """Has the sentence a finite verb of its own in its main clause ("Att bygga … handlar
        om …", "Öppna nämnder … är exempel"), so that what opens it is its subject, not a
        proposal? A verb after "som", "där", "att" … belongs to a subordinate clause."""
        for m in self.cues.statement_verb.finditer(sentence):
            before = sentence[: m.start()].split()
            if before and before[-1].strip(",").casefold() not in SUBORDINATORS:
                return True
        return False

    def main_clause(self, sentence: str) -> str:
        """The main clause of a sentence that fronts a purpose clause (cues/purpose.txt), from
        its modal on: "För att bibehålla kvaliteten måste grupperna bli mindre" → "måste
        grupperna bli mindre". A modal inside the purpose clause ("För att alla ska …") is
        passed over. Any other sentence is its own main clause."""
        if not self.cues.purpose_start.match(sentence):
            return sentence
        rest = PURPOSE_CLAUSE_RE.sub("", sentence, count=1)
        m = self.cues.normative.search(rest)
        return rest[m.start() :] if m else sentence

    def is_reasoning(self, sentence: str) -> bool:
        """Does the sentence's modal stand in an att-clause after a verb of reasoning ("Vi
        utgår från att vi inte behöver höja skatten", "… vilket innebär att fler beslut ska
        fattas i samråd", cues/reasoning.txt)? Then the sentence argues; it commits to
        nothing."""
        m = self.cues.reasoning.search(sentence)
        modal = self.cues.normative.search(sentence)
        return bool(m and modal and m.end() <= modal.start())

    def is_field_of_work(self, heading: str) -> bool:
        """A heading that opens with a general verb (cues/weak.txt) and names no more than a
        field of work: "Värna de utsatta", "Skapa goda förutsättningar för hela kommunen".
        A section, not a pledge ("Inför nolltaxa i kollektivtrafiken" is one)."""
        words = heading.split()
        return bool(
            words
            and self.cues.weak_verb.fullmatch(words[0].casefold())
            and (len(words) <= 3 or self.cues.is_abstract(heading))
        )

    def is_item_pledge(self, text: str, led: bool = False) -> bool:
        """An item names a commitment unless it is an achievement, a question, a candidate
        ("Maja Ramström, Strömsund"), or a bare topic: a heading in capitals ("TRYGGHET FÖR
        ÄLDRE"), two fields named as a pair ("Skola och utbildning", also under a lead-in: a
        category of the list) or, where no lead-in announced pledges, one or two words
        ("Skolan"); unless it opens like a proposal ("Sänkt skatt" does)."""
        if (
            not text
            or PAST_ITEM_RE.match(text)
            or QUESTION_RE.search(text)
            or PERSON_ITEM_RE.match(text)
        ):
            return False
        if PARTY_ITEM_RE.match(text):
            return False  # the party's own statutes ("Partiet skall verka för …")
        n = len(text.split())
        topic_like = (
            (text.isupper() and n <= 5)
            or (n <= 4 and TOPIC_PAIR_RE.match(text))
            or (not led and n <= 2)
        )
        return not topic_like or self.cues.is_proposal(text)


Rule = Callable[[Reader, int], "int | None"]


def furniture(r: Reader, i: int) -> int | None:
    """Boilerplate and tables of contents are skipped; boilerplate ends a lead-in."""
    block = r.blocks[i]
    if block.kind in ("boilerplate", "toc"):
        if block.kind == "boilerplate":
            r.lead = None
        return i + 1
    return None


def lead_in(r: Reader, i: int) -> int | None:
    """A lead-in announces a list: "Vi vill:", "Sverigedemokraterna vill att:", "Vi verkar för"
    (no colon), "Det här har vi gjort:" (achievements). Its items may be marked, unmarked
    lines, or, after a colon, paragraphs ("Därför vill vi:" and a paragraph per proposal)."""
    kind = r.is_lead_in(i)
    if kind is None:
        block, nxt = r.blocks[i], r.at(i + 1)
        text = r.text(block)
        if (
            block.kind == "para"
            and (text.endswith(":") or OPEN_END_RE.search(text))
            and nxt
            and nxt.kind == "item"
        ):
            # "Vår ideologi grundar sig på" / "… är ett centralt begrepp:": a list is
            # announced, but not as pledges.
            r.lead = "other"
        return None
    r.lead = kind
    block, nxt = r.blocks[i], r.blocks[i + 1]
    sub_heading = r._items_after(i + 1) and r.looks_like_heading(i + 1)
    if r.text(block).endswith(":") and nxt.kind == "para" and not sub_heading:
        return unmarked_items(r, i + 1, kind)
    return i + 1


def unmarked_items(r: Reader, i: int, kind: str) -> int:
    """Items without marks after a lead-in ending in ':'. Either the lines of one paragraph
    (a short line starting in lower case carries on the line above), or one paragraph per
    item until a heading or a different kind of text."""
    block = r.blocks[i]
    lines = [ln for ln in block.lines if not ln.blank]
    if len(lines) > 1 and all(ln.end - ln.start <= MAX_ITEM_CHARS for ln in lines):
        spans: list[Span] = []
        for ln in lines:
            text = r.src[ln.start : ln.end]
            prev = r.src[spans[-1].start : spans[-1].end] if spans else ""
            if spans and text[:1].islower() and not re.search(r"[.!;:]$", prev):
                spans[-1].end = ln.end
            else:
                spans.append(Span(ln.start, ln.end))
        if kind == "pledge":
            for s in spans:
                if r.is_item_pledge(r.text(s), led=True):
                    r.add("list_item", s.start, s.end, "unmarked_items")
        r.lead = None
        return i + 1
    j = i
    while j < len(r.blocks):
        b = r.blocks[j]
        if b.kind != "para" or r.is_lead_in(j):
            break
        spans = sentences(r.src, b.start, b.end)
        first = r.text(spans[0]) if spans else ""
        if r.is_statement(first) and not r.is_norm(first) and not r.cues.is_proposal(first):
            pass  # "Ett välmående samhälle kräver tillväxt.": an argument between proposals
        elif len(spans) > 1:
            # A paragraph per proposal: its first sentence is the pledge, the rest details.
            if kind == "pledge" and r.is_item_pledge(first):
                rest = normalize_space(r.src[spans[1].start : b.end])
                r.add("list_item", spans[0].start, spans[0].end, "unmarked_items", details=rest)
        elif kind == "pledge" and r.is_item_pledge(r.text(b)):
            r.add("list_item", b.start, b.end, "unmarked_items")
        j += 1
        nxt = r.at(j)
        if nxt is not None and nxt.kind == "para" and r.looks_like_heading(j):
            break
    r.lead = None
    return j


STATUTES_SHARE = 1 / 3


def is_statutes(r: Reader, run: list[Block]) -> bool:
    """A list that speaks of the party itself in a third of its items or more ("Partiet
    skall verka för …", "Alla … kan vara medlem i partiet", "… skall prägla partiets
    arbete"): the party's statutes, whose other items are principles, not pledges."""
    own = sum(bool(PARTY_WORD_RE.search(r.text(b))) for b in run)
    return len(run) >= 3 and own >= STATUTES_SHARE * len(run)


def list_item(r: Reader, i: int) -> int | None:
    """A marked list item. Under a pledge lead-in it is a pledge; under an achievements lead-in
    it is not. A list with no lead-in in a program is read as pledges too, but for items of one
    or two words that do not open like a proposal ("Trygghet", "Skolan": topics, not
    commitments)."""
    block = r.blocks[i]
    if block.kind != "item":
        return None
    j = i
    while j < len(r.blocks) and r.blocks[j].kind == "item":
        j += 1
    run = r.blocks[i:j]
    nxt = r.at(j)
    if (
        len(run) == 1
        and run[0].mark[:1].isdigit()
        and nxt is not None
        and nxt.kind == "para"
        and not r.cues.is_proposal(r.text(run[0]))
    ):
        # "1. Uppsala ska växa hållbart" over its paragraph: a numbered section heading.
        r.section = r.text(run[0])
        return j
    if r.lead == "past" or is_statutes(r, run):
        pledges = []
    elif r.lead == "other":
        pledges = [
            b
            for b in run
            if r.cues.is_proposal(r.text(b)) or SUBJECTLESS_COMMITMENT_RE.match(r.text(b))
        ]
    else:
        pledges = run
    for b in pledges:
        text = r.text(b)
        if r.is_item_pledge(text, led=r.lead == "pledge") and not (
            text.endswith(":") and b is run[-1]
        ):
            r.add("list_item", b.start, b.end, "list_item")
    if r.lead in ("past", "other"):
        r.lead = None
    return j


def heading_with_paragraph(r: Reader, i: int) -> int | None:
    """A bold heading that states a pledge, its paragraph the details: one of a run of such
    headings, or bulleted, or ending in '!' ("- **Fler fältassistenter!**")."""
    block, nxt = r.blocks[i], r.at(i + 1)
    if block.kind != "heading" or nxt is None or nxt.kind != "para" or r.is_lead_in(i + 1):
        return None
    after, before = r.at(i + 2), r.at(i - 2)
    text = r.text(block)
    if not WORD_RE.search(text):  # a page or chapter number is no pledge
        return None
    if (
        not r.is_item_pledge(text, led=True)
        or r.is_field_of_work(text)
        or not (
            block.bulleted
            or text.endswith("!")
            or (after is not None and after.kind == "heading" and not r.is_lead_in(i + 2))
            or (before is not None and before.kind == "heading" and not r.is_lead_in(i - 2))
        )
    ):
        return None
    r.add("heading", block.start, block.end, "heading_with_paragraph", details=r.text(nxt))
    return i + 2


def heading_proposal(r: Reader, i: int) -> int | None:
    """A heading that is itself a proposal ("Max 20 minuter till skolan", "Inför nolltaxa i
    kollektivtrafiken"): a pledge, and the section for the text under it."""
    block = r.blocks[i]
    if not r.looks_like_heading(i):
        return None
    text = r.text(block)
    n = len(text.split())
    verb_led = r.cues.proposal_start.match(text) and n >= 2
    outcome_led = r.cues.outcome_start.match(text) and n >= 3
    if QUESTION_RE.search(text) or not (verb_led or outcome_led) or r.section_has_list(i):
        return None
    if r.is_field_of_work(text):
        return None
    r.add("heading", block.start, block.end, "heading_proposal")
    r.section = text
    r.lead = None
    return i + 1


def section_heading(r: Reader, i: int) -> int | None:
    """A heading starts a section. A lead-in's list may go on under sub-headings
    ("Sverigedemokraterna vill att:" / "Skolan" / items), so the lead-in is kept when items
    follow."""
    if not r.looks_like_heading(i):
        return None
    r.section = r.text(r.blocks[i])
    nxt = r.at(i + 1)
    if not (r.lead and nxt is not None and nxt.kind == "item"):
        r.lead = None
    return i + 1


def prose(r: Reader, i: int) -> int | None:
    """Sentences in a paragraph: stated pledges ("Vi vill …", "<Parti> lovar att …"),
    proposals in the infinitive ("Upphandla gemensamma tjänster med grannkommunen."), and
    "ska"/"måste" sentences as normative candidates for an editor to accept or reject."""
    block = r.blocks[i]
    if r.lead != "other":  # kept when this paragraph announced the list below it (lead_in)
        r.lead = None
    spans = sentences(r.src, block.start, block.end)
    single = len(spans) == 1
    for s in spans:
        sentence = normalize_space(r.src[s.start : s.end])
        if QUESTION_RE.search(sentence) or sentence.endswith(":"):
            continue
        if any(m.search(sentence) for m in r.cues.meta):
            continue  # "Här följer våra förslag …": about the program, not in it
        goal = GOAL_RE.match(sentence)
        if goal:
            clause = sentence[goal.end() :]
            kind = (
                "stated" if r.cues.is_checkable(clause) or NUMBER_RE.search(clause) else "normative"
            )
            r.add(kind, s.start, s.end, "prose_goal", clause=clause)
            continue
        clause = r.stated_clause(sentence)
        if clause is not None:
            vague = (
                r.cues.is_abstract(clause)
                or (r.is_vague_clause(clause) and not NUMBER_RE.search(clause))
                or r.is_opinion(sentence, clause)
            )
            if not (r.is_vision(sentence) or vague):
                r.add("stated", s.start, s.end, "prose_stated", clause=clause)
            continue
        if PAST_ITEM_RE.match(sentence):
            continue
        if (
            r.cues.proposal_start.match(sentence)
            and len(sentence.split()) >= 2
            and not r.is_statement(sentence)
        ):
            r.add("stated", s.start, s.end, "prose_proposal", clause=sentence)
            continue
        words = len(sentence.split())
        if (
            r.cues.outcome_start.match(sentence)
            and not REPORTING_RE.search(sentence)
            and ((single and words <= 20) or (words <= 8 and not r.cues.normative.search(sentence)))
        ):
            # An outcome on its own ("Mer lugn och ro i klassrummen.", "Nej till vinster i
            # välfärden."): a pledge.
            r.add("stated", s.start, s.end, "prose_outcome", clause=sentence)
            continue
        if r.is_norm(sentence) and not r.is_reasoning(sentence):
            # A checkable "ska" sentence is a pledge the site shows; the rest are candidates
            # for an editor to accept or reject.
            kind = "stated" if r.is_checkable_norm(sentence) else "normative"
            r.add(kind, s.start, s.end, "prose_norm", clause=sentence)
    return i + 1


RULES: list[Rule] = [
    furniture,
    lead_in,
    list_item,
    heading_with_paragraph,
    heading_proposal,
    section_heading,
    prose,
]
