"""The admin's lists of the whole country (400,000 pledges, 7,000 programs).

Django's admin counts the selection on every page, reads a page with OFFSET over the full
query (joins and per-row subqueries included), and renders each row's checkbox through a
template: at national scale a count takes 50 ms, a deep page 400 ms, and the checkboxes of a
page 20 ms. ``CountryList`` keeps the count in the shared cache for the data version (any change
counts again), reads a page in two steps (the ids of its rows in the list's order, then those
rows with everything the list shows), and writes the checkboxes directly.

For a broad selection the ids come with LIMIT and OFFSET: the database skips to a deep page
along the order's index, with no join. A narrow one (a search) has all its ids read at once,
without LIMIT, so that the database finds them through the filter's own index instead of
walking the whole order.
"""

from __future__ import annotations

from django.contrib.admin import helpers
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ..freshness import cached

NARROW = 20_000  # a selection this small has its ids read whole


class CountryPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        query = self.object_list
        try:
            sql = str(query.query)
        except EmptyResultSet:  # a filter nothing can match
            return 0
        return cached("admin-count", query.count, query.model._meta.label, sql)

    def _get_page(self, object_list, number, paginator):
        if self.count <= NARROW:
            start = (number - 1) * self.per_page
            ids = list(self.object_list.values_list("pk", flat=True))[start : start + self.per_page]
        else:
            ids = list(object_list.values_list("pk", flat=True))
        rows = self.object_list.order_by().in_bulk(ids)
        return Page([rows[pk] for pk in ids if pk in rows], number, paginator)


class CountryList:
    """For a ModelAdmin whose list may hold the whole country."""

    paginator = CountryPaginator

    def action_checkbox(self, obj):
        """Django's row checkbox (the same HTML), without a template per row."""
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(_("Select this object for an action - {}"), str(obj)),
        )
