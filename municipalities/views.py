"""A municipality's and a region's page: its programs, and their public pledges by topic."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.views.generic import DetailView

from pledges.comparison import MAX_COLUMNS
from pledges.models import Pledge, Program

from .models import Municipality, Region


class PlaceDetailView(DetailView):
    """A municipality's or a region's page: its programs, their pledges by topic."""

    template_name = "municipalities/place_detail.html"
    context_object_name = "place"
    place_field = "municipality"  # the Program field naming the place
    agreement_url = "pledges:agreement"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programs = list(
            Program.objects.filter(**{self.place_field: self.object})
            .select_related("party")
            .annotate(n=Count("pledges", filter=Q(pledges__in=Pledge.objects.public())))
            .order_by("party__order", "title")
        )
        context["programs"] = programs
        pledges = list(
            Pledge.objects.public()
            .for_listing()
            .filter(**{f"program__{self.place_field}": self.object})
            .order_by("primary_area__order", "program__party__order", "order")
        )
        for p in pledges:
            p.group_key = p.primary_area.display_name()
        context["pledges"] = pledges
        context["crumbs"] = [(None, self.object.name)]
        context["compare_query"] = "&".join(f"program={p.slug}" for p in programs[:MAX_COLUMNS])
        context["agreement_url"] = reverse(self.agreement_url, args=[self.object.slug])
        context["place_kind"] = self.place_field
        return context


class MunicipalityDetailView(PlaceDetailView):
    queryset = Municipality.objects.select_related("county")


class RegionDetailView(PlaceDetailView):
    queryset = Region.objects.select_related("county")
    place_field = "region"
    agreement_url = "pledges:region-agreement"
