"""Stage 0, read: a program as received (PDF, web page, DOCX or text) → the canonical text the
parser reads, and a map back to the source.

The canonical text is plain text with light structure the parser knows: one paragraph, list
item or heading per line, a blank line between blocks, a heading in ``**bold**``, each page
ended by a form feed (so every pledge has its page). Offsets of pledges point into it; it is
stored beside the original file. The format is recognised by content, never by the name alone.
Every reader refuses what it cannot read with a ``ProgramTextError``: one line naming the source
and what to do.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from io import BytesIO

from pledges.parsing import ProgramTextError, decode_program

PDF, HTML, DOCX, TEXT = "pdf", "html", "docx", "text"
FORMATS = {PDF: "PDF", HTML: "webbsida (HTML)", DOCX: "Word (DOCX)", TEXT: "text"}


@dataclass
class Document:
    """What a reader got out of a source."""

    text: str  # the canonical text
    format: str  # PDF, HTML, DOCX or TEXT
    pages: int | None = None  # PDF: pages; form feeds in `text` separate them
    title: str = ""  # the document's own title (PDF metadata, <title>), a hint only
    anchors: list = field(default_factory=list)  # HTML: [start, end, element] per block


def sniff(data: bytes, content_type: str = "") -> str | None:
    """The format of `data` by its content (the HTTP content type only breaks ties)."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf-") or b"%pdf-" in data[:1024]:
        return PDF
    if head.startswith(b"pk\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return DOCX
        except zipfile.BadZipFile:
            return None
        return None
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head:
        return HTML
    if b"<p>" in head or b"<div" in head or "html" in content_type:
        return HTML
    if b"\x00" in data[:8192]:
        return None
    return TEXT


def read_document(data: bytes, source: str, content_type: str = "") -> Document:
    """Read a program in any supported format. `source` names it in messages."""
    if not data.strip():
        raise ProgramTextError(
            source, "filen är tom; ladda upp programmet som PDF, webbsida, Word-fil eller text"
        )
    kind = sniff(data, content_type)
    if kind == PDF:
        from .pdf import read_pdf

        return read_pdf(data, source)
    if kind == HTML:
        from .html import read_html

        return read_html(data, source)
    if kind == DOCX:
        from .docx import read_docx

        return read_docx(data, source)
    if kind == TEXT:
        return Document(decode_program(data, source), TEXT)
    raise ProgramTextError(
        source,
        "okänd filtyp; Vallöften läser PDF, webbsidor (HTML), Word (DOCX) och text i UTF-8",
    )
