"""Stage 2, blocks: a text cut into headings, list items, paragraphs, a table of contents and
boilerplate, each located by its offsets in the original text.

Runs of non-blank lines are paragraphs. A line with a list mark ("•", "-", "1.", "a)") starts a
list item; lines straight after it that continue its sentence belong to it (wrapped items). A
short marked line with unmarked lines indented under it is a category and its items ("• Kultur
och fritid" over "  Ny idrottshall i Klippan"): a heading, then an item per line. A list
flattened into one line ("Vi vill: · Sänk skatten · Bygg fler bostäder", as web pages copied
as text give it) is its lead-in and an item per mark. A line that is only bold ("**Fler
fältassistenter**", also bulleted) or a Markdown heading is a heading. Page furniture found by
the normalise stage is left out, and a paragraph cut in two by a page break is joined again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cues import Cues
from .normalise import furniture_lines
from .text import BULLET, LIST_MARK, Line, split_lines

MARK_RE = re.compile(
    rf"^(?P<indent>[ \t\xa0]*)(?P<mark>{LIST_MARK}|\d{{1,2}}[.)]|[a-z][)])[ \t\xa0]+(?=\S)"
)
BOLD_RE = re.compile(rf"^[ \t\xa0]*(?:{LIST_MARK}[ \t\xa0]+)?\*\*(?P<inner>.+?)\*\*[ \t\xa0]*$")
MD_HEADING_RE = re.compile(r"^[ \t\xa0]*#{1,6}[ \t\xa0]+(?P<inner>\S.*?)[ \t\xa0#]*$")
TOC_ENTRY_RE = re.compile(r"^(?P<title>\S.*?)(?:\t+|[ \t]*\.{3,}[ \t]*|[ \t]{3,})\d{1,3}[ \t]*$")
TOC_MAX_CHARS = 160
TOC_HEADER_RE = re.compile(r"^(innehåll|innehållsförteckning|innehåll:)$", re.I)
ENDS_SENTENCE_RE = re.compile(r"[.!?:;\"”»)]$")
# a list mark standing between words inside a line (not a dash: prose uses those)
# (or a single asterisk before a capital, also straight after a word: "… Tranås* Vi vill …")
INLINE_MARK_RE = re.compile(
    rf"(?:[ \t\xa0]{BULLET}[ \t\xa0]+(?=\S)|(?<!\*)\*[ \t\xa0]+(?=[A-ZÅÄÖ]))"
)
MIN_INLINE_ITEMS = 2
LEADING_DASH_RE = re.compile(r"^[ \t\xa0]*[-–][ \t\xa0]+(?=[A-ZÅÄÖ])")
INLINE_DASH_RE = re.compile(r"[ \t\xa0][-–][ \t\xa0]+(?=[A-ZÅÄÖ])")
CATEGORY_MAX_CHARS = 60
# A line ending in a word that needs the next one ("… i" / "Ekby", "… som är" / "…"): the
# sentence, or a lead-in's announcement, goes on after it.
OPEN_END_RE = re.compile(
    r"\b(och|eller|i|på|för|att|med|om|till|av|är|genom|som)[ \t\xa0]*$", re.IGNORECASE
)


@dataclass
class Block:
    """One block. ``kind`` is "heading", "item", "para", "toc" or "boilerplate".

    Items carry their ``mark`` ("•", "-", "1.") and ``level`` (0 for the outermost list);
    ``start``/``end`` exclude the mark. Headings carry ``bulleted`` for "- **Heading**".
    """

    kind: str
    start: int
    end: int
    line: int
    lines: list[Line] = field(default_factory=list)
    mark: str = ""
    level: int = 0
    bulleted: bool = False

    @property
    def single_line(self) -> bool:
        return len(self.lines) == 1


def _inner(pattern: re.Pattern, source: str, line: Line) -> tuple[int, int] | None:
    m = pattern.match(line.raw)
    if not m:
        return None
    base = line.start - (len(line.raw) - len(line.raw.lstrip()))
    return _stripped(source, base + m.start("inner"), base + m.end("inner"))


def _mark(line: Line) -> tuple[str, int, int] | None:
    """(mark, level, content start) of a list line, else None."""
    m = MARK_RE.match(line.raw)
    if not m:
        return None
    base = line.start - (len(line.raw) - len(line.raw.lstrip()))
    indent = len(m.group("indent").expandtabs(4))
    return m.group("mark"), min(indent // 2, 4), base + m.end()


def _continues(source: str, prev: Line, line: Line) -> bool:
    """Does ``line`` (no mark) carry on the list item that ends with ``prev``?

    Yes when the item's sentence is not finished and the line goes on in lower case, or when
    the item line is long enough to have been wrapped. A line ending in ':' is a lead-in, not
    a continuation.
    """
    text = source[line.start : line.end]
    before = source[prev.start : prev.end]
    if text.endswith(":") or ENDS_SENTENCE_RE.search(before.rstrip(",")):
        return bool(before.endswith(",") and text[:1].islower())
    return text[:1].islower() or len(before) >= 60


def _wraps_on(source: str, prev: Line, line: Line) -> bool:
    """Does ``line`` carry on the item whose last line is ``prev``, as a wrapped line does: in
    lower case, or after a line ending in "och", "i" …?"""
    return source[line.start : line.start + 1].islower() or bool(
        OPEN_END_RE.search(source[prev.start : prev.end])
    )


HOME_RE = re.compile(r"(hem|start|startsida)\b", re.IGNORECASE)  # as boilerplate.txt
MENU_WORDS = 4


def _skip_menu(source: str, lines: list[Line], i: int, blocks: list[Block]) -> int:
    """A marked "Hem" opens a site's menu or breadcrumb ("• Hem" / "• Vår politik" /
    "sida"): the short lines after it, up to the next blank line, are its links, not a list of
    pledges. Returns the index of the first line after the menu."""
    start = i
    while i < len(lines) and not lines[i].blank:
        if len(source[lines[i].start : lines[i].end].split()) > MENU_WORDS:
            return start  # a line of prose: not a menu after all
        i += 1
    for ln in lines[start:i]:
        blocks.append(Block("boilerplate", ln.start, ln.end, ln.number, [ln]))
    return i


# A bullet on a line of its own, as a PDF's text often has it: its item is on the next line.
BARE_MARK_RE = re.compile(rf"^[ \t\xa0]*{BULLET}[ \t\xa0]*$")


def _detached_items(source: str, lines: list[Line], i: int, blocks: list[Block]) -> int:
    """Items whose bullets stand on lines of their own: one bullet, then its text up to the
    next bullet (wrapped lines kept: "ta tillbaka … i" / "kommunal regi."), or a run of k
    bullets, then k lines, one item each (a column of bullets beside a column of text).
    Returns the index of the first line after them."""
    marks = i
    while marks < len(lines) and BARE_MARK_RE.match(source[lines[marks].start : lines[marks].end]):
        marks += 1
    k, j = marks - i, marks
    while j < len(lines) and lines[j].blank:
        j += 1
    if k > 1:
        for ln in lines[j : j + k]:
            if ln.blank or BARE_MARK_RE.match(source[ln.start : ln.end]):
                break
            blocks.append(Block("item", *_stripped(source, ln.start, ln.end), ln.number, [ln]))
            j += 1
        return j
    item: list[Line] = []
    while j < len(lines) and not lines[j].blank:
        ln = lines[j]
        raw = source[ln.start : ln.end]
        if BARE_MARK_RE.match(raw):
            break
        if item and not _wraps_on(source, item[-1], ln):
            break
        item.append(ln)
        j += 1
    if item:
        start, end = _stripped(source, item[0].start, item[-1].end)
        blocks.append(Block("item", start, end, item[0].number, item, mark="•"))
    return j


ATT_ITEM_RE = re.compile(r"[ \t\xa0]*att[ \t\xa0]+\S")
LEAD_IN_MAX_WORDS = 12


def _att_items(source: str, lines: list[Line], i: int, cues: Cues) -> tuple[list[list[Line]], int]:
    """The items of a lead-in written without a colon or marks: a short line that announces
    ("Miljöpartiet de gröna vill", "Vi arbetar för") followed by lines that each open with a
    lower-case "att", blank lines between them or not. Each item is an "att" line and the
    lines that carry it on (in lower case, or after a line ending in "och", "i" …), and the
    index of the line after the last item. No items unless line i is such a lead-in."""
    text = source[lines[i].start : lines[i].end].strip()
    if (
        not text
        or text[-1] in ".!?:;,"
        or len(text.split()) > LEAD_IN_MAX_WORDS
        or not cues.lead_in.search(text)
    ):
        return [], i
    items: list[list[Line]] = []
    j, after = i + 1, i + 1
    while j < len(lines):
        ln = lines[j]
        if ln.blank:
            j += 1
            continue
        if ATT_ITEM_RE.match(source[ln.start : ln.end]):
            items.append([ln])
        elif items and not lines[j - 1].blank and _wraps_on(source, lines[j - 1], ln):
            items[-1].append(ln)  # the item wraps: "… i Ekby och" / "Västerby"
        else:
            break
        j += 1
        after = j
    return items, after


def segment(source: str, cues: Cues | None = None) -> list[Block]:
    cues = cues or Cues.load()
    lines = split_lines(source)
    furniture = furniture_lines(source, lines, keep=lambda text: bool(cues.lead_in.search(text)))
    lines = [ln for ln in lines if ln.number not in furniture]
    blocks: list[Block] = []
    i, n = 0, len(lines)

    def text_of(ln: Line) -> str:
        return source[ln.start : ln.end]

    while i < n:
        line = lines[i]
        if line.blank:
            i += 1
            continue
        text = text_of(line)
        if _is_toc(text):
            blocks.append(Block("toc", line.start, line.end, line.number, [line]))
            i += 1
            continue
        if cues.is_boilerplate(text):
            blocks.append(Block("boilerplate", line.start, line.end, line.number, [line]))
            i += 1
            marked = MARK_RE.match(line.raw)
            if marked and HOME_RE.match(line.raw[marked.end() :]):
                i = _skip_menu(source, lines, i, blocks)
            continue
        inline = _inline_items(source, line)
        if inline:
            head, items = inline
            if head:
                blocks.append(Block("para", *head, line.number, [line]))
            blocks.extend(Block("item", *span, line.number, [line], mark="·") for span in items)
            i += 1
            continue
        if BARE_MARK_RE.match(text):
            i = _detached_items(source, lines, i, blocks)
            continue
        heading = _inner(BOLD_RE, source, line) or _inner(MD_HEADING_RE, source, line)
        if heading:
            bulleted = bool(MARK_RE.match(line.raw))
            blocks.append(Block("heading", *heading, line.number, [line], bulleted=bulleted))
            i += 1
            continue
        marked = _mark(line)
        if marked is not None:
            mark, level, content = marked
            item = Block("item", content, line.end, line.number, [line], mark=mark, level=level)
            i += 1
            while i < n and not lines[i].blank:
                nxt = lines[i]
                if _starts_block(source, nxt, cues) or not _continues(source, item.lines[-1], nxt):
                    break
                item.lines.append(nxt)
                item.end = nxt.end
                i += 1
            under = _indented_under(source, lines, i, item)
            if under:
                # a category ("• Kultur och fritid") and its unmarked items, one a line
                blocks.append(
                    Block("heading", item.start, item.end, item.line, item.lines, bulleted=True)
                )
                for ln in under:
                    start, end = _stripped(source, ln.start, ln.end)
                    blocks.append(Block("item", start, end, ln.number, [ln], level=level + 1))
                i += len(under)
                continue
            blocks.append(item)
            continue
        att_items, after = _att_items(source, lines, i, cues)
        if att_items:
            # "Miljöpartiet de gröna vill" and a line per "att …": a lead-in and its items
            blocks.append(Block("para", line.start, line.end, line.number, [line]))
            for item_lines in att_items:
                start, end = _stripped(source, item_lines[0].start, item_lines[-1].end)
                blocks.append(Block("item", start, end, item_lines[0].number, item_lines))
            i = after
            continue
        if _heading_line_above_prose(source, lines, i):
            # "Mer kultur och idrott" straight above its paragraph: a heading of its own.
            blocks.append(Block("para", line.start, line.end, line.number, [line]))
            i += 1
            continue
        block = Block("para", line.start, line.end, line.number, [])
        while i < n and not lines[i].blank:
            line = lines[i]
            text = text_of(line)
            if block.lines and _starts_block(source, line, cues):
                break
            block.lines.append(line)
            block.end = line.end
            i += 1
            if text.endswith(":"):
                break  # a lead-in ends its paragraph, even when the list follows unspaced
        after_lead_in = bool(blocks) and source[blocks[-1].start : blocks[-1].end].endswith(":")
        if not after_lead_in and _line_per_statement(source, block.lines):
            # "EKONOMI" / "Budgeten ska vara i balans" / "Partistöden ska sänkas": each line
            # stands alone (a heading or a statement without its full stop), not wrapped prose
            blocks.extend(Block("para", ln.start, ln.end, ln.number, [ln]) for ln in block.lines)
        else:
            blocks.append(block)
    return _join_page_breaks(source, blocks)


LINE_PER_STATEMENT_SHARE = 0.8
LINE_PER_STATEMENT_MAX_CHARS = 120


def _line_per_statement(source: str, lines: list[Line]) -> bool:
    """Are a paragraph's lines each a statement or a heading of its own? Three lines or more,
    none long, and (nearly) every line after the first opening with a capital: wrapped prose
    carries on in lower case. (After a lead-in such lines are its unmarked items.)"""
    if len(lines) < 3:
        return False
    texts = [source[ln.start : ln.end].strip() for ln in lines]
    if any(len(t) > LINE_PER_STATEMENT_MAX_CHARS for t in texts):
        return False
    capitals = sum(t[:1].isupper() or t[:1].isdigit() for t in texts[1:])
    return capitals >= LINE_PER_STATEMENT_SHARE * (len(texts) - 1)


def _stripped(source: str, start: int, end: int) -> tuple[int, int]:
    while start < end and source[start].isspace():
        start += 1
    while end > start and source[end - 1].isspace():
        end -= 1
    return start, end


def _inline_items(source: str, line: Line):
    """A list flattened into one line: (the lead-in's span or None, the items' spans), or None
    when the line holds fewer than two marks between words."""
    text = source[line.start : line.end]
    marks = list(INLINE_MARK_RE.finditer(text))
    lead = LEADING_DASH_RE.match(text)
    if lead and len(marks) < MIN_INLINE_ITEMS:
        # "- Säkerställa … - Verka för … - Öka …": dashes before capitals, the first one
        # opening the line, mark the items of a flattened list
        marks = [lead, *INLINE_DASH_RE.finditer(text, lead.end())]
    if len(marks) < MIN_INLINE_ITEMS:
        return None
    head = _stripped(source, line.start, line.start + marks[0].start())
    items = []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        span = _stripped(source, line.start + m.end(), line.start + end)
        if span[1] > span[0]:
            items.append(span)
    return (head if head[1] > head[0] else None), items


def _indented_under(source: str, lines: list[Line], i: int, item: Block) -> list[Line]:
    """The unmarked lines from ``i`` on indented deeper than ``item``'s mark, when ``item`` is a
    short title (one line, no closing punctuation) and at least one such line follows."""
    if not item.single_line or item.end - item.start > CATEGORY_MAX_CHARS:
        return []
    if ENDS_SENTENCE_RE.search(source[item.start : item.end]):
        return []
    own = _indent(item.lines[0])
    under = []
    while i < len(lines) and not lines[i].blank and _mark(lines[i]) is None:
        if _indent(lines[i]) <= own:
            break
        under.append(lines[i])
        i += 1
    return under


def _indent(line: Line) -> int:
    raw = line.raw.expandtabs(4)
    return len(raw) - len(raw.lstrip())


def _is_toc(text: str) -> bool:
    if TOC_HEADER_RE.match(text.strip()):
        return True
    return len(text) <= TOC_MAX_CHARS and text[-1:].isdigit() and bool(TOC_ENTRY_RE.match(text))


def _starts_block(source: str, line: Line, cues: Cues) -> bool:
    """Does this line start a block of its own, ending the paragraph or item above it?"""
    text = source[line.start : line.end]
    return (
        _mark(line) is not None
        or BARE_MARK_RE.match(text) is not None
        or _inner(BOLD_RE, source, line) is not None
        or _inner(MD_HEADING_RE, source, line) is not None
        or _is_toc(text)
        or cues.is_boilerplate(text)
        or _inline_items(source, line) is not None
    )


def _heading_line_above_prose(source: str, lines: list[Line], i: int) -> bool:
    """A short line without closing punctuation on top of a paragraph that starts with a
    capital letter and holds a whole sentence: the paragraph's heading, printed unspaced."""
    if i + 1 >= len(lines) or lines[i + 1].blank:
        return False
    first = source[lines[i].start : lines[i].end]
    nxt = source[lines[i + 1].start : lines[i + 1].end]
    return (
        len(first) <= 60
        and len(first.split()) <= 8
        and not ENDS_SENTENCE_RE.search(first)
        and not first.rstrip().endswith(",")
        and not OPEN_END_RE.search(first)  # "… en ny simhall i" / "Ekby …" is one sentence
        and first[:1].isupper()
        and nxt[:1].isupper()
        and _mark(lines[i + 1]) is None
        and len(nxt) > len(first)
        and bool(re.search(r"[.!?]", nxt))
    )


def _join_page_breaks(source: str, blocks: list[Block]) -> list[Block]:
    """Join a paragraph that a page break cut in two (in text copied from a PDF the break is
    a blank line, a form feed or a page number): the first half is prose of six words or more
    that stops without closing punctuation, and the second half starts in lower case."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == block.kind == "para"
            and source[prev.end - 1] not in '.!?:;"”»)'
            and source[block.start].islower()
            and (len(prev.lines) > 1 or source.count(" ", prev.start, prev.end) >= 5)
        ):
            prev.end = block.end
            prev.lines.extend(block.lines)
            continue
        out.append(block)
    return out
