from django import template
from django.urls import translate_url

from ..querystrings import without_empty

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, key, value):
    """The current query string with ``key`` set to ``value`` (and back to page 1), without
    empty parameters."""
    params = without_empty(context["request"].GET)
    params[key] = value
    params.pop("sida", None)
    return params.urlencode()


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
