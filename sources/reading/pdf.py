"""PDF → canonical text, with pypdfium2 (PDFium: permissive licence, fast, character-level).

PDFium gives each page's text in reading order, one printed line per line, and marks a word cut
at a line end (a hyphen it recognises) with U+FFFE. Print layout has no blank lines, so the
paragraphs are rebuilt from the geometry: a line continues the one before when it follows at the
usual line spacing, in the same style, and the line before ran to the column's edge. Lines set
larger than the body text or in a bold face are headings: a block of their own, unmarked, since
in print every heading is bold and bold says nothing about a pledge. Pages are
ended by form feeds; running headers, footers and page numbers stay in the text, and the
parser's normalise stage marks them as furniture.
"""

from __future__ import annotations

import ctypes
import itertools
import re
import statistics
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pledges.parsing import ProgramTextError

from . import PDF, Document

# A page with fewer letters than this has no text layer worth the name (a scan, a picture).
MIN_LETTERS_PER_PAGE = 20
LIST_MARK_RE = re.compile(r"^(?:[•·▪●◦‣∙*–—»›►▶■□✓✔➢➤→◆⁃-]|\d{1,2}[.)])\s")
HYPHEN = "\ufffe"  # PDFium: a hyphen it recognised at a line end
BOLD_RE = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


@dataclass
class PdfLine:
    text: str
    left: float
    right: float
    bottom: float
    last_bottom: float  # differs from `bottom` when PDFium joined a hyphenated line
    size: float
    bold: bool
    heading: bool = False


def _font(textpage, index: int) -> tuple[float, bool]:
    size = pdfium_c.FPDFText_GetFontSize(textpage.raw, index)
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int(0)
    pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, name, len(name), ctypes.byref(flags))
    weight = pdfium_c.FPDFText_GetFontWeight(textpage.raw, index)
    bold = weight >= 600 or bool(BOLD_RE.search(name.value.decode("latin-1", "replace")))
    return size, bold


def _lines(textpage) -> list[PdfLine]:
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    lines, pos = [], 0
    for raw in text.split("\r\n"):
        start, end = pos, pos + len(raw)
        pos = end + 2
        stripped = raw.strip()
        if not stripped:
            continue
        first = start + (len(raw) - len(raw.lstrip()))
        last = start + len(raw.rstrip()) - 1
        left, bottom, _r, _t = textpage.get_charbox(first)
        _l, last_bottom, right, _t = textpage.get_charbox(last)
        middle = first + (last - first) // 2
        size, bold = _font(textpage, middle)
        bold = bold and _font(textpage, first)[1]
        lines.append(PdfLine(stripped, left, right, bottom, last_bottom, size, bold))
    return lines


def _page_text(lines: list[PdfLine], body_size: float, pitch: float) -> str:
    """One page's lines as paragraphs: continued lines joined, a blank line between blocks."""
    if not lines:
        return ""
    widths = sorted(ln.right - ln.left for ln in lines)
    width = widths[int(len(widths) * 0.9)]  # the column's width: most full lines reach it
    for ln in lines:
        ln.heading = (ln.size > body_size * 1.1 or ln.bold) and len(ln.text) <= 120
    blocks: list[list[PdfLine]] = []
    for ln in lines:
        prev = blocks[-1][-1] if blocks else None
        if prev is not None and _continues(prev, ln, width, pitch):
            blocks[-1].append(ln)
        else:
            blocks.append([ln])
    out = []
    for block in blocks:
        joined = ""
        for ln in block:
            if not joined:
                joined = ln.text
            elif joined.endswith(HYPHEN):
                joined = joined[:-1] + ln.text  # a word PDFium saw cut at the line end
            elif joined.endswith("-") and ln.text[:1].islower():
                joined += ln.text  # "kommu-" + "nens"
            else:
                joined += " " + ln.text
        joined = joined.replace(HYPHEN, "")
        out.append(joined)
    return "\n\n".join(out)


def _continues(prev: PdfLine, line: PdfLine, width: float, pitch: float) -> bool:
    if prev.heading != line.heading or LIST_MARK_RE.match(line.text):
        return False
    if prev.text.endswith(":"):
        return False
    gap = prev.last_bottom - line.bottom
    if line.heading:
        return 0 < gap <= line.size * 1.4  # a heading set on two lines
    next_column = gap < 0 and line.left > prev.left + width / 2
    if not (0 < gap <= pitch * 1.25 or next_column):
        return False
    # The line before ran to the column's edge (or is a list item's first line).
    return prev.right - prev.left >= width * 0.75 or bool(LIST_MARK_RE.match(prev.text))


def read_pdf(data: bytes, source: str) -> Document:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = str(exc).lower()
        if "password" in reason:
            raise ProgramTextError(
                source, "PDF-filen är lösenordsskyddad; be partiet om en fil utan lösenord"
            ) from None
        raise ProgramTextError(
            source, "PDF-filen är trasig och kan inte läsas; ladda ner den igen"
        ) from None
    try:
        pages = [_lines(page.get_textpage()) for page in document]
        title = (document.get_metadata_value("Title") or "").strip()
    finally:
        document.close()
    every = [ln for page in pages for ln in page]
    letters = sum(ch.isalpha() for ln in every for ch in ln.text)
    if letters < MIN_LETTERS_PER_PAGE * max(1, len(pages)) / 2:
        raise ProgramTextError(
            source,
            "PDF-filen har inget textlager (inskannad eller bilder); be partiet om en "
            "textversion eller kör den genom OCR först",
        )
    # The body size is the size most text is set in; the line pitch its usual spacing.
    sizes = [round(ln.size, 1) for ln in every for _ in range(len(ln.text))]
    body_size = statistics.mode(sizes)
    gaps = [
        a.last_bottom - b.bottom
        for page in pages
        for a, b in itertools.pairwise(page)
        if 0 < a.last_bottom - b.bottom < body_size * 3 and round(b.size, 1) == body_size
    ]
    pitch = statistics.mode(round(g, 1) for g in gaps) if gaps else body_size * 1.2
    # Every page ends with a form feed (as pdftotext writes it), a one-page file included.
    text = "".join(_page_text(page, body_size, pitch) + "\n\f\n" for page in pages)
    return Document(text, PDF, pages=len(pages), title=title)
