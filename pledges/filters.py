"""The pledge filters, shared by the list page, the downloads and the API.

Every state lives in the query string (kommun, region, parti, omrade, period, typ, q, ordning,
sida),
so a filtered list is a shareable URL and works without JavaScript.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Count, Q, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality, Region
from parties.models import Party

from .freshness import cached
from .models import (
    Pledge,
    PledgeKind,
    PolicyArea,
    Program,
    topic_and_sub_areas,
    touching,
)
from .paging import first_ids
from .ranking import PARTY_IN_RANK
from .widgets import QuickSelect

SORTS = {
    "relevans": ("rank", _("Relevans")),
    "kommun": ("municipality", _("Kommun")),
    "parti": ("party", _("Parti")),
    "omrade": ("area", _("Område")),
    "nyast": ("newest", _("Senast ändrade")),
}
# Each order is read from an index: the list rank orders by place, party, program and the
# pledge's place in it (ranking.py); the party order is read back out of it; a topic's pledges
# by list rank, a topic at a time (paging.first_ids).
ORDER_BY = {
    "municipality": ["list_rank"],
    "party": [PARTY_IN_RANK, "list_rank"],
    "area": ["primary_area__order", "primary_area_id", "list_rank"],
    "newest": ["-updated_at", "pk"],
}


# The list and the API page through the first MAX_RESULTS pledges of any selection; past that,
# a reader narrows the filters or downloads the whole selection (pages deep in a long list cost
# the database the whole way there, and nobody reads them).
MAX_RESULTS = 10_000
RANK_LIMIT = 2_000


def period_choices():
    def compute():
        years = Program.objects.exclude(period_start=None).values_list("period_start", flat=True)
        return [(str(y), f"{y}–{y + 4}") for y in sorted(set(years), reverse=True)]

    return cached("period-choices", compute)


def period_filter(field_name: str) -> django_filters.ChoiceFilter:
    """The election period, by its first year, among the periods programs have."""
    return django_filters.ChoiceFilter(
        label=_("Mandatperiod"),
        field_name=field_name,
        choices=period_choices,
        empty_label=_("Alla perioder"),
        widget=QuickSelect,
    )


class AreaChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name()


class AreaFilter(django_filters.ModelChoiceFilter):
    """A topic also finds the pledges filed under its sub-areas (as its page lists them)."""

    field_class = AreaChoiceField

    def filter(self, qs, value):
        if not value:
            return qs
        # the area ids as values (kept in the cache), so that the database reads the pledges
        # through the area rows' index instead of guessing at a subquery and scanning them all
        covered = cached(
            "area-covered",
            lambda: list(topic_and_sub_areas(value).values_list("pk", flat=True)),
            value.pk,
        )
        return touching(qs, covered)


class PledgeFilter(django_filters.FilterSet):
    # Every real municipality, region, party and area is a valid choice, with data or not: one
    # without pledges gives an empty list (an answer), an unknown value is reported (a 400 in
    # the downloads and the API).
    kommun = django_filters.ModelChoiceFilter(
        label=_("Kommun"),
        field_name="program__municipality",
        to_field_name="slug",
        queryset=Municipality.objects.order_by("name"),
        empty_label=_("Alla kommuner"),
        widget=QuickSelect,
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        field_name="program__region",
        to_field_name="slug",
        queryset=Region.objects.order_by("name"),
        empty_label=_("Alla regioner"),
        widget=QuickSelect,
    )
    parti = django_filters.ModelChoiceFilter(
        label=_("Parti"),
        field_name="program__party",
        to_field_name="slug",
        queryset=Party.objects.order_by("order", "name"),
        empty_label=_("Alla partier"),
        widget=QuickSelect,
    )
    omrade = AreaFilter(
        label=_("Område"),
        field_name="areas",
        to_field_name="slug",
        queryset=PolicyArea.objects.all(),
        empty_label=_("Alla områden"),
        widget=QuickSelect,
    )
    period = period_filter("program__period_start")
    typ = django_filters.ChoiceFilter(
        label=_("Typ"),
        field_name="kind",
        choices=PledgeKind.choices,
        empty_label=_("Alla typer"),
        widget=QuickSelect,
    )
    q = django_filters.CharFilter(
        label=_("Sök"),
        method="filter_search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("t.ex. våld, bostad")}),
    )
    ordning = django_filters.ChoiceFilter(
        label=_("Sortera"),
        method="filter_noop",
        choices=[(k, v[1]) for k, v in SORTS.items()],
        empty_label=None,
        widget=QuickSelect,
    )

    class Meta:
        model = Pledge
        fields = ["kommun", "region", "parti", "omrade", "period", "typ", "q", "ordning"]

    # facet -> (value, label, sort key) fields
    FACETS = {
        "kommun": (
            "program__municipality__slug",
            "program__municipality__name",
            "program__municipality__name",
        ),
        "parti": ("program__party__slug", "program__party__name", "program__party__order"),
        "omrade": ("areas__slug", "areas__name", "areas__order"),
        "typ": ("kind", "kind", "kind"),
    }

    def filter_search(self, queryset, name, value):
        return queryset.search(value) if value.strip() else queryset

    def filter_noop(self, queryset, name, value):
        return queryset

    @property
    def cleaned(self) -> dict:
        """The values that were understood, even when another parameter was not (the list,
        the chips, the facets and the sorting all use these; the rest is reported)."""
        if not self.is_bound:
            return {}
        self.form.is_valid()
        return self.form.cleaned_data

    @property
    def sort(self) -> str:
        data = self.cleaned
        chosen = data.get("ordning") or ("relevans" if data.get("q") else "kommun")
        if chosen == "relevans" and (not data.get("q") or self.too_many_to_rank):
            chosen = "kommun"
        return chosen

    @property
    def too_many_to_rank(self) -> bool:
        """A search with more than RANK_LIMIT matches is listed by place: ranking every match
        would cost each request the whole result, and a word that common ranks poorly."""
        return bool(self.cleaned.get("q")) and self.count() > RANK_LIMIT

    @property
    def ordered_qs(self):
        qs = self.qs
        key = SORTS[self.sort][0]
        if key == "rank":
            return qs  # the search ordered by rank
        return qs.order_by(*ORDER_BY[key])

    def invalid_params(self) -> list[str]:
        """Names of parameters whose value was not understood (they are ignored)."""
        return sorted(self.form.errors) if self.is_bound else []

    def active(self) -> list[tuple[str, str, str]]:
        """(parameter, label, shown value) for each filter in use, for removable chips."""
        cleaned = {k: v for k, v in self.cleaned.items() if v}
        chips = []
        for name in ("kommun", "region", "parti", "omrade", "period", "typ", "q"):
            value = cleaned.get(name)
            if not value:
                continue
            field = self.form.fields[name]
            if name == "period":
                shown = dict(field.choices).get(value, value)
            elif name == "typ":
                shown = PledgeKind(value).label
            elif name == "omrade":
                shown = value.display_name()
            else:
                shown = str(value)
            chips.append((name, str(field.label), shown))
        return chips

    def cache_key(self) -> tuple:
        """What the selection depends on: the understood filters (not the order or page)."""
        parts = []
        for name, value in sorted(self.cleaned.items()):
            if value and name != "ordning":
                parts.append((name, getattr(value, "slug", str(value))))
        return tuple(parts)

    def count(self) -> int:
        """How many pledges the selection holds (kept in the cache; read once a request)."""
        if self._count is None:
            self._count = cached("count", self.qs.count, self.cache_key())
        return self._count

    _count = None

    def first_ids(self) -> list[int]:
        """The ids of the first MAX_RESULTS pledges of the selection in its order, which is
        all that the list and the API page through (kept in the cache)."""
        sort = self.sort

        def compute():
            groups = None
            if SORTS[sort][0] == "area":  # a topic at a time, in the order ORDER_BY["area"] says
                topics = PolicyArea.objects.order_by("order", "pk").values_list("pk", flat=True)
                groups = ("primary_area_id", list(topics), ["list_rank"])
            return first_ids(self.ordered_qs, MAX_RESULTS, self.count(), groups)

        return cached("ids", compute, self.cache_key(), sort, MAX_RESULTS)

    def use_cached_choices(self) -> None:
        """The selects list their options from the cache, not from four queries a page."""
        language = get_language()
        for name in ("kommun", "region", "parti", "omrade"):
            field = self.form.fields[name]

            def options(field=field):
                return [(str(value), str(label)) for value, label in field.choices]

            field.widget.choices = cached(f"choices:{name}", options, language)

    def queryset_without(self, skip: str):
        """The queryset with every valid filter applied except ``skip``."""
        qs = self.queryset.all()
        for name, value in self.cleaned.items():
            if name != skip:
                qs = self.filters[name].filter(qs, value)
        return qs

    def facets(self) -> dict[str, list[tuple[str, str, int]]]:
        """For each facet, [(value, label, count)]: how many pledges each option would give
        with the other filters. One query per facet, kept in the cache for the data version."""
        return cached("facets", self._facets, self.cache_key(), get_language())

    def _facets(self) -> dict[str, list[tuple[str, str, int]]]:
        out = {}
        data = self.cleaned
        kinds = dict(PledgeKind.choices)
        english = (get_language() or "").startswith("en")
        for name, (key, label, order) in self.FACETS.items():
            base = self.queryset_without(name) if data.get(name) else self.qs
            fields = [key, label, order]
            if name == "omrade" and english:
                fields.append("areas__name_en")  # topics' English names under /en/
            rows = base.values(*fields).annotate(n=Count("pk", distinct=True)).order_by(order)
            out[name] = [
                (
                    row[key],
                    str(row.get("areas__name_en") or kinds.get(row[label], row[label])),
                    row["n"],
                )
                for row in rows
                if row[key] is not None
            ]
        return out


def filtered(request, data=None) -> tuple[PledgeFilter, QuerySet]:
    """The public pledges the request's query string (or ``data``, the API's parameters) asks
    for, in its order (by place, party and source order when nothing is asked), with the filter
    set that chose them."""
    data = request.GET if data is None else data
    filterset = PledgeFilter(data or None, queryset=Pledge.objects.public().for_listing())
    return filterset, filterset.ordered_qs if filterset.is_bound else filterset.qs.order_by(
        *ORDER_BY["municipality"]
    )


class ProgramFilter(django_filters.FilterSet):
    """The program index's filters: party, period and a word from the place or the title."""

    parti = django_filters.ModelChoiceFilter(
        label=_("Parti"),
        field_name="party",
        to_field_name="slug",
        queryset=Party.objects.order_by("order", "name"),
        empty_label=_("Alla partier"),
        widget=QuickSelect,
    )
    period = period_filter("period_start")
    q = django_filters.CharFilter(
        label=_("Ort eller titel"),
        method="filter_words",
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    class Meta:
        model = Program
        fields = ["parti", "period", "q"]

    def filter_words(self, queryset, name, value):
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(municipality__name__icontains=word)
                | Q(region__name__icontains=word)
            )
        return queryset
