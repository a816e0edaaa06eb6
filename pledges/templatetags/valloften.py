from django import template
from django.urls import translate_url
from django.utils.safestring import mark_safe

from .. import rendering
from ..querystrings import without_empty

register = template.Library()


@register.simple_tag(takes_context=True)
def query_without(context, key):
    """A link to this page without ``key`` (and back to page 1), without empty parameters:
    ``?…``, or the bare path when nothing is left."""
    request = context["request"]
    params = without_empty(request.GET)
    params.pop(key, None)
    params.pop("sida", None)
    return f"?{params.urlencode()}" if params else request.path


@register.simple_tag(takes_context=True)
def in_language(context, language):
    """This page's address in ``language`` (Swedish has no prefix, English /en/), query string
    kept: a plain link switches language both ways, with no form and no cookie."""
    request = context["request"]
    url = translate_url(request.path, language)
    query = without_empty(request.GET).urlencode()
    return f"{url}?{query}" if query else url


@register.simple_tag
def pledge_items(pledges, show_party=False, show_municipality=False, show_area=False):
    """``{% pledge_items pledges show_party=True %}``: the ``<li>`` of each pledge in a list."""
    return rendering.pledge_items(pledges, show_party, show_municipality, show_area)


@register.simple_tag
def compare_items(pledges, embed=False):
    """``{% compare_items items embed %}``: the ``<li>`` of each pledge in a comparison cell."""
    return rendering.compare_items(pledges, embed)


@register.simple_tag
def grid_cells(cells):
    """``{% grid_cells topic.cells %}``: the ``<td>`` of one topic in a place's grid."""
    return rendering.grid_cells(cells)


@register.simple_tag
def compare_cells(cells, embed=False):
    """``{% compare_cells row.cells embed %}``: the cells of one topic in a comparison."""
    return rendering.compare_cells(cells, embed)


@register.simple_tag
def summary_cells(counts):
    """``{% summary_cells row.counts %}``: one topic's counts in a comparison's summary."""
    return rendering.summary_cells(counts)


@register.simple_tag
def source_line(program, page, full=False):
    """``{% source_line program page full=True %}``: where a pledge stands in its source."""
    return rendering.source_line(program, page, full)


@register.inclusion_tag("pledges/includes/review_notice.html")
def review_notice(pledges, embed=False):
    """One notice for the pledges a page shows that no editor has reviewed yet, instead of a
    badge on every row (``pledges``: what the page has already fetched). ``embed``: its link
    opens out of the frame, as every link of an embedded comparison does."""
    pledges = list(pledges)
    return {
        "unreviewed": sum(1 for p in pledges if p.status == "imported"),
        "shown": len(pledges),
        "embed": embed,
    }


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        context[self.name] = mark_safe(self.nodelist.render(context).strip())
        return ""


@register.tag
def capture(parser, token):
    """``{% capture as name %}…{% endcapture %}``: renders its contents into ``name`` instead
    of the page, so that one block (a page's title) can be used twice (in ``<title>`` and its
    Open Graph tag)."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])
