"""The admin's lists of the whole country (400,000 pledges, 7,000 programs).

Django's admin counts the selection on every page, reads a page with OFFSET over the full
query (joins and per-row subqueries included), and renders each row's checkbox through a
template: at national scale a count takes 50 ms, a deep page 400 ms, and the checkboxes of a
page 20 ms. ``CountryList`` keeps the count in the shared cache for the data version (any change
counts again), reads a page by its ids first (pledges/paging.py; a narrow selection's ids are
kept like its count), and writes the checkboxes and the rows' links directly.
"""

from __future__ import annotations

from django.contrib.admin import helpers
from django.contrib.admin.utils import quote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import EmptyResultSet
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ..freshness import cached
from ..paging import IdsFirstPaginator


class CountryPaginator(IdsFirstPaginator):
    @cached_property
    def sql(self) -> str | None:
        """The selection's query, which keys what is kept of it (None: nothing can match)."""
        try:
            return str(self.object_list.query)
        except EmptyResultSet:
            return None

    @cached_property
    def count(self) -> int:
        query = self.object_list
        if self.sql is None:
            return 0
        return cached("admin-count", query.count, query.model._meta.label, self.sql)

    def selection_ids(self) -> list:
        """A narrow selection's ids (a search, a program) are read once per data version, not
        again for every page an editor turns to."""
        model = self.object_list.model._meta.label
        return cached("admin-ids", super().selection_ids, model, self.sql)


class CountryChangeList(ChangeList):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The list's filters travel with each row's link (Django resolves the link again
        # for every row to add them): here they are added once, as Django writes them.
        self.row_filters, self.preserved_filters = self.preserved_filters, ""

    @cached_property
    def change_path(self) -> str:
        """The change form's address but for the row's key (reversed once, not once a row)."""
        name = f"admin:{self.opts.app_label}_{self.opts.model_name}_change"
        path = reverse(name, args=("0",), current_app=self.model_admin.admin_site.name)
        return path.removesuffix("0/change/")

    def url_for_result(self, result):
        url = f"{self.change_path}{quote(getattr(result, self.pk_attname))}/change/"
        return f"{url}?{self.row_filters}" if self.row_filters else url


class CountryList:
    """For a ModelAdmin whose list may hold the whole country."""

    paginator = CountryPaginator

    def get_changelist(self, request, **kwargs):
        return CountryChangeList

    def action_checkbox(self, obj):
        """Django's row checkbox (the same HTML), without a template per row."""
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(_("Select this object for an action - {}"), str(obj)),
        )
