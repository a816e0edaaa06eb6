"""Comparing programs: the compare page and its embeddable table, and the agreement pages
(how alike each pair of a municipality's or a region's programs is)."""

from __future__ import annotations

from csp.decorators import csp_replace
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.generic import DetailView, TemplateView

from municipalities.models import Municipality, Region

from ..comparison import MAX_COLUMNS, Comparison, agreement_rows
from ..models import PLACE_NAME, Pledge, PledgeSimilarity, Program
from ..places import OnePeriodMixin


def program_choices():
    return Program.objects.select_related("party", "municipality", "region").order_by(
        PLACE_NAME, "party__order", "title"
    )


class CompareView(TemplateView):
    template_name = "pledges/compare.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        comparison = Comparison(self.request)
        chosen = [c.slug for c in comparison.columns]
        context.update(
            comparison=comparison,
            summary=comparison.summary(),
            choices=list(program_choices()),
            selects=[(i + 1, chosen[i] if i < len(chosen) else "") for i in range(MAX_COLUMNS)],
            embed_url=self.request.build_absolute_uri(
                reverse("pledges:compare-embed") + "?" + comparison.query
            ),
        )
        return context


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})  # made to be framed by any site
def compare_embed(request):
    comparison = Comparison(request)
    return render(
        request,
        "pledges/compare_embed.html",
        {"comparison": comparison, "summary": comparison.summary()},
    )


class AgreementView(OnePeriodMixin, DetailView):
    """How alike each pair of parties' programs in one place are, by similar pledges, for one
    election period at a time (the newest unless ``?period=`` asks for another)."""

    template_name = "pledges/agreement.html"
    context_object_name = "place"
    queryset = Municipality.objects.all()
    place_field = "municipality"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programs = self.found.shown
        pledges = list(
            Pledge.objects.public()
            .for_listing()
            .filter(program__in=programs)
            .only("pk", "program_id", "primary_area")
        )
        links = PledgeSimilarity.objects.filter(pledge__in=pledges, other__in=pledges)
        areas, rows = agreement_rows(programs, pledges, links.values_list("pledge_id", "other_id"))
        context.update(programs=programs, areas=areas, rows=rows, found=self.found)
        context["crumbs"] = [
            (self.object.get_absolute_url(), self.object.name),
            (None, _("Samstämmighet")),
        ]
        return context


class RegionAgreementView(AgreementView):
    queryset = Region.objects.all()
    place_field = "region"
