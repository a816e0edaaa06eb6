"""Reading program texts: decoding, lines and sentences with exact character offsets.

Everything here works on the decoded text exactly as received: offsets are Python string
offsets into it, so ``text[start:end]`` is always the source span. Nothing is cleaned in place;
non-breaking spaces, carriage returns and form feeds are only treated as whitespace.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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


# The characters that are only ever bullets, as a character-class body: "•", "‣", "√" (a
# check mark in web text), and the Unicode blocks of arrows, geometric shapes, dingbats and
# miscellaneous symbols ("→", "■", "◦", "✓", "➢", "❖", "☑", "★"), and the private-use code
# points that PDF symbol fonts (Wingdings, Symbol) give their bullets in extracted text.
# Pictographic emoji are not marks: a site's carousel puts "💙" before each slogan.
BULLET_CLASS = "•·‣∙⁃√\u2190-\u21ff\u25a0-\u25ff\u2600-\u27bf\u2b00-\u2bff\uf000-\uf0ff"
# Any list mark: a bullet, or a dash, an asterisk or a guillemet, which prose also uses.
LIST_MARK_CLASS = BULLET_CLASS + "*–—»›\\-"
# A mark, then an optional emoji variation selector ("✔️").
LIST_MARK = f"[{LIST_MARK_CLASS}]\ufe0f?"
BULLET = f"[{BULLET_CLASS}]\ufe0f?"

# --- lines -------------------------------------------------------------------------------


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
        length = len(raw) + 1
        raw = raw.rstrip("\r")  # CRLF: the \r is blank space, never part of a line's text
        stripped_left = len(raw) - len(raw.lstrip())
        stripped_right = len(raw.rstrip())
        if stripped_right <= stripped_left:
            lines.append(Line(pos, pos, raw, number))
        else:
            lines.append(Line(pos + stripped_left, pos + stripped_right, raw, number))
        pos += length
    return lines


@dataclass
class Span:
    start: int
    end: int


# --- sentences ---------------------------------------------------------------------------

# A sentence ends at . ! or ? followed by blank space and a capital letter, digit or quote.
# Abbreviations such as "t.ex." are followed by lower case and so do not end a sentence.
# A sentence ends at a full stop, "!", "?" or "…" before a capital, and so does a clause that
# a semicolon closes ("… välskötta kommun; Kommunalskatten ska sänkas …").
SENTENCE_END_RE = re.compile(r"(?<=[.!?…;])[\"”»]?[ \t\xa0\r\n\f]+(?=[\"“”«(]?[A-ZÅÄÖÉÜ0-9])")


# Abbreviations after which a capital letter does not start a new sentence ("t.ex. Fler …").
ABBREVIATION_RE = re.compile(
    r"(?<!\w)(t\.ex|bl\.a|m\.m|s\.k|d\.v\.s|dvs|osv|m\.fl|ca|jfr|jmf|resp|inkl|exkl|nr|st)\.$",
    re.IGNORECASE,
)


def sentences(source: str, start: int, end: int) -> list[Span]:
    """Sentence spans inside source[start:end], blanks trimmed."""
    spans = []
    pos = start
    chunk = source[start:end]
    for m in SENTENCE_END_RE.finditer(chunk):
        # Look only just before the full stop: an abbreviation is at most 7 characters.
        if ABBREVIATION_RE.search(chunk, max(0, m.start() - 12), m.start()):
            continue
        spans.append(Span(pos, start + m.start()))
        pos = start + m.end()
    spans.append(Span(pos, end))
    out = []
    for s in spans:
        a, b = s.start, s.end
        while a < b and source[a].isspace():
            a += 1
        while b > a and (source[b - 1].isspace() or source[b - 1] == ";"):
            b -= 1
        if b > a:
            out.append(Span(a, b))
    return out


def normalize_space(text: str) -> str:
    return re.sub(r"[\s\xa0]+", " ", text).strip()
