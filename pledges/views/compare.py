"""Comparing programs: the compare page and its embeddable table, and the agreement pages
(how alike each pair of a municipality's or a region's programs is)."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.generic import DetailView, TemplateView

from municipalities.models import Municipality, Region

from ..comparison import MAX_COLUMNS, Comparison, shade
from ..models import PLACE_NAME, Pledge, PledgeSimilarity, Program


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
def compare_embed(request):
    comparison = Comparison(request)
    return render(
        request,
        "pledges/compare_embed.html",
        {"comparison": comparison, "summary": comparison.summary()},
    )


class AgreementView(DetailView):
    """How alike each pair of parties' programs in one place are, by similar pledges."""

    template_name = "pledges/agreement.html"
    context_object_name = "place"
    queryset = Municipality.objects.all()
    place_field = "municipality"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programs = list(
            Program.objects.filter(**{self.place_field: self.object})
            .select_related("party")
            .order_by("party__order", "title")
        )
        pledges = list(
            Pledge.objects.public()
            .for_listing()
            .filter(program__in=programs)
            .only("pk", "program_id", "primary_area")
        )
        by_id = {p.pk: p for p in pledges}
        linked = defaultdict(set)  # pledge -> programs it has a similar pledge in
        for pid, oid in PledgeSimilarity.objects.filter(
            pledge__in=by_id, other__in=by_id
        ).values_list("pledge_id", "other_id"):
            linked[pid].add(by_id[oid].program_id)
        areas = sorted({p.primary_area for p in pledges}, key=lambda a: (a.order, a.name))
        rows = []
        for a, b in combinations(programs, 2):
            overall = _agreement(pledges, linked, a, b, None)
            per_area = [_agreement(pledges, linked, a, b, area) for area in areas]
            rows.append(
                {
                    "a": a,
                    "b": b,
                    "overall": overall,
                    "overall_shade": shade(overall, 100),
                    "areas": [(value, shade(value, 100)) for value in per_area],
                }
            )
        rows.sort(key=lambda r: -(r["overall"] if r["overall"] is not None else -1))
        context.update(programs=programs, areas=areas, rows=rows)
        context["crumbs"] = [
            (self.object.get_absolute_url(), self.object.name),
            (None, _("Samstämmighet")),
        ]
        return context


class RegionAgreementView(AgreementView):
    queryset = Region.objects.all()
    place_field = "region"


def _agreement(pledges, linked, a, b, area):
    """Share (0–100) of the two programs' pledges that have a similar pledge in the other."""
    mine = [
        p
        for p in pledges
        if p.program_id in (a.pk, b.pk) and (area is None or p.primary_area_id == area.pk)
    ]
    if not mine:
        return None
    hits = sum(1 for p in mine if (b.pk if p.program_id == a.pk else a.pk) in linked.get(p.pk, ()))
    return round(100 * hits / len(mine))
