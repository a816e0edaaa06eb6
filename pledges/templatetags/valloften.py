from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, key, value):
    """The current query string with ``key`` set to ``value`` (and back to page 1)."""
    params = context["request"].GET.copy()
    params[key] = value
    params.pop("sida", None)
    return params.urlencode()


@register.simple_tag(takes_context=True)
def query_without(context, key):
    """The current query string without ``key`` (and back to page 1)."""
    params = context["request"].GET.copy()
    params.pop(key, None)
    params.pop("sida", None)
    return params.urlencode()
