"""Comparing programs: the compare page and its embeddable table, and the agreement pages
(how alike each pair of a municipality's or a region's programs is)."""

from __future__ import annotations

from csp.decorators import csp_replace
from django.db.models import F
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.generic import DetailView, TemplateView

from municipalities.models import Municipality, Region

from ..comparison import MAX_COLUMNS, Comparison, agreement_rows, links_among
from ..freshness import cached
from ..models import Pledge, PolicyArea, Program
from ..places import OnePeriodMixin
from ..querystrings import CleanQueryMixin


def place_choices() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """[(group label, kind, [(slug, name)])]: the municipalities and regions with programs,
    for the compare page's first choice (kept in the cache)."""

    def compute():
        groups = []
        for label, kind, model in (
            (gettext("Kommuner"), "kommun", Municipality),
            (gettext("Regioner"), "region", Region),
        ):
            places = model.objects.filter(programs__isnull=False).distinct().order_by("name")
            groups.append((label, kind, [(p.slug, p.name) for p in places]))
        return groups

    return cached("compare-places", compute, get_language())


class CompareView(CleanQueryMixin, TemplateView):
    """Programs side by side. A reader picks a municipality or region, then one of its
    programs, and again, up to six; every step is a plain GET, so the address is the
    comparison and no page lists all the country's programs."""

    template_name = "pledges/compare.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        comparison = Comparison(self.request)
        chosen = [c.slug for c in comparison.columns]
        place = self._place(self.request.GET.get("plats", ""))
        offered = []
        if place is not None and len(chosen) < MAX_COLUMNS:
            offered = list(
                Program.objects.filter(**{place[0]: place[1]})
                .exclude(slug__in=chosen)
                .select_related("party")
                .defer("original_text")
                .order_by(F("period_start").desc(nulls_last=True), "party__order", "title")
            )
        context.update(
            comparison=comparison,
            summary=comparison.summary(),
            chosen=comparison.columns,
            places=place_choices(),
            place=place[1] if place else None,
            place_value=self.request.GET.get("plats", "") if place else "",
            offered=offered,
            can_add=len(chosen) < MAX_COLUMNS,
            without=[
                (c, "&".join(f"program={o}" for o in chosen if o != c.slug))
                for c in comparison.columns
            ],
            **self._embeds(comparison.query),
        )
        return context

    def _embeds(self, query: str) -> dict:
        """The embed's addresses (the whole comparison, and the compact grid) and the code a
        news site pastes: the iframe and a few lines that fit its height to the messages the
        embed posts (from our origin only, and only to the iframe that sent them)."""
        embed = reverse("pledges:compare-embed") + "?" + query
        origin = self.request.build_absolute_uri("/").rstrip("/")
        context = {}
        for name, url, height in (
            ("embed", embed, 800),
            ("compact", embed + "&" + COMPACT + "=1", 500),
        ):
            src = self.request.build_absolute_uri(url)
            context[f"{name}_url"] = src
            context[f"{name}_snippet"] = render_to_string(
                "pledges/includes/embed_snippet.html",
                {"src": src, "origin": origin, "height": height},
            ).strip()
        return context

    @staticmethod
    def _place(value: str):
        """("municipality" or "region", the place) for ``plats=kommun:<slug>``, else None."""
        kind, _, slug = value.partition(":")
        model, field = {"kommun": (Municipality, "municipality"), "region": (Region, "region")}.get(
            kind, (None, None)
        )
        if model is None:
            return None
        found = model.objects.filter(slug=slug).first()
        return (field, found) if found else None


# ?kompakt=1: the embed shows only the heat-map grid, each topic linking to its row of the full
# comparison on this site.
COMPACT = "kompakt"


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})  # made to be framed by any site
def compare_embed(request):
    comparison = Comparison(request)
    compact = request.GET.get(COMPACT) == "1"
    return render(
        request,
        "pledges/compare_embed.html",
        {
            "comparison": comparison,
            "summary": comparison.summary(),
            "compact": compact,
            "full_url": reverse("pledges:compare") + "?" + comparison.query,
        },
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
        # rows, not model objects: a big place's 500 pledges are only counted
        pledges = list(
            Pledge.objects.public()
            .filter(program__in=programs)
            .values_list("pk", "program_id", "primary_area_id")
        )
        areas = PolicyArea.objects.in_bulk()
        areas, rows = agreement_rows(programs, pledges, links_among(programs), areas)
        # each cell with its area's name, to name it when the table reflows on phones; numbers
        # as text (a place's 28 pairs × 20 topics would otherwise be localised one by one)
        names = [a.display_name() for a in areas]
        for row in rows:
            row["labelled"] = [
                (name, None if value is None else str(value), str(shade))
                for name, (value, shade) in zip(names, row["areas"], strict=True)
            ]
        context.update(programs=programs, areas=areas, rows=rows, found=self.found)
        context["crumbs"] = [
            (self.object.get_absolute_url(), self.object.name),
            (None, _("Samstämmighet")),
        ]
        return context


class RegionAgreementView(AgreementView):
    queryset = Region.objects.all()
    place_field = "region"
