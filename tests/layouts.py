"""Real layouts for a program text: a PDF as a party's print shop makes it, and a web page
with a party site's chrome. The readers must get back what the parser finds in the clean text.

The PDF has two columns, a running header, a page-number footer, bold headings and words
hyphenated at line ends, drawn with reportlab (BSD). The HTML page has navigation, a cookie
banner, share and newsletter boxes, a news feed and a footer around the program.
"""

from __future__ import annotations

import html
import io
import re

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from pledges.parsing.text import LIST_MARK

PAGE_W, PAGE_H = A4
MARGIN = 50
GUTTER = 24
BODY, HEADING = ("Helvetica", 10), ("Helvetica-Bold", 12)
LEADING = 13
MARK_RE = re.compile(rf"^\s*(?:{LIST_MARK}|\d{{1,2}}[.)])\s+")
VOWELS = set("aeiouyåäöéAEIOUYÅÄÖÉ")


def blocks(text: str) -> list[tuple[str, str]]:
    """(kind, text) for each heading, list item and paragraph of a plain program text: one
    block per line, except a line that carries on the one before (it starts in lower case
    after a line that does not end a sentence), as a wrapped item or paragraph does."""
    out: list[list[str]] = []
    for line in text.replace("\r", "").replace("\f", "\n").split("\n"):
        line = line.strip()
        if not line:
            if out:
                out[-1].append("end")
            continue
        if MARK_RE.match(line):
            out.append(["item", MARK_RE.sub("", line)])
            continue
        prev = out[-1] if out else None
        if prev and len(prev) == 2 and line[:1].islower() and not prev[1].endswith((".", "!", "?")):
            prev[1] += " " + line
            continue
        out.append(["text", line.lstrip("#").strip().replace("**", "")])
    blocks = []
    for kind, body, *_ in out:
        if kind == "text":
            short = len(body) <= 70 and not body.endswith((".", ":", "!", "?"))
            kind = "heading" if short else "para"
        blocks.append((kind, body))
    return blocks


def _split_word(word: str, room: float, font: tuple[str, int]) -> tuple[str, str] | None:
    """A word cut after a vowel so that its first part and a hyphen fit in `room`."""
    for cut in range(len(word) - 3, 2, -1):
        if (
            word[cut - 1] in VOWELS
            and word[cut] not in VOWELS
            and word[cut - 1 : cut + 1].isalpha()
        ):
            head = word[:cut] + "-"
            if stringWidth(head, *font) <= room:
                return head, word[cut:]
    return None


def wrap(text: str, width: float, font: tuple[str, int]) -> list[str]:
    """Lines of at most `width`, hyphenating a long word that would not fit."""
    lines, line = [], ""
    words = text.split()
    while words:
        word = words.pop(0)
        candidate = f"{line} {word}".strip()
        if stringWidth(candidate, *font) <= width:
            line = candidate
            continue
        room = width - stringWidth(line + " ", *font) if line else width
        parts = _split_word(word, room, font) if len(word) >= 8 and word.isalpha() else None
        if parts:
            lines.append(f"{line} {parts[0]}".strip())
            line = ""
            words.insert(0, parts[1])
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return [ln for ln in lines if ln]


def program_pdf(text: str, header: str = "Valprogram 2026") -> bytes:
    """The text set in two columns on A4 pages, with a running header and page numbers."""
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    col_w = (PAGE_W - 2 * MARGIN - GUTTER) / 2
    top, bottom = PAGE_H - MARGIN - 30, MARGIN + 30
    page, col, y = 1, 0, top

    def furniture():
        pdf.setFont("Helvetica-Oblique", 8)
        pdf.drawString(MARGIN, PAGE_H - MARGIN, header)
        pdf.drawCentredString(PAGE_W / 2, MARGIN, str(page))

    def room(height):
        nonlocal page, col, y
        if y - height >= bottom:
            return
        if col == 0:
            col, y = 1, top
            return
        furniture()
        pdf.showPage()
        page, col, y = page + 1, 0, top

    for kind, body in blocks(text):
        font = HEADING if kind == "heading" else BODY
        indent = 12 if kind == "item" else 0
        lines = wrap(body, col_w - indent, font)
        y -= LEADING * (0.8 if kind != "item" else 0.2)
        for i, line in enumerate(lines):
            room(LEADING)
            x = MARGIN + col * (col_w + GUTTER)
            pdf.setFont(*font)
            if kind == "item" and i == 0:
                pdf.drawString(x, y, "•")
            pdf.drawString(x + indent, y, line)
            y -= LEADING
    furniture()
    pdf.save()
    return buf.getvalue()


CHROME_TOP = """<header class="site-header"><a href="/">Hem</a>
<nav><ul><li><a href="/politik">Vår politik</a></li><li><a href="/nyheter">Nyheter</a></li>
<li><a href="/kontakt">Kontakta oss</a></li><li><a href="/bli-medlem">Bli medlem</a></li></ul></nav>
</header>
<div class="cookie-banner" id="cookie-consent"><p>Vi använder kakor för att förbättra din
upplevelse av webbplatsen. Genom att fortsätta godkänner du att vi använder kakor.</p>
<button>Jag förstår</button></div>"""

CHROME_BOTTOM = """<div class="share"><p>Dela på Facebook</p><p>Dela på X</p></div>
<aside class="newsletter"><h3>Prenumerera på vårt nyhetsbrev</h3>
<p>Få de senaste nyheterna från oss direkt i din inkorg.</p>
<form><input type="email" placeholder="Din e-post"><button>Prenumerera</button></form></aside>
<aside class="news"><h3>Senaste nyheterna</h3><ul>
<li><a href="/nyheter/1">Vi har öppnat vår valstuga på torget</a> 12 augusti</li>
<li><a href="/nyheter/2">Möt våra kandidater i helgen</a> 5 augusti</li></ul></aside>
<footer><p>© Partiet i kommunen · Storgatan 1 · info@example.se</p>
<ul><li><a href="/integritet">Integritetspolicy</a></li><li><a href="/kakor">Om kakor</a></li></ul>
</footer>"""


def program_html(text: str, title: str) -> str:
    """The text as an article on a party web page, wrapped in the site's chrome."""
    parts, items = [], []
    for kind, body in blocks(text):
        if kind == "item":
            items.append(f"<li>{html.escape(body)}</li>")
            continue
        if items:
            parts.append("<ul>" + "".join(items) + "</ul>")
            items = []
        tag = "h2" if kind == "heading" else "p"
        parts.append(f"<{tag}>{html.escape(body)}</{tag}>")
    if items:
        parts.append("<ul>" + "".join(items) + "</ul>")
    article = "\n".join(parts)
    return (
        f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)} | Partiet</title></head><body>{CHROME_TOP}"
        f"<main><article><h1>{html.escape(title)}</h1>\n{article}</article></main>"
        f"{CHROME_BOTTOM}</body></html>"
    )
