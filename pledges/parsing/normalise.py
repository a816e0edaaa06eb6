"""Stage 1, normalise: what in a text is page furniture, and how it reads once cleaned.

Nothing is changed in place, so every offset still points into the text as received. This stage
only *marks*: lines that are page numbers or running headers and footers (left out of the
blocks), and the page each offset is on. ``clean`` gives the reading form of a span for display:
line-end hyphenation joined ("fortsät- ta" → "fortsätta"), Markdown and list marks removed.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable

from .text import LIST_MARK, Line, normalize_space

# "12", "- 12 -", "Sida 3", "s. 3", "3 (24)", "3/24": a line that is only a page number.
PAGE_NUMBER_RE = re.compile(
    r"^(?:[-–—]\s*)?(?:sida\s+|sid\.?\s+|s\.\s*)?\d{1,3}(?:\s*(?:\(\d{1,3}\)|/\s*\d{1,3}|av\s+\d{1,3}))?"
    r"(?:\s*[-–—])?$",
    re.IGNORECASE,
)
# "karlstad.vansterpartiet.se": a web address on a line of its own, as a printed footer has it.
ADDRESS_RE = re.compile(
    r"^(https?://)?(www\.)?[\w-]+(\.[\w-]+)*\.(se|nu|com|org|net|eu)(/\S*)?$", re.I
)
# A running header or footer is a short line printed on many pages.
RUNNING_MIN_REPEATS = 3
RUNNING_MAX_CHARS = 90

# "fortsät- ta", "in-\nvånarnas": a word cut at a line end. Not "gång- och cykelvägar", nor
# "kultur- idrotts- och fritidsnämnden" (the next word is cut short too).
HYPHEN_BREAK_RE = re.compile(
    r"(?<=[a-zåäöé])-(?:[ \t\xa0]*\r?\n[ \t\xa0]*|[ \t\xa0]+)"
    r"(?!(?:och|eller|samt|som|till|respektive|men|både|liksom|resp)\b)(?![a-zåäöé]+-)"
    r"(?=[a-zåäöé])"
)
MARKUP_RE = re.compile(r"\*\*|__|^#{1,6}\s+")
LIST_MARK_RE = re.compile(rf"^(?:{LIST_MARK}|\d{{1,2}}[.)]|[a-z][)])\s+")


def _furniture_key(text: str) -> str:
    """A line with its numbers taken out, so "Valprogram 2022 | 3" and "… | 4" compare equal."""
    return re.sub(r"\d+", "#", normalize_space(text)).casefold()


def furniture_lines(
    source: str, lines: list[Line], keep: Callable[[str], bool] = lambda text: False
) -> set[int]:
    """Line numbers of page numbers and running headers/footers, in a text with pages (form
    feeds, several lines that are only a page number, or a web address printed as a footer
    three times or more). A running line is one of at most 90 characters printed three times
    or more; never a heading or a lead-in (``keep``), which a program may well repeat. A text
    without pages (a web page) has no furniture.
    """
    texts = {ln.number: source[ln.start : ln.end] for ln in lines if not ln.blank}
    numbers = {n for n, t in texts.items() if PAGE_NUMBER_RE.match(t.strip())}
    addresses = Counter(t.strip().casefold() for t in texts.values() if ADDRESS_RE.match(t.strip()))
    printed = any(c >= RUNNING_MIN_REPEATS for c in addresses.values())
    if "\f" not in source and len(numbers) < 2 and not printed:
        return set()
    candidates = {
        n: _furniture_key(t)
        for n, t in texts.items()
        if len(t) <= RUNNING_MAX_CHARS
        and not MARKUP_RE.search(t)
        and not t.rstrip().endswith(":")
        and not LIST_MARK_RE.match(t)
        and re.search(r"\w", t)  # a bullet alone on its line is an item's, not furniture
        and not keep(t)
    }
    counts = Counter(candidates.values())
    return numbers | {n for n, key in candidates.items() if counts[key] >= RUNNING_MIN_REPEATS}


class Pages:
    """Which page an offset is on, from the form feeds in the text (None when it has none)."""

    def __init__(self, source: str):
        self.breaks = [m.start() for m in re.finditer("\f", source)]

    def page_at(self, offset: int) -> int | None:
        if not self.breaks:
            return None
        return bisect.bisect_right(self.breaks, offset) + 1


def clean(span: str) -> str:
    """The reading form of a source span: hyphenation joined, markup and list marks gone,
    white space normalised."""
    text = HYPHEN_BREAK_RE.sub("", span)
    out = []
    for line in text.splitlines():
        line = MARKUP_RE.sub("", line.strip(" \t\xa0"))
        out.append(LIST_MARK_RE.sub("", line))
    return normalize_space(" ".join(out)).strip("* ")
