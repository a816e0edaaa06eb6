"""The admin's lists of the whole country (400,000 pledges, 7,000 programs).

Django's admin counts the selection on every page, reads a page with OFFSET over the full
query (joins and per-row subqueries included), and renders each row's checkbox through a
template: at national scale a count takes 50 ms, a deep page 400 ms, and the checkboxes of a
page 20 ms. ``CountryList`` keeps the count in the shared cache for the data version (any change
counts again), reads a page by its ids first (pledges/paging.py), and writes the checkboxes
directly.
"""

from __future__ import annotations

from django.contrib.admin import helpers
from django.core.exceptions import EmptyResultSet
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ..freshness import cached
from ..paging import IdsFirstPaginator


class CountryPaginator(IdsFirstPaginator):
    @cached_property
    def count(self) -> int:
        query = self.object_list
        try:
            sql = str(query.query)
        except EmptyResultSet:  # a filter nothing can match
            return 0
        return cached("admin-count", query.count, query.model._meta.label, sql)


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
