"""HTML for source texts: a pledge's quote in its paragraph, a program with its pledges marked,
and pledges in a list with their source line.

Everything from a program text is escaped; only the markup added here is HTML.
"""

from __future__ import annotations

import difflib
import html
import re

from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import gettext as _

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


# --- pledges in lists ---------------------------------------------------------------------------
# A list page shows up to 50 pledges, a place page 60, a comparison of six programs 400: formatted
# here rather than by an included template per pledge (whose variable lookups cost a long page
# most of its time), with ``_e`` escaping as Django's ``escape`` does, without its lazy wrapper.


def _e(value) -> str:
    """``value`` escaped for HTML, unless it is already safe (a highlighted snippet)."""
    return value if isinstance(value, SafeData) else html.escape(str(value))


def source_line(program, page: int | None, full: bool = False) -> SafeString:
    """Where a pledge stands: its page, and the party's source (or the program); ``full`` (the
    pledge's own page) also names the program and links to its whole text."""
    parts = ['<span class="source-line">']
    if page:
        parts.append(_e(_("s. %(page)s") % {"page": page}) + " · ")
    if full:
        parts.append(_("ur <cite>%(title)s</cite>") % {"title": _e(program.title)})
        whole = _("hela programmet")  # (gettext outside f-strings, where makemessages finds it)
        parts.append(f' · <a href="{_e(program.get_absolute_url())}#main">{_e(whole)}</a>')
        if program.source_url:
            parts.append(" · ")
    if program.source_url:
        source = _("partiets källa")
        parts.append(f'<a href="{_e(program.source_url)}" rel="noopener">{_e(source)}</a>')
    elif not full:
        label = _("programmet")
        parts.append(f'<a href="{_e(program.get_absolute_url())}">{_e(label)}</a>')
    if program.retrieved:
        retrieved = _("hämtad %(date)s") % {"date": date_format(program.retrieved, "j M Y")}
        parts.append(", " + _e(retrieved))
    parts.append("</span>")
    return mark_safe("".join(parts))


def place_options(groups, selected: str = "") -> SafeString:
    """The compare page's first choice: every municipality and region with programs, as
    ``<optgroup>``s of ``<option value="kind:slug">`` (``groups``: [(label, kind, [(slug,
    name)])]), ``selected`` marked: some 300 options on every request."""
    out = []
    for label, kind, options in groups:
        out.append(f'<optgroup label="{_e(label)}">')
        for slug, name in options:
            value = f"{kind}:{slug}"
            mark = " selected" if value == selected else ""
            out.append(f'<option value="{_e(value)}"{mark}>{_e(name)}</option>')
        out.append("</optgroup>")
    return mark_safe("".join(out))


def grid_cells(cells) -> SafeString:
    """One topic's row of a place's grid: each party's pledges on it, shaded, linked to the
    list (``cells``: (count, shade, list address, party abbreviation))."""
    empty = _e(_("inga löften"))
    out = []
    for n, shade, url, party in cells:
        inner = f'<a href="{_e(url)}">{n}</a>' if n else f'<span aria-label="{empty}">–</span>'
        out.append(f'<td class="shade-{shade}" data-label="{_e(party)}">{inner}</td>')
    return mark_safe("".join(out))


def pledge_items(
    pledges, show_party: bool = False, show_municipality: bool = False, show_area: bool = False
) -> SafeString:
    """The ``<li>`` of each pledge in a list: its text (a search's highlighted snippet) linked
    to its page, the source's words where they say more, and what the list asks to show of
    party, place and topic, with the source line."""
    editors = _e(_("Redaktionens formulering"))
    out = []
    for pledge in pledges:
        program = pledge.program
        text = getattr(pledge, "highlighted", None) or pledge.text
        out.append(
            f'<li class="pledge">\n  <a class="pledge-text" href="{pledge.get_absolute_url()}">'
            f"{_e(text)}</a>"
        )
        if pledge.editors_wording:
            out.append(f' <span class="wording">{editors}</span>')
        quote = pledge.shown_quote
        if quote:
            out.append(f'\n  <q class="pledge-quote">{_e(quote)}</q>')
        out.append('\n  <span class="meta">')
        if show_party:
            party = program.party
            out.append(
                f'<span class="party"><span class="party-chip p-{_e(party.slug)}" '
                f'aria-hidden="true">{_e(party.abbreviation)}</span>{_e(party.short_name)}</span> '
            )
        if show_municipality:
            out.append(f"<span>{_e(program.place.name)}</span> ")
        if show_area:
            out.append(f'<span class="area">{_e(pledge.primary_area.display_name())}</span> ')
        out.append(source_line(program, pledge.page))
        out.append("</span>\n</li>\n")
    return mark_safe("".join(out))


def compare_items(pledges, embed: bool = False) -> SafeString:
    """The ``<li>`` of each pledge in a comparison cell: its text linked to its page (out of
    the frame when embedded), its fulfilment once rated, and links to the similar pledges in
    the other columns."""
    target = ' target="_top"' if embed else ""
    alike = _e(_("Liknar:"))
    out = []
    for pledge in pledges:
        out.append(
            f'<li id="c-{pledge.pk}"><a href="{pledge.get_absolute_url()}"{target}>'
            f"{_e(pledge.text)}</a>"
        )
        if pledge.fulfilment != "not_rated":
            out.append(
                f' <span class="fulfilment fulfilment-{_e(pledge.fulfilment)}">'
                f"{_e(pledge.get_fulfilment_display())}</span>"
            )
        similar = getattr(pledge, "similar_here", None)
        if similar:
            place = pledge.program.place
            links = []
            for other in similar:
                name = other.program.party.short_name
                if other.program.place != place:
                    name = f"{name} ({other.program.place.name})"
                links.append(f'<a href="#c-{other.pk}">{_e(name)}</a>')
            out.append(f'\n<span class="similar-links">{alike} {", ".join(links)}</span>')
        out.append("</li>\n")
    return mark_safe("".join(out))


def compare_cells(cells, embed: bool = False) -> SafeString:
    """One topic's cells of a comparison (``cells``: (column, its pledges on the topic)): each
    column's party and label, then its pledges or a line saying there are none."""
    none_found = _e(_("Inget löfte om detta hittades i programmet."))
    out = []
    for column, items in cells:
        party = column.party
        out.append(
            f'<div class="cell">\n<h3 class="cell-head"><span class="party-chip '
            f'p-{_e(party.slug)}" aria-hidden="true">{_e(party.abbreviation)}</span> '
            f"{_e(column.label)}</h3>\n"
        )
        if items:
            out.append(f"<ul>\n{compare_items(items, embed)}</ul>\n")
        else:
            out.append(f'<p class="empty">{none_found}</p>\n')
        out.append("</div>\n")
    return mark_safe("".join(out))


def summary_cells(counts) -> SafeString:
    """One topic's row of a comparison's summary: each column's pledges on it, shaded
    (``counts``: (column, count, shade))."""
    return mark_safe(
        "".join(
            f'<td class="shade-{shade}" data-label="{_e(column.party.abbreviation)}, '
            f'{_e(column.place.name)}">{n}</td>'
            for column, n, shade in counts
        )
    )
