"""Reading program texts and cutting them into blocks with exact character offsets.

Everything here works on the decoded text exactly as received: offsets are Python string
offsets into it, so ``text[start:end]`` is always the source span. Nothing is cleaned in place;
non-breaking spaces, carriage returns and form feeds are only treated as whitespace.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path


class ProgramTextError(ValueError):
    """A program text that cannot be parsed. ``str()`` is a one-line message naming the place."""

    def __init__(self, source: str, message: str, line: int | None = None):
        self.source = source
        self.line = line
        self.message = message
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {message}")


def decode_program(data: bytes, source: str) -> str:
    """Decode the bytes of a program text, refusing anything that is not UTF-8 prose."""
    if not data.strip():
        raise ProgramTextError(source, "filen är tom; en programtext i UTF-8 behövs")
    if b"\x00" in data[:8192]:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ProgramTextError(
            source, "filen ser ut att vara binär (NUL-tecken); spara programmet som ren text", line
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ProgramTextError(
            source,
            f"ogiltig UTF-8 (byte 0x{data[exc.start]:02x}); spara filen som UTF-8",
            line,
        ) from None
    control = re.search(r"[\x01-\x08\x0e-\x1f]", text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        raise ProgramTextError(
            source, "filen innehåller styrtecken och ser inte ut att vara text", line
        )
    return text


def read_program(path: str | Path) -> str:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ProgramTextError(str(path), "filen finns inte") from None
    except OSError as exc:
        raise ProgramTextError(str(path), f"kan inte läsas ({exc.strerror})") from None
    return decode_program(data, str(path))


# --- lines -------------------------------------------------------------------------------

BULLET_RE = re.compile(r"^[ \t\xa0]*(?:[•·▪●◦‣∙*–—-]|\d{1,2}[.)])[ \t\xa0]+(?=\S)")
BOLD_RE = re.compile(r"^[ \t\xa0]*(?:[•·▪●◦*–-][ \t\xa0]+)?\*\*(?P<inner>.+?)\*\*[ \t\xa0]*$")
TOC_ENTRY_RE = re.compile(r"^(?P<title>\S.*?)(?:\t+|[ \t]*\.{3,}[ \t]*|[ \t]{3,})\d{1,3}[ \t]*$")
TOC_HEADER_RE = re.compile(r"^(innehåll|innehållsförteckning|innehåll:)$", re.I)


@dataclass
class Line:
    start: int  # offset of the first non-blank character
    end: int  # offset after the last non-blank character
    raw: str  # the line as received, without the newline
    number: int  # 1-based line number

    @property
    def blank(self) -> bool:
        return self.start == self.end


def split_lines(text: str) -> list[Line]:
    lines = []
    pos = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped_left = len(raw) - len(raw.lstrip())
        stripped_right = len(raw.rstrip())
        if stripped_right <= stripped_left:
            lines.append(Line(pos, pos, raw, number))
        else:
            lines.append(Line(pos + stripped_left, pos + stripped_right, raw, number))
        pos += len(raw) + 1
    return lines


# --- blocks ------------------------------------------------------------------------------


@dataclass
class Span:
    start: int
    end: int

    def text(self, source: str) -> str:
        return source[self.start : self.end]


@dataclass
class Block:
    """A paragraph, a heading or a list, located in the original text.

    kind: "para" | "list" | "bold" | "toc" | "boilerplate"
    For lists, ``items`` holds one span per item (marker excluded, continuation lines included)
    and ``marked`` says whether the items had bullet marks.
    """

    kind: str
    start: int
    end: int
    line: int
    lines: list[Line] = field(default_factory=list)
    items: list[Span] = field(default_factory=list)
    marked: bool = True
    bulleted: bool = False  # for bold blocks: "- **Heading**"

    def text(self, source: str) -> str:
        return source[self.start : self.end]

    @property
    def single_line(self) -> bool:
        return len(self.lines) == 1


BOILERPLATE_RES = [
    re.compile(p, re.I)
    for p in (
        r"^dela (och diskutera )?(sidan|artikeln|på|via)\b",
        r"^dela$",
        r"^starta ett politiskt samtal",
        r"^kopiera länk",
        r"^läs (alla|fler) (nyheter|artiklar|pressmeddelanden)",
        r"^läs mer\b",
        r"^läs (hela|vårt|våra|moderaternas|liberalernas|socialdemokraternas|partiets)\b",
        r"^nyheter (på|om|från)\b",
        r"^(senaste )?nyheter$",
        r"^kunde inte hitta några",
        r"^försök med en annan (filtrering|sökning)",
        r"^(sidan )?(uppdaterades|uppdaterad|publicerad|senast uppdaterad)\b",
        r"^(bli medlem|stöd oss|swisha|prenumerera|följ oss)\b",
        r"^(skriv ut|tweet|tipsa en vän|facebook|twitter|linkedin|instagram)$",
        r"^(den här webbplatsen|vi använder) (använder )?(kakor|cookies)",
        r"^till toppen$",
        r"^(hem|start)\s*[›>/]",
        r"^(bild|foto|illustration)(:.*)?$",
        r"^[a-z0-9]+(-[a-z0-9]+)+(\s+[a-z0-9]+(-[a-z0-9]+)+)*$",  # CSS classes left by a copy
    )
]


def is_boilerplate(line: str) -> bool:
    s = line.strip(" \t\xa0*")
    return any(r.search(s) for r in BOILERPLATE_RES)


def _bold_inner(source: str, line: Line) -> tuple[int, int] | None:
    m = BOLD_RE.match(line.raw)
    if not m:
        return None
    base = line.start - (len(line.raw) - len(line.raw.lstrip()))
    inner_start = base + m.start("inner")
    inner_end = base + m.end("inner")
    # Offsets of the visible heading text, without the markup and surrounding blanks.
    while inner_start < inner_end and source[inner_start].isspace():
        inner_start += 1
    while inner_end > inner_start and source[inner_end - 1].isspace():
        inner_end -= 1
    return inner_start, inner_end


def _bullet_content_start(line: Line) -> int | None:
    m = BULLET_RE.match(line.raw)
    if not m:
        return None
    base = line.start - (len(line.raw) - len(line.raw.lstrip()))
    return base + m.end()


def segment(source: str) -> list[Block]:
    """Cut a text into blocks.

    Paragraphs are runs of non-blank lines; a run of bullet lines is a list (it goes on across
    blank lines while bullets follow, and a line without a mark straight after an item is that
    item wrapped). A paragraph cut in two by a page break (the first half ending without
    punctuation, the second starting in lower case) is joined again.
    """
    lines = split_lines(source)
    blocks: list[Block] = []
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        if line.blank or not line.raw.strip(" \t\xa0\r\f"):
            i += 1
            continue
        stripped = source[line.start : line.end]
        if TOC_HEADER_RE.match(stripped.strip()):
            blocks.append(Block("toc", line.start, line.end, line.number, [line]))
            i += 1
            continue
        if TOC_ENTRY_RE.match(stripped):
            blocks.append(Block("toc", line.start, line.end, line.number, [line]))
            i += 1
            continue
        if is_boilerplate(stripped):
            blocks.append(Block("boilerplate", line.start, line.end, line.number, [line]))
            i += 1
            continue
        bold = _bold_inner(source, line)
        if bold:
            blocks.append(
                Block(
                    "bold",
                    bold[0],
                    bold[1],
                    line.number,
                    [line],
                    bulleted=bool(BULLET_RE.match(line.raw)),
                )
            )
            i += 1
            continue
        content = _bullet_content_start(line)
        if content is not None:
            block = Block("list", line.start, line.end, line.number, [])
            while i < n:
                line = lines[i]
                content = _bullet_content_start(line) if not line.blank else None
                if content is not None:
                    block.items.append(Span(content, line.end))
                    block.lines.append(line)
                    i += 1
                    continue
                if line.blank:
                    # A list goes on across blank lines while the next text line is a bullet.
                    j = i
                    while j < n and lines[j].blank:
                        j += 1
                    if j < n and _bullet_content_start(lines[j]) is not None:
                        i = j
                        continue
                    break
                if _bold_inner(source, line) or is_boilerplate(source[line.start : line.end]):
                    break
                # A wrapped item: the line belongs to the item above it.
                block.items[-1].end = line.end
                block.lines.append(line)
                i += 1
            block.end = block.items[-1].end
            blocks.append(block)
            continue
        block = Block("para", line.start, line.end, line.number, [])
        while i < n and not lines[i].blank:
            line = lines[i]
            text = source[line.start : line.end]
            if (
                block.lines
                and (_bullet_content_start(line) is not None or _bold_inner(source, line))
            ) or (block.lines and is_boilerplate(text)):
                break
            block.lines.append(line)
            block.end = line.end
            i += 1
            if text.endswith(":"):
                break  # a lead-in ends its paragraph, even when the list follows unspaced
        blocks.append(block)
    return _join_page_breaks(source, blocks)


_ENDS_SENTENCE_RE = re.compile(r"[.!?:;\"”»)]$")


def _join_page_breaks(source: str, blocks: list[Block]) -> list[Block]:
    """Join a paragraph that a page break cut in two.

    The first half is prose (six words or more, longer than a lead-in like "Moderaterna
    vill") that stops without closing punctuation, and the second half starts in lower case.
    """
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == block.kind == "para"
            and len(source[prev.start : prev.end].split()) >= 6
            and not _ENDS_SENTENCE_RE.search(source[prev.start : prev.end])
            and source[block.start].islower()
        ):
            prev.end = block.end
            prev.lines.extend(block.lines)
            continue
        out.append(block)
    return out


# --- sentences ---------------------------------------------------------------------------

# A sentence ends at . ! or ? followed by blank space and a capital letter, digit or quote.
# Abbreviations such as "t.ex." are followed by lower case and so do not end a sentence.
SENTENCE_END_RE = re.compile(r"(?<=[.!?…])[\"”»]?[ \t\xa0\r\n]+(?=[\"“”«(]?[A-ZÅÄÖÉÜ0-9])")


# Abbreviations after which a capital letter does not start a new sentence ("t.ex. Fler …").
ABBREVIATION_RE = re.compile(
    r"(?<![\wåäö])(t\.ex|bl\.a|m\.m|s\.k|d\.v\.s|dvs|osv|m\.fl|ca|jfr|jmf|resp|inkl|exkl|nr|st)\.$",
    re.IGNORECASE,
)


def sentences(source: str, start: int, end: int) -> list[Span]:
    """Sentence spans inside source[start:end], blanks trimmed."""
    spans = []
    pos = start
    chunk = source[start:end]
    for m in SENTENCE_END_RE.finditer(chunk):
        if ABBREVIATION_RE.search(chunk, 0, m.start()):
            continue
        spans.append(Span(pos, start + m.start()))
        pos = start + m.end()
    spans.append(Span(pos, end))
    out = []
    for s in spans:
        a, b = s.start, s.end
        while a < b and source[a].isspace():
            a += 1
        while b > a and source[b - 1].isspace():
            b -= 1
        if b > a:
            out.append(Span(a, b))
    return out


def normalize_space(text: str) -> str:
    return re.sub(r"[\s\xa0]+", " ", text).strip()
