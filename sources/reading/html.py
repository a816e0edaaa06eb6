"""Web page → canonical text, with trafilatura (Apache-2.0), a well-kept main-content extractor.

Navigation, cookie banners, share and newsletter boxes, news feeds and footers are left out by
the extractor, so they never reach the parser. The article comes back as light Markdown
(``- punkt``, paragraphs; headings as lines of their own), which the parser reads. The map
back to the page is the element each line came from (``h2``, ``li``, ``p``, ``td``); the site
links a quote into the page with a text fragment.
"""

from __future__ import annotations

import re

import lxml.html
import trafilatura
from lxml.etree import ParserError

from pledges.parsing import ProgramTextError

from . import HTML, Document

HEADING_RE = re.compile(r"^(#{1,6})\s")
ITEM_RE = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s")
# Consent walls, share boxes, feeds, menus and footers: the extractor keeps them when a page has
# little else, so they are dropped first.
CHROME_RE = re.compile(
    r"cookie|consent|gdpr|kakor|newsletter|nyhetsbrev|share|dela-|\bnews|nyheter|related", re.I
)
CHROME_TAGS = ("nav", "footer", "aside", "form", "script", "style", "noscript")
# Less main text than this is not a program (a cookie wall, a list of links, an error page).
MIN_CHARS = 80


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")


def element_of(line: str) -> str:
    heading = HEADING_RE.match(line)
    if heading:
        return f"h{len(heading.group(1))}"
    if ITEM_RE.match(line):
        return "li"
    if line.startswith("|"):
        return "td"
    return "p"


def _without_chrome(page: str):
    tree = lxml.html.fromstring(page)
    for element in tree.xpath("|".join(f"//{tag}" for tag in CHROME_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in tree.xpath("//*[@class or @id]"):
        marks = f"{element.get('class', '')} {element.get('id', '')}"
        if CHROME_RE.search(marks) and element.getparent() is not None:
            element.drop_tree()
    return tree


def read_html(data: bytes, source: str) -> Document:
    page = _decode(data)
    try:
        tree = _without_chrome(page)
        text = trafilatura.extract(
            tree,
            output_format="markdown",
            include_formatting=True,
            include_links=False,
            include_images=False,
            include_comments=False,
            include_tables=True,
            favor_recall=True,
            deduplicate=False,
        )
        meta = trafilatura.extract_metadata(page)
    except (ParserError, ValueError):
        text, meta = None, None
    if not text or len(text.strip()) < MIN_CHARS:
        raise ProgramTextError(
            source,
            "sidan har ingen huvudtext som kan läsas (bara meny, kakbanner eller länkar); "
            "ge adressen till sidan där programmet står, eller ladda upp programmet som PDF",
        )
    # Headings (h1–h6) become lines of their own without the Markdown mark, as in a plain
    # text: a page sets every heading so, and that says nothing about a pledge. Bold text in
    # the article (``**Fler fältassistenter!**``) keeps its mark.
    lines, anchors, pos = [], [], 0
    for line in text.strip().split("\n"):
        element = element_of(line) if line.strip() else None
        line = HEADING_RE.sub("", line) if element and element.startswith("h") else line
        if element:
            anchors.append([pos, pos + len(line), element])
        lines.append(line)
        pos += len(line) + 1
    text = "\n".join(lines) + "\n"
    title = (meta.title or "").strip() if meta else ""
    return Document(text, HTML, title=title, anchors=anchors)
