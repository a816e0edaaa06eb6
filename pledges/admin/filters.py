"""List filters that scale: a relation with hundreds or thousands of rows (290 municipalities,
7,000 programs, every local party) is filtered through a search box, not a list of links.

The box is the admin's own autocomplete (select2 and the ``admin:autocomplete`` endpoint, with
the permission checks it makes); the filter lists nothing but the chosen row, so a change list
costs the same at 1,000 pledges as at 420,000.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.forms import Media
from django.utils.translation import gettext_lazy as _

from ..models import Program


class AutocompleteFilter(admin.SimpleListFilter):
    """Filter on ``lookup`` (a relation, e.g. ``program__municipality``) with a search box.

    ``source`` names the model field whose autocomplete lists the choices
    (``("pledges", "program", "municipality")``): the admin's endpoint needs a relation on a
    registered model, and checks that the editor may view the rows it lists. The query string
    keeps Django's own parameter names, so earlier filtered addresses keep working.
    """

    template = "admin/autocomplete_filter.html"
    lookup: str
    source: tuple[str, str, str]

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.parameter_name is None:  # the class's own, as ModelAdmin.lookup_allowed reads
            cls.parameter_name = f"{cls.lookup}__id__exact"

    def target(self):
        app_label, model_name, field_name = self.source
        return apps.get_model(app_label, model_name)._meta.get_field(field_name).related_model

    def chosen_pk(self) -> int | None:
        """The chosen row's key, or None for none or a malformed one ("x", "²", 10**30)."""
        value = self.value() or ""
        if value.isascii() and value.isdigit() and len(value) <= 18:
            return int(value)
        return None

    def lookups(self, request, model_admin):
        """Only the chosen row (one query by primary key), for the box to show."""
        pk = self.chosen_pk()
        return [] if pk is None else [(str(obj.pk), str(obj)) for obj in self.chosen(pk)]

    def chosen(self, pk: int):
        return self.target()._default_manager.filter(pk=pk)

    def has_output(self):
        return True

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        pk = self.chosen_pk()
        if pk is None:
            return queryset.none()  # the box shows nothing chosen: the address was wrong
        return queryset.filter(**{f"{self.lookup}__id": pk})

    def box(self):
        """What the template needs for the select2 box."""
        app_label, model_name, field_name = self.source
        return {
            "app_label": app_label,
            "model_name": model_name,
            "field_name": field_name,
            "parameter": self.parameter_name,
            "id": f"filter-{self.parameter_name}",
            "selected": self.lookup_choices[0] if self.lookup_choices else None,
        }


class MunicipalityFilter(AutocompleteFilter):
    title = _("kommun")
    lookup = "program__municipality"
    source = ("pledges", "program", "municipality")


class RegionFilter(AutocompleteFilter):
    title = _("region")
    lookup = "program__region"
    source = ("pledges", "program", "region")


class PartyFilter(AutocompleteFilter):
    title = _("parti")
    lookup = "program__party"
    source = ("pledges", "program", "party")


class ProgramFilter(AutocompleteFilter):
    """One program's pledges (``?program=<id>``, as the program's page and the start page
    link here)."""

    title = _("program")
    parameter_name = "program"
    lookup = "program"
    source = ("pledges", "pledge", "program")

    def chosen(self, pk: int):
        return Program.objects.filter(pk=pk).select_related("party", "municipality", "region")


def filter_for(field: str, title) -> type[AutocompleteFilter]:
    """An autocomplete filter on one of a program's own relations (for the program list)."""
    return type(
        f"Program{field.title()}Filter",
        (AutocompleteFilter,),
        {"title": title, "lookup": field, "source": ("pledges", "program", field)},
    )


class AutocompleteFilters:
    """For a ModelAdmin with autocomplete filters: the admin's select2 scripts and styles on
    its change list, and the script that applies a filter when a row is chosen."""

    def lookup_allowed(self, lookup, value, request=None):
        for spec in self.list_filter:
            if (
                isinstance(spec, type)
                and issubclass(spec, AutocompleteFilter)
                and lookup == spec.parameter_name
            ):
                return True
        return super().lookup_allowed(lookup, value, request)

    @property
    def media(self):
        field = Program._meta.get_field("municipality")
        select2 = AutocompleteSelect(field, self.admin_site).media
        return (
            super().media
            + select2
            + Media(
                js=["admin/js/jquery.init.js", "admin/js/autocomplete.js", "js/admin-filters.js"]
            )
        )
