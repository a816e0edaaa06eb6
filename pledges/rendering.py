"""HTML for source texts: a pledge's quote in its paragraph, a program with its pledges marked.

Everything from a program text is escaped; only the markup added here is HTML.
"""

from __future__ import annotations

import difflib
import re

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

PARAGRAPH_BREAK = re.compile(r"\n[ \t\xa0\r]*\n")


def paragraph_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (between blank lines) holding text[start:end]."""
    before = [m.end() for m in PARAGRAPH_BREAK.finditer(text, 0, start)]
    para_start = before[-1] if before else 0
    after = PARAGRAPH_BREAK.search(text, end)
    para_end = after.start() if after else len(text)
    return para_start, para_end


# Layout marks a quote is shown without: a list mark or a Markdown heading at the start of a
# line, and Markdown emphasis. The words between them are the source's, verbatim.
LINE_MARK = re.compile(r"^[ \t]*(?:[-*+•▪●–]|\d{1,2}[.)]|#{1,6})[ \t]+", re.MULTILINE)
EMPHASIS = re.compile(r"\*\*|__")


def without_markup(text: str) -> str:
    """``text`` as a reader quotes it: list marks, Markdown headings and emphasis removed."""
    return EMPHASIS.sub("", LINE_MARK.sub("", text))


def quote_in_paragraph(text: str, start: int, end: int, with_next: bool = False) -> SafeString:
    """The paragraph holding text[start:end], with the span marked and layout marks removed;
    ``with_next`` also takes the paragraph after it (a pledge written as a heading is made by
    the paragraph under it)."""
    para_start, para_end = paragraph_around(text, start, end)
    gap = PARAGRAPH_BREAK.match(text, para_end) if with_next else None
    if gap:
        following = PARAGRAPH_BREAK.search(text, gap.end())
        para_end = following.start() if following else len(text)
    # Cleaned as one piece, so that only real line starts count, with the span's ends kept
    # as two characters no program text holds.
    marked = text[para_start:start] + "\x00" + text[start:end] + "\x01" + text[end:para_end]
    before, rest = without_markup(marked).split("\x00")
    span, after = rest.split("\x01")
    return format_html("{}<mark>{}</mark>{}", before.lstrip(), span, after.rstrip())


def marked_program(text: str, spans: list[tuple[int, int, str, str, bool]]) -> SafeString:
    """The whole text with spans marked: (start, end, url, title, is_restatement).

    Spans that overlap one already marked are left out rather than nested.
    """
    out, pos = [], 0
    for start, end, url, title, restated in sorted(spans):
        if start < pos or end > len(text):
            continue
        out.append(escape(text[pos:start]))
        css = "hl hl-restated" if restated else "hl"
        out.append(
            format_html(
                '<a class="{}" href="{}" title="{}"><mark>{}</mark></a>',
                css,
                url,
                title,
                text[start:end],
            )
        )
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))


def word_diff(before: str, after: str) -> SafeString:
    """What changed between two wordings, word by word: removed words in <del>, added in <ins>."""
    old, new = before.split(), after.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            out.append(format_html("<del>{}</del>", " ".join(old[i1:i2])))
        if op in ("insert", "replace"):
            out.append(format_html("<ins>{}</ins>", " ".join(new[j1:j2])))
        if op == "equal":
            out.append(escape(" ".join(old[i1:i2])))
    return mark_safe(" ".join(out))
