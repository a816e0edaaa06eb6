"""The title and the address (slug) of a program brought in by an editor or a batch: one place
that decides both, plain Python without a database.

A title is proposed from what the document says about itself (its first heading, then its own
metadata title) only when that reads as a title; otherwise it is "Valprogram 2026–2030". The
address is place, party, title and period, with a period's dash kept as a hyphen
("lund-s-trygg-aldreomsorg-2026-2030", never "…-20262030").
"""

from __future__ import annotations

import re

from django.utils.text import slugify

from pledges.parsing.lexicon import format_period

SLUG_MAX = 120
TITLE_MAX = 300
TITLE_MAX_WORDS = 16
FALLBACK = "Valprogram"

# Dashes, slashes and dots between words or numbers become word breaks before slugify, which
# would otherwise drop them and glue "2026–2030" into "20262030".
BREAKS_RE = re.compile(r"[\u2010-\u2015\u2212/\\.:;_+&]")
FILE_NAME_RE = re.compile(r"\.(pdf|docx?|txt|html?|odt|rtf)$", re.IGNORECASE)
NOT_TITLES_RE = re.compile(
    r"^(untitled|namnlös|namnlöst|dokument\d*|document\d*|microsoft word\b|powerpoint\b"
    r"|sida \d+|page \d+|innehåll(sförteckning)?|contents|välkommen|hem|start)\b",
    re.IGNORECASE,
)
DATE_RE = re.compile(
    r"^\d{1,2}\s+(jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)\w*\.?\s+\d{4}$", re.IGNORECASE
)
ADDRESS_RE = re.compile(r"^(https?://|www\.)", re.IGNORECASE)
WORD_RE = re.compile(r"[^\W\d_]{3,}")


def reads_as_title(text: str | None, *, not_names: tuple[str, ...] = ()) -> bool:
    """Whether a document's first line or metadata title can name a program: a few words,
    not a file name, a date, a page number, an address, a sentence, or only the place's or
    the party's name (``not_names``)."""
    text = " ".join((text or "").split())
    if not text or len(text) > TITLE_MAX or len(text.split()) > TITLE_MAX_WORDS:
        return False
    if any(r.search(text) for r in (FILE_NAME_RE, NOT_TITLES_RE, DATE_RE, ADDRESS_RE)):
        return False
    if text.endswith((":", ",", ";")) or not WORD_RE.search(text):
        return False  # a lead-in, or only numbers and dates
    if "_" in text:  # "valprogram_2026_slutlig"
        return False
    names = {name.casefold() for name in not_names if name}
    return text.casefold() not in names


def proposed_title(
    candidates, *, period_start: int | None = None, not_names: tuple[str, ...] = ()
) -> str:
    """The first candidate that reads as a title, else "Valprogram 2026–2030" (or
    "Valprogram" without a known period)."""
    for candidate in candidates:
        if reads_as_title(candidate, not_names=not_names):
            return " ".join(candidate.split())[:TITLE_MAX]
    return f"{FALLBACK} {format_period(period_start)}" if period_start else FALLBACK


def readable_slug(text: str, max_length: int = SLUG_MAX) -> str:
    """An address part that reads well: å, ä, ö as a, a, o; dashes and slashes as hyphens;
    cut at a word, never inside one."""
    slug = slugify(BREAKS_RE.sub(" ", text))
    slug = re.sub(r"-{2,}", "-", slug).strip("-")
    if len(slug) <= max_length:
        return slug
    cut = slug[: max_length + 1]
    return (cut[: cut.rfind("-")] if "-" in cut else cut[:max_length]).strip("-")


def program_slug(place: str, party: str, title: str, period_start: int | None) -> str:
    """Place, party, title and period: "lund-s-trygg-aldreomsorg-2026-2030". The period is
    left out when the title already names it (or its first year)."""
    title_part = readable_slug(title or FALLBACK)
    period = ""
    if period_start and str(period_start) not in title_part.split("-"):
        period = readable_slug(format_period(period_start))
    head = readable_slug(f"{place} {party}")
    room = SLUG_MAX - len(head) - (len(period) + 1 if period else 0) - 1
    parts = [head, readable_slug(title_part, room), period]
    return "-".join(p for p in parts if p)


def legacy_program_slug(place: str, party: str, title: str, period_start: int | None) -> str:
    """The address the import gave a program before (until November 2026): programs keep it,
    and bringing one in again finds it by it."""
    period = f"-{period_start}" if period_start else ""
    base = slugify(f"{place}-{party}-{title or 'program'}")
    return f"{base[: SLUG_MAX - len(period)]}{period}"
