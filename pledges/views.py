"""The public site: browse, search, compare, download."""

from __future__ import annotations

import csv
import time
from collections import defaultdict
from itertools import combinations

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Max, Prefetch, Q
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.generic import DetailView, TemplateView

from municipalities.models import Municipality, Region
from parties.models import Party

from . import search
from .filters import PledgeFilter
from .forms import ErrorReportForm
from .models import (
    PLACE_NAME,
    PROGRAM_PLACE_NAME,
    Pledge,
    PledgeSimilarity,
    PolicyArea,
    PolicyAreaAlias,
    Program,
)
from .rendering import marked_program, quote_in_paragraph

PAGE_SIZE = 25
MIN_COLUMNS, MAX_COLUMNS = 2, 6


def public_pledges():
    return Pledge.objects.public().select_related(
        "program__party", "program__municipality", "program__region", "primary_area"
    )


def with_areas(queryset):
    return queryset.prefetch_related(
        Prefetch("areas", queryset=PolicyArea.objects.order_by("order"))
    )


def shade(value, maximum) -> int:
    """0–4: how dark a table cell showing ``value`` (of at most ``maximum``) is shaded."""
    if not value or not maximum:
        return 0
    return max(1, min(4, round(4 * value / maximum)))


def rate_limit_ok(request, bucket: str, per_hour: int) -> bool:
    """At most ``per_hour`` uses of ``bucket`` per client address per clock hour."""
    hour = int(time.time() // 3600)
    key = f"rate:{bucket}:{request.META.get('REMOTE_ADDR', '')}:{hour}"
    cache.add(key, 0, timeout=3600)
    return cache.incr(key) <= per_hour


# --- home ----------------------------------------------------------------------------------


class HomeView(TemplateView):
    template_name = "pledges/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pledges = Pledge.objects.public()
        totals = pledges.aggregate(
            pledges=Count("pk"),
            programs=Count("program", distinct=True),
            parties=Count("program__party", distinct=True),
            municipalities=Count("program__municipality", distinct=True),
            updated=Max("updated_at"),
        )
        context["totals"] = totals
        context["municipalities"] = (
            Municipality.objects.filter(programs__pledges__in=pledges)
            .annotate(n=Count("programs__pledges", distinct=True))
            .order_by("name")
        )
        context["areas"] = (
            PolicyArea.objects.filter(primary_pledges__in=pledges)
            .annotate(n=Count("primary_pledges", distinct=True))
            .order_by("order")
        )
        context["latest_programs"] = Program.objects.select_related(
            "party", "municipality", "region"
        ).order_by("-created_at", "slug")[:6]
        return context


# --- pledge list ---------------------------------------------------------------------------


def filtered(request):
    filterset = PledgeFilter(request.GET or None, queryset=public_pledges())
    return filterset, filterset.ordered_qs if filterset.is_bound else filterset.qs.order_by(
        PROGRAM_PLACE_NAME, "program__party__order", "order"
    )


class PledgeListView(TemplateView):
    template_name = "pledges/pledge_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset, qs = filtered(self.request)
        page = Paginator(with_areas(qs), PAGE_SIZE).get_page(self.request.GET.get("sida"))
        query = filterset.cleaned.get("q") or ""
        for pledge in page.object_list:
            pledge.highlighted = search.highlight(pledge.text, query)
        facets = filterset.facets()
        context.update(
            filterset=filterset,
            page=page,
            query=query,
            invalid=filterset.invalid_params(),
            active=filterset.active(),
            facet_kommun=_facet_options(filterset, "kommun", facets),
            facet_parti=_facet_options(filterset, "parti", facets),
            facet_omrade=_facet_options(filterset, "omrade", facets),
            facet_typ=_facet_options(filterset, "typ", facets),
            sort=filterset.sort,
            querystring=_querystring(self.request, drop=("sida",)),
        )
        return context


def _facet_options(filterset, name, facets):
    """[(value, label, count, active)] for one facet; options with no pledge are left out."""
    current = filterset.data.get(name) if filterset.is_bound else None
    return [(value, label, n, value == current) for value, label, n in facets[name]]


def _querystring(request, drop=()):
    params = request.GET.copy()
    for key in drop:
        params.pop(key, None)
    return params.urlencode()


# --- one pledge, one program ---------------------------------------------------------------


class PledgeDetailView(DetailView):
    template_name = "pledges/pledge_detail.html"
    context_object_name = "pledge"
    report_form = None

    def get_queryset(self):
        return with_areas(public_pledges().select_related("program", "fulfilment_by"))

    def post(self, request, *args, **kwargs):
        """A visitor's error report: CSRF-protected, rate-limited, into the editors' queue."""
        self.object = self.get_object()
        form = ErrorReportForm(request.POST)
        if not rate_limit_ok(request, "error-report", settings.ERROR_REPORTS_PER_HOUR):
            self.report_message = _(
                "Du har skickat många rapporter på kort tid. Försök igen om en stund."
            )
            self.report_form = form
            return self.render_to_response(self.get_context_data(), status=429)
        if form.is_valid():
            if not form.cleaned_data["website"]:  # the hidden field bots fill in
                report = form.save(commit=False)
                report.pledge = self.object
                report.save()
            return HttpResponseRedirect(self.object.get_absolute_url() + "?rapporterat=1#rapport")
        self.report_form = form
        return self.render_to_response(self.get_context_data(), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pledge = self.object
        context["crumbs"] = [
            (reverse("pledges:list"), _("Löften")),
            (pledge.program.get_absolute_url(), pledge.program.title),
            (None, pledge.text[:60] + ("…" if len(pledge.text) > 60 else "")),
        ]
        context["quote"] = quote_in_paragraph(
            pledge.program.original_text, pledge.start, pledge.end
        )
        context["report_form"] = self.report_form or ErrorReportForm()
        context["report_message"] = getattr(self, "report_message", "")
        context["reported"] = self.request.GET.get("rapporterat") == "1"
        context["similar"] = [
            link.other
            for link in PledgeSimilarity.objects.filter(
                pledge=pledge, other__in=Pledge.objects.public()
            )
            .select_related(
                "other__program__party",
                "other__program__municipality",
                "other__program__region",
                "other__primary_area",
            )
            .order_by("-score")
        ]
        return context


class ProgramDetailView(DetailView):
    template_name = "pledges/program_detail.html"
    context_object_name = "program"
    queryset = Program.objects.select_related("party", "municipality", "region")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pledges = list(
            Pledge.objects.public().filter(program=self.object).select_related("primary_area")
        )
        spans = []
        for p in pledges:
            url = reverse("pledges:pledge", args=[p.pk])
            spans.append((p.start, p.end, url, p.primary_area.display_name(), False))
            spans.extend((a, b, url, p.text, True) for a, b in p.restatements)
        context["marked_text"] = marked_program(self.object.original_text, spans)
        context["crumbs"] = [
            (self.object.place.get_absolute_url(), self.object.place.name),
            (None, self.object.title),
        ]
        context["pledges"] = pledges
        return context


# --- party, municipality, region, area -----------------------------------------------------


class PartyDetailView(DetailView):
    template_name = "pledges/party_detail.html"
    context_object_name = "party"
    queryset = Party.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pledges = list(
            public_pledges()
            .filter(program__party=self.object)
            .order_by(PROGRAM_PLACE_NAME, "program__title", "primary_area__order", "order")
        )
        for p in pledges:
            p.group_key = f"{p.program.place.name}: {p.program.title}"
        context["pledges"] = pledges
        context["crumbs"] = [(None, self.object.name)]
        return context


class PlaceDetailView(DetailView):
    """A municipality's or a region's page: its programs, their pledges by topic."""

    template_name = "pledges/municipality_detail.html"
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
            public_pledges()
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


class AreaDetailView(DetailView):
    """A topic's pledges (its sub-areas' included), grouped by place. An old address of a
    renamed area redirects to it."""

    template_name = "pledges/area_detail.html"
    context_object_name = "area"
    queryset = PolicyArea.objects.select_related("parent")

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            alias = PolicyAreaAlias.objects.select_related("area").filter(slug=kwargs["slug"])
            if alias:
                return HttpResponsePermanentRedirect(alias[0].area.get_absolute_url())
            raise

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        area = self.object
        # A topic lists its own pledges and those of its sub-areas, in one query.
        covered = PolicyArea.objects.filter(Q(pk=area.pk) | Q(parent=area.pk)).values("pk")
        pledges = list(
            public_pledges()
            .filter(pk__in=Pledge.objects.filter(areas__in=covered).values("pk"))
            .order_by(PROGRAM_PLACE_NAME, "program__party__order", "order")
        )
        for p in pledges:
            p.group_key = p.program.place.name
        context["pledges"] = pledges
        context["sub_areas"] = list(area.children.all()) if area.parent_id is None else []
        crumbs = [(None, area.display_name())]
        if area.parent_id:
            crumbs.insert(0, (area.parent.get_absolute_url(), area.parent.display_name()))
        context["crumbs"] = crumbs
        return context


# --- compare -------------------------------------------------------------------------------


class Comparison:
    """Columns are programs; rows are policy areas; cells hold the pledges."""

    def __init__(self, request):
        self.messages: list[str] = []
        slugs = [s for s in request.GET.getlist("program") if s]
        unique = list(dict.fromkeys(slugs))
        if len(unique) < len(slugs):
            self.messages.append(_("Samma program valdes flera gånger; det visas en gång."))
        if len(unique) > MAX_COLUMNS:
            self.messages.append(
                _("Högst %(max)d kolumner går att jämföra; de första %(max)d visas.")
                % {"max": MAX_COLUMNS}
            )
            unique = unique[:MAX_COLUMNS]
        found = {
            p.slug: p
            for p in Program.objects.filter(slug__in=unique).select_related(
                "party", "municipality", "region"
            )
        }
        unknown = [s for s in unique if s not in found]
        if unknown:
            self.messages.append(
                _("Okänt program: %(names)s. Det hoppades över.") % {"names": ", ".join(unknown)}
            )
        self.columns = [found[s] for s in unique if s in found]
        self.ready = len(self.columns) >= MIN_COLUMNS
        if slugs and not self.ready:
            self.messages.append(_("Välj minst två program att jämföra."))
        self.rows = []
        self.grid_max = 0
        if self.ready:
            self._build()

    def _build(self):
        pledges = list(
            with_areas(public_pledges().filter(program__in=self.columns)).order_by(
                "primary_area__order", "order"
            )
        )
        by_id = {p.pk: p for p in pledges}
        links = defaultdict(list)
        for link in PledgeSimilarity.objects.filter(pledge__in=by_id, other__in=by_id).order_by(
            "-score"
        ):
            links[link.pledge_id].append(by_id[link.other_id])
        cells = defaultdict(lambda: defaultdict(list))
        areas = {}
        for p in pledges:
            p.similar_here = links.get(p.pk, [])
            cells[p.primary_area_id][p.program_id].append(p)
            areas[p.primary_area_id] = p.primary_area
        for area_id, area in sorted(areas.items(), key=lambda kv: (kv[1].order, kv[1].name)):
            row_cells = [(col, cells[area_id].get(col.pk, [])) for col in self.columns]
            covered = [col for col, items in row_cells if items]
            similar = any(p.similar_here for _col, items in row_cells for p in items)
            self.grid_max = max(self.grid_max, *(len(items) for _c, items in row_cells))
            self.rows.append(
                {
                    "area": area,
                    "cells": row_cells,
                    "only": covered[0] if len(covered) == 1 else None,
                    "similar": similar,
                }
            )

    @property
    def query(self) -> str:
        return "&".join(f"program={c.slug}" for c in self.columns)

    def summary(self):
        return [
            {
                "area": row["area"],
                "counts": [
                    (len(items), shade(len(items), self.grid_max)) for _col, items in row["cells"]
                ],
            }
            for row in self.rows
        ]

    def records(self):
        for row in self.rows:
            for col, items in row["cells"]:
                for p in items:
                    yield row["area"], col, p


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


# --- agreement -----------------------------------------------------------------------------


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
            public_pledges().filter(program__in=programs).only("pk", "program_id", "primary_area")
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


# --- open data -----------------------------------------------------------------------------

EXPORT_COLUMNS = [
    ("id", gettext_lazy("Löftets id i Vallöften")),
    ("text", gettext_lazy("Löftet, som webbplatsen visar det")),
    ("quote", gettext_lazy("Källans ord, ordagrant (blanksteg normaliserade)")),
    ("page", gettext_lazy("Sidan i källdokumentet, tom om okänd")),
    ("details", gettext_lazy("Detaljer (stycket under en rubrik)")),
    ("kind", gettext_lazy("list_item, heading, stated eller normative")),
    ("status", gettext_lazy("imported, reviewed eller published")),
    ("party", gettext_lazy("Partiets namn")),
    ("party_abbreviation", gettext_lazy("Partiets förkortning")),
    ("municipality", gettext_lazy("Kommunens namn, tom för ett regionprogram")),
    ("municipality_code", gettext_lazy("SCB:s kommunkod, tom för ett regionprogram")),
    ("region", gettext_lazy("Regionens namn, tom för ett kommunprogram")),
    ("region_code", gettext_lazy("Regionens tvåsiffriga kod, tom för ett kommunprogram")),
    ("period", gettext_lazy("Mandatperiod, t.ex. 2022–2026, tom om okänd")),
    ("primary_area", gettext_lazy("Huvudområdets adressnamn")),
    ("areas", gettext_lazy("Alla områden, åtskilda av |")),
    ("section", gettext_lazy("Avsnittet i programmet")),
    ("program", gettext_lazy("Programmets adressnamn")),
    ("start", gettext_lazy("Teckenposition där källan börjar i programtexten")),
    ("end", gettext_lazy("Teckenposition där källan slutar")),
    ("source_url", gettext_lazy("Programmets källadress")),
    ("retrieved", gettext_lazy("Datum då programmet hämtades")),
    ("url", gettext_lazy("Löftets sida i Vallöften")),
]


def pledge_record(pledge, request) -> dict:
    program = pledge.program
    return {
        "id": pledge.pk,
        "text": pledge.text,
        "quote": pledge.quote,
        "page": pledge.page,
        "details": pledge.details,
        "kind": pledge.kind,
        "status": pledge.status,
        "party": program.party.name,
        "party_abbreviation": program.party.abbreviation,
        "municipality": program.municipality.name if program.municipality else "",
        "municipality_code": program.municipality.code if program.municipality else "",
        "region": program.region.name if program.region else "",
        "region_code": program.region.code if program.region else "",
        "period": program.period or "",
        "primary_area": pledge.primary_area.slug,
        "areas": [a.slug for a in pledge.areas.all()],
        "section": pledge.section,
        "program": program.slug,
        "start": pledge.start,
        "end": pledge.end,
        "source_url": program.source_url,
        "retrieved": program.retrieved.isoformat() if program.retrieved else "",
        "url": request.build_absolute_uri(reverse("pledges:pledge", args=[pledge.pk])),
    }


def export_response(records, fmt: str, filename: str, extra_columns=()):
    columns = [*extra_columns, *(name for name, _ in EXPORT_COLUMNS)]
    if fmt == "json":
        response = JsonResponse(
            {"columns": columns, "results": records}, json_dumps_params={"ensure_ascii": False}
        )
    elif fmt == "csv":
        # UTF-8 with a byte-order mark and semicolons: Excel (Swedish settings) opens it with
        # å, ä and ö intact and the columns split.
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")
        writer = csv.writer(response, delimiter=";")
        writer.writerow(columns)
        for record in records:
            row = dict(record, areas="|".join(record["areas"]))
            writer.writerow([row[c] for c in columns])
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def pledge_export(request, fmt):
    filterset, qs = filtered(request)
    if filterset.invalid_params():
        return HttpResponseBadRequest(
            _("Okända filtervärden: %(names)s.") % {"names": ", ".join(filterset.invalid_params())},
            content_type="text/plain; charset=utf-8",
        )
    records = [pledge_record(p, request) for p in with_areas(qs)]
    return export_response(records, fmt, "valloften-loften")


def compare_export(request, fmt):
    comparison = Comparison(request)
    if not comparison.ready:
        return HttpResponseBadRequest(
            " ".join(comparison.messages) or _("Välj minst två program att jämföra."),
            content_type="text/plain; charset=utf-8",
        )
    records = []
    for area, column, pledge in comparison.records():
        record = pledge_record(pledge, request)
        records.append({"row_area": area.slug, "column": column.slug, **record})
    return export_response(
        records, fmt, "valloften-jamforelse", extra_columns=("row_area", "column")
    )


class OpenDataView(TemplateView):
    template_name = "pledges/open_data.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = EXPORT_COLUMNS
        return context
