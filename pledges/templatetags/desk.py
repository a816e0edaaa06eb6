"""The editors' desk on the admin's start page (pledges/desk.py does the counting)."""

from django import template

from .. import desk

register = template.Library()


@register.simple_tag(takes_context=True)
def editors_desk(context):
    """What waits for the logged-in editor, as ``desk.Task`` objects."""
    return desk.waiting(context["request"].user)
