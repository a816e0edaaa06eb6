"""The admin's lists of the whole country (400,000 pledges, 7,000 programs).

Django's admin counts the selection on every page, reads a page with OFFSET over the full
query (joins and per-row subqueries included), and renders each row's checkbox through a
template: at national scale a count takes 50 ms, a deep page 400 ms, and the checkboxes of a
page 20 ms, and Django's cell-by-cell formatting of the rows (``items_for_result`` decides again
for every cell what kind of column it is) a third of what is left. ``CountryList`` keeps the
count in the shared cache for the data version (any change counts again), reads a page by its
ids first (pledges/paging.py; a narrow selection's ids are kept like its count), and writes the
rows as Django would, with each column's decisions taken once per page (``ColumnWriter``).
"""

from __future__ import annotations

import datetime
from operator import attrgetter

from django.contrib.admin import helpers
from django.contrib.admin.templatetags.admin_list import ResultList, _coerce_field_name
from django.contrib.admin.utils import (
    FieldIsAForeignKeyColumnName,
    _get_non_gfk_field,
    display_for_field,
    display_for_value,
    lookup_field,
    quote,
)
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ..paging import KeptPaginator


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

    def get_queryset(self, request, exclude_parameters=None):
        """The selection with only the columns its rows show (``list_fields`` of the model
        admin): the 50 rows of a page and their party, place and topic, not the programs'
        and topics' long texts."""
        queryset = super().get_queryset(request, exclude_parameters)
        fields = getattr(self.model_admin, "list_fields", None)
        return queryset.only(*fields) if fields else queryset

    def url_for_result(self, result):
        url = f"{self.change_path}{quote(getattr(result, self.pk_attname))}/change/"
        return f"{url}?{self.row_filters}" if self.row_filters else url

    def rows(self) -> list[ResultList] | None:
        """The page's rows as Django's ``results`` gives them to change_list_results.html (one
        item a row: its cells written together); None where Django's own rows are needed (a
        popup's rows carry their opener, an editable list its forms)."""
        if self.is_popup or self.formset:
            return None
        links = [
            self.list_display_links is not None
            and (name in self.list_display_links or (not self.list_display_links and index == 0))
            for index, name in enumerate(self.list_display)
        ]
        first_link = links.index(True) if True in links else -1
        columns = [
            ColumnWriter(self, name, index, links=links[index], heads=index == first_link)
            for index, name in enumerate(self.list_display)
        ]
        return [
            ResultList(None, [SafeString("".join([column(row) for column in columns]))])
            for row in self.result_list
        ]


class ColumnWriter:
    """One column of a change list: what Django's ``items_for_result`` decides for each cell
    (field or callable, how its value is shown, the cell's class and tag) decided once, so
    that a cell costs its value and one escape. The cells are Django's, byte for byte
    (tests/test_admin_country_lists.py compares them)."""

    def __init__(self, cl: CountryChangeList, name, index: int, *, links: bool, heads: bool):
        self.cl, self.name, self.links = cl, name, links
        self.tag = "th" if heads else "td"
        self.empty = cl.model_admin.get_empty_value_display()
        self.classes = f"field-{_coerce_field_name(name, index)}"
        self.field = self.attr = None
        self.boolean = False
        self.icons = {}
        try:
            field = _get_non_gfk_field(cl.lookup_opts, name)
        except (FieldDoesNotExist, FieldIsAForeignKeyColumnName):
            if callable(name):
                self.attr = name
            elif hasattr(cl.model_admin, name) and name != "__str__":
                self.attr = getattr(cl.model_admin, name)
            if name == "action_checkbox":
                self.classes = "action-checkbox"
            self.empty = getattr(self.attr, "empty_value_display", self.empty)
            self.boolean = getattr(self.attr, "boolean", False)
        else:
            if field.auto_created:  # the key: shown as a plain value
                self.attr = attrgetter(name)
            else:
                self.field = field
            if isinstance(field, (models.DateField, models.TimeField, models.ForeignKey)):
                self.classes += " nowrap"

    def shown(self, row):
        """The cell's content as Django shows it, and whether it is a date or time (which
        Django keeps on one line)."""
        field = self.field
        if field is None:
            if self.attr is not None:
                value = self.attr(row)
            else:  # a model property or method, found as Django finds it
                value = lookup_field(self.name, row, self.cl.model_admin)[2]
            if isinstance(value, str) and value.strip() == "":
                value = ""
            shown = display_for_value(value, self.empty, self.boolean)
            return shown, isinstance(value, (datetime.date, datetime.time))
        if isinstance(field, models.ForeignKey):
            related = getattr(row, field.name)
            return (self.empty if related is None else related), False
        value = getattr(row, field.attname)
        if isinstance(value, str) and value.strip() == "":
            value = ""
        if isinstance(field, models.BooleanField):  # an icon a value, not a static lookup a row
            if value not in self.icons:
                self.icons[value] = display_for_field(value, field, self.empty)
            return self.icons[value], False
        return display_for_field(value, field, self.empty, avoid_link=self.links), False

    def __call__(self, row) -> str:
        try:
            shown, dated = self.shown(row)
        except ObjectDoesNotExist:
            shown, dated = self.empty, False
        content = conditional_escape(shown)
        if self.links:
            content = f'<a href="{conditional_escape(self.cl.url_for_result(row))}">{content}</a>'
        classes = f"{self.classes} nowrap" if dated else self.classes
        return f'<{self.tag} class="{classes}">{content}</{self.tag}>'


class CountryList:
    """For a ModelAdmin whose list may hold the whole country. ``list_fields`` names the
    fields its rows read (None: all); a field read that is not named costs a query a row,
    which the admin's query-budget tests catch."""

    list_fields: list[str] | None = None

    paginator = KeptPaginator
    change_list_template = "admin/country_change_list.html"

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
