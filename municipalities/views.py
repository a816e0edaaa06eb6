"""A municipality's and a region's page: its programs by election period, and for one period
the topic × party grid and the first pledges of each topic (the rest one click away in the
filtered list), so that the page stays small however many programs the place has."""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import urlencode

from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import DetailView, TemplateView

from parties.models import Party
from pledges.comparison import MAX_COLUMNS, shade
from pledges.freshness import cached
from pledges.models import Pledge, PolicyArea, attached, public_programs, touching_counts
from pledges.places import OnePeriodMixin
from pledges.ranking import swedish_key

from .models import County, Municipality, Region

PLEDGES_PER_TOPIC = 3  # a taste of each topic; the grid and "Visa alla" lead on


class PlaceDetailView(OnePeriodMixin, DetailView):
    """A municipality's or a region's page."""

    template_name = "municipalities/place_detail.html"
    context_object_name = "place"
    place_field = "municipality"  # the Program field naming the place
    agreement_url = "pledges:agreement"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = self.found
        columns = found.shown
        public = Pledge.objects.public().filter(program__in=columns)
        # A pledge counts under every topic it touches, as the list filtered by that topic
        # finds it: a cell's number is the length of the list it links to.
        counts = touching_counts(public, "program")  # (topic id, program id) -> pledges
        all_areas = {a.pk: a for a in PolicyArea.objects.order_by("order", "name")}
        topics_here = {topic for topic, _ in counts}
        areas = [a for a in all_areas.values() if a.pk in topics_here]
        # A taste of each topic, parties taking turns (each program's first pledge on it, in
        # party order, then each one's second …), so that no one party fills a topic: the
        # candidates' ids in one query, then the pledges shown in another.
        candidates = (
            public.annotate(
                row=Window(
                    RowNumber(),
                    partition_by=[F("primary_area"), F("program")],
                    order_by=[F("order").asc(), F("pk").asc()],
                )
            )
            .filter(row__lte=PLEDGES_PER_TOPIC)
            .values_list("pk", "primary_area", "program", "row")
        )
        party_order = {c.pk: (c.party.order, c.party.name) for c in columns}
        turns = defaultdict(list)
        for pk, area_id, program_id, row in candidates:
            turns[area_id].append((row, party_order[program_id], pk))
        chosen = {  # area id -> the ids shown, in turn order
            area_id: [entry[2] for entry in sorted(entries)[:PLEDGES_PER_TOPIC]]
            for area_id, entries in turns.items()
        }
        ids = [pk for pks in chosen.values() for pk in pks]
        shown = {p.pk: p for p in attached(public.filter(pk__in=ids), columns, all_areas)}
        first = {area_id: [shown[pk] for pk in pks] for area_id, pks in chosen.items()}
        grid_max = max(counts.values(), default=0)
        list_page = reverse("pledges:list") + "?"
        party_query = {c.pk: urlencode({"parti": c.party.slug}) for c in columns}
        topics = []
        for area in areas:
            row = [counts.get((area.pk, c.pk), 0) for c in columns]
            all_url = list_page + found.list_query(omrade=area.slug)  # a cell adds its party
            topics.append(
                {
                    "area": area,
                    "total": sum(row),
                    "first": first.get(area.pk, []),
                    "all_url": all_url,
                    "cells": [
                        (
                            n,
                            shade(n, grid_max),
                            f"{all_url}&{party_query[c.pk]}",
                            c.party.abbreviation,
                        )
                        for n, c in zip(row, columns, strict=True)
                    ],
                }
            )
        have = {p.party_id for p in columns}
        context.update(
            found=found,
            topics=topics,
            missing_parties=[p for p in self.expected_parties() if p.pk not in have],
            shown_pledges=[pledge for pledges in first.values() for pledge in pledges],
            columns=columns,
            crumbs=[(None, self.object.name)],
            compare_query="&".join(f"program={p.slug}" for p in columns[:MAX_COLUMNS]),
            agreement_url=reverse(self.agreement_url, args=[self.object.slug])
            + (f"?period={found.period}" if found.period else ""),
            place_kind=self.place_field,
            list_url=list_page + found.list_query(),
        )
        return context

    def expected_parties(self) -> list[Party]:
        """The parties a reader may look for here: the national ones and the place's own."""
        here = Q(**{self.place_field: self.object})
        national = Q(municipality=None, region=None)
        return list(Party.objects.filter(national | here).order_by("order", "name"))


class MunicipalityDetailView(PlaceDetailView):
    queryset = Municipality.objects.select_related("county")


class RegionDetailView(PlaceDetailView):
    queryset = Region.objects.select_related("county")
    place_field = "region"
    agreement_url = "pledges:region-agreement"


def place_figures() -> dict[tuple[str, int], tuple[int, int]]:
    """Public programs and pledges per place, keyed ("municipality" or "region", id) (one pass
    over the programs, kept in the cache for the data version)."""

    def compute():
        figures: dict[tuple[str, int], list[int]] = {}
        for _pk, _party, municipality, region, n in public_programs():
            key = ("municipality", municipality) if municipality else ("region", region)
            entry = figures.setdefault(key, [0, 0])
            entry[0] += 1
            entry[1] += n
        return {key: tuple(value) for key, value in figures.items()}

    return cached("place-figures", compute)


class PlaceIndexView(TemplateView):
    """Every municipality (all 290, grouped by county with its region) or every region, with
    how many programs and pledges each has; ``?q=`` narrows by name, and ``?kommun=<slug>``
    (the home page's chooser, a plain form) goes straight to that municipality's page."""

    template_name = "municipalities/place_index.html"
    kind = "municipality"

    def get(self, request, *args, **kwargs):
        chosen = request.GET.get("kommun") or request.GET.get("region")
        if chosen:
            model = Municipality if request.GET.get("kommun") else Region
            place = model.objects.filter(slug=chosen).first()
            if place is not None:
                return HttpResponseRedirect(place.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:100]
        figures = place_figures()
        no_programs = _("inga program ännu")

        def with_figures(place, kind):
            place.programs_n, place.pledges_n = figures.get((kind, place.pk), (0, 0))
            # formatted here: a translation tag per card costs the 311-card page a third
            place.summary = (
                ngettext(
                    "%(counter)s program, %(pledges)s löften",
                    "%(counter)s program, %(pledges)s löften",
                    place.programs_n,
                )
                % {"counter": place.programs_n, "pledges": place.pledges_n}
                if place.programs_n
                else no_programs
            )
            return place

        regions = {
            r.county_id: with_figures(r, "region")
            for r in sorted(Region.objects.all(), key=lambda r: swedish_key(r.name))
        }
        if query:
            wanted = query.casefold()
            regions = {c: r for c, r in regions.items() if wanted in r.name.casefold()}
        groups, places = [], []
        if self.kind == "municipality":
            municipalities = sorted(Municipality.objects.all(), key=lambda m: swedish_key(m.name))
            places = [
                with_figures(m, "municipality")
                for m in municipalities
                if not query or wanted in m.name.casefold()
            ]
            for county in sorted(County.objects.all(), key=lambda c: swedish_key(c.name)):
                members = [m for m in places if m.county_id == county.pk]
                region = regions.get(county.pk)
                if members or region:
                    groups.append({"county": county, "region": region, "places": members})
        context.update(
            kind=self.kind,
            query=query,
            groups=groups,
            regions=list(regions.values()),
            found=len(places) + len(regions),
            crumbs=[(None, self.title())],
        )
        return context

    def title(self):
        return _("Kommuner och regioner") if self.kind == "municipality" else _("Regioner")


class RegionIndexView(PlaceIndexView):
    kind = "region"
