"""A municipality's and a region's page: its programs by election period, and for one period
the topic × party grid and the first pledges of each topic (the rest one click away in the
filtered list), so that the page stays small however many programs the place has."""

from __future__ import annotations

from itertools import groupby

from django.urls import reverse
from django.views.generic import DetailView

from pledges.comparison import MAX_COLUMNS, shade
from pledges.models import Pledge
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
        pledges = list(
            Pledge.objects.public()
            .for_listing()
            .filter(program__in=found.shown)
            .order_by("primary_area__order", "program__party__order", "order")
        )
        columns = found.shown
        topics, grid_max = [], 0
        for area, items in groupby(pledges, key=lambda p: p.primary_area):
            items = list(items)
            counts = [sum(1 for p in items if p.program_id == c.pk) for c in columns]
            grid_max = max(grid_max, *counts)
            topics.append(
                {
                    "area": area,
                    "total": len(items),
                    "first": items[:PLEDGES_PER_TOPIC],
                    "counts": counts,
                    "all_url": found.list_query(omrade=area.slug),
                }
            )
        for topic in topics:
            topic["cells"] = [
                (
                    n,
                    shade(n, grid_max),
                    found.list_query(omrade=topic["area"].slug, parti=c.party.slug),
                )
                for n, c in zip(topic["counts"], columns, strict=True)
            ]
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
