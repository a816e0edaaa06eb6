"""Word (DOCX) → canonical text, with python-docx (MIT): one line per paragraph (a heading
too, unmarked, as the PDF reader writes it), list paragraphs as ``- punkt``, a blank line
between blocks. Bold inside a paragraph is not kept."""

from __future__ import annotations

from io import BytesIO
from zipfile import BadZipFile

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml.etree import XMLSyntaxError

from pledges.parsing import ProgramTextError

from . import DOCX, Document


def _numbered(paragraph) -> bool:
    properties = paragraph._p.pPr
    return properties is not None and properties.numPr is not None


def read_docx(data: bytes, source: str) -> Document:
    try:
        document = docx.Document(BytesIO(data))
    except (BadZipFile, PackageNotFoundError, KeyError, ValueError, XMLSyntaxError):
        raise ProgramTextError(
            source, "Word-filen är trasig och kan inte läsas; spara den igen som .docx"
        ) from None
    lines = []
    for paragraph in document.paragraphs:
        text = " ".join(paragraph.text.split())
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "").lower()
        listed = "list" in style or _numbered(paragraph)
        lines.append(f"- {text}" if listed else text)
    if not lines:
        raise ProgramTextError(source, "Word-filen innehåller ingen text")
    title = (document.core_properties.title or "").strip()
    return Document("\n\n".join(lines) + "\n", DOCX, title=title)
