"""A municipality's and a region's page: its programs by election period, and for one period
the topic × party grid and the first pledges of each topic (the rest one click away in the
filtered list), so that the page stays small however many programs the place has."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.views.generic import DetailView

from pledges.comparison import MAX_COLUMNS, shade
from pledges.models import Pledge, PolicyArea
from pledges.places import OnePeriodMixin

from .models import Municipality, Region

PLEDGES_PER_TOPIC = 5


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
        counts = {}  # (area id, program id) -> pledges
        for area_id, program_id, n in (
            public.values_list("primary_area", "program").annotate(n=Count("pk")).order_by()
        ):
            counts[area_id, program_id] = n
        areas = PolicyArea.objects.filter(pk__in={a for a, _ in counts}).order_by("order", "name")
        # the first pledges of each topic, in party order: one query, however many there are
        first = defaultdict(list)
        for pledge in (
            public.for_listing()
            .annotate(
                row=Window(
                    RowNumber(),
                    partition_by=[F("primary_area")],
                    order_by=[F("program__party__order").asc(), F("order").asc(), F("pk").asc()],
                )
            )
            .filter(row__lte=PLEDGES_PER_TOPIC)
            .order_by("primary_area", "row")
        ):
            first[pledge.primary_area_id].append(pledge)
        grid_max = max(counts.values(), default=0)
        topics = []
        for area in areas:
            row = [counts.get((area.pk, c.pk), 0) for c in columns]
            link = found.list_query
            topics.append(
                {
                    "area": area,
                    "total": sum(row),
                    "first": first[area.pk],
                    "all_url": link(omrade=area.slug),
                    "cells": [
                        (
                            n,
                            shade(n, grid_max),
                            found.list_query(omrade=area.slug, parti=c.party.slug),
                            c,
                        )
                        for n, c in zip(row, columns, strict=True)
                    ],
                }
            )
        context.update(
            found=found,
            topics=topics,
            columns=columns,
            crumbs=[(None, self.object.name)],
            compare_query="&".join(f"program={p.slug}" for p in columns[:MAX_COLUMNS]),
            agreement_url=reverse(self.agreement_url, args=[self.object.slug])
            + (f"?period={found.period}" if found.period else ""),
            place_kind=self.place_field,
            list_url=reverse("pledges:list") + "?" + found.list_query(),
        )
        return context


class MunicipalityDetailView(PlaceDetailView):
    queryset = Municipality.objects.select_related("county")


class RegionDetailView(PlaceDetailView):
    queryset = Region.objects.select_related("county")
    place_field = "region"
    agreement_url = "pledges:region-agreement"
