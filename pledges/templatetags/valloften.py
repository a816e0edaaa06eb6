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


# The HTML of long lists and grids, formatted in Python (pledges/rendering.py), each a tag of
# the same name and arguments: {% pledge_items pledges show_party=True %}, {% compare_items
# items embed %}, {% grid_cells topic.cells %}, {% compare_cells row.cells embed %},
# {% summary_cells row.counts %}, {% source_line program page full=True %},
# {% place_options places place_value %}.
for _renderer in (
    rendering.pledge_items,
    rendering.compare_items,
    rendering.grid_cells,
    rendering.compare_cells,
    rendering.summary_cells,
    rendering.source_line,
    rendering.place_options,
):
    register.simple_tag(_renderer)


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
