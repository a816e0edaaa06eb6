"""Browsing pledges: the home page, the pledge list (filters, facets, search), one pledge
(with the visitor's error report), one program with its pledges marked, and one policy area."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.http import Http404, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView

from config.errors import client_ip
from municipalities.models import Municipality
from parties.models import Party

from .. import search
from ..filters import MAX_RESULTS, ProgramFilter, filtered
from ..forms import ErrorReportForm
from ..freshness import cached
from ..models import (
    Pledge,
    PledgeSimilarity,
    PolicyArea,
    PolicyAreaAlias,
    Program,
    counted,
    counted_by_topic,
    public_pledge_counts,
    public_q,
    topic_and_sub_areas,
    touching,
)
from ..paging import CountedPaginator, KeptPaginator
from ..querystrings import CleanQueryMixin, without_empty
from ..ranking import swedish_key
from ..rendering import marked_program, quote_in_paragraph

PAGE_SIZE = 25
LATEST_IN_AREA = 25


class HomeView(TemplateView):
    template_name = "pledges/home.html"

    def get_context_data(self, **kwargs):
        from municipalities.views import place_figures  # the place pages' app builds on this one

        context = super().get_context_data(**kwargs)
        context.update(cached("home", home_figures))
        figures = place_figures()
        municipalities = sorted(Municipality.objects.all(), key=lambda m: swedish_key(m.name))
        for m in municipalities:
            m.programs_n, m.pledges_n = figures.get(("municipality", m.pk), (0, 0))
        context["municipalities"] = municipalities
        context["latest_programs"] = (
            Program.objects.filter(is_public=True)
            .select_related("party", "municipality", "region")
            .defer("original_text")
            .order_by("-created_at", "slug")[:6]
        )
        return context


def home_figures() -> dict:
    """The whole country's totals and the pledges per topic (kept in the cache: two passes
    over every public pledge)."""
    pledges = Pledge.objects.public()
    areas = counted_by_topic(pledges)
    return {"totals": pledges.totals(), "areas": areas}


class PledgeListView(CleanQueryMixin, TemplateView):
    template_name = "pledges/pledge_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset, qs = filtered(self.request)
        filterset.use_cached_choices()
        total = filterset.count()
        page = CountedPaginator(
            qs.with_areas(), PAGE_SIZE, min(total, MAX_RESULTS), filterset.first_ids
        ).get_page(self.request.GET.get("sida"))
        query = filterset.cleaned.get("q") or ""
        for pledge in page.object_list:
            pledge.highlighted = search.highlight(pledge.text, query)
        _count_choices(filterset, filterset.facets())
        context.update(
            filterset=filterset,
            page=page,
            total=total,
            capped=total > MAX_RESULTS and not page.has_next(),
            query=query,
            # a real place, party or topic with no pledge yet: "Inga löften ännu", not "no match"
            not_yet=total == 0 and not query and not filterset.invalid_params(),
            invalid=filterset.invalid_params(),
            active=filterset.active(),
            sort=filterset.sort,
            unranked=filterset.too_many_to_rank,
            querystring=_querystring(self.request, drop=("sida",)),
        )
        return context


def _count_choices(filterset, facets):
    """Each faceted select names, beside each option, how many pledges it would give with the
    other filters ("Moderaterna (12)"): the filters are shown once, as selects, with what the
    facets count."""
    for name in facets:
        counts = {value: n for value, _label, n in facets[name]}
        widget = filterset.form.fields[name].widget
        widget.choices = [
            (value, f"{label} ({counts.get(str(value), 0)})" if value else label)
            for value, label in widget.choices
        ]


def _querystring(request, drop=()):
    params = without_empty(request.GET)
    for key in drop:
        params.pop(key, None)
    return params.urlencode()


def rate_limit_ok(request, bucket: str, per_hour: int) -> bool:
    """At most ``per_hour`` uses of ``bucket`` per visitor address per clock hour, counted in
    the shared cache (so across every worker and app server)."""
    hour = int(time.time() // 3600)
    key = f"rate:{bucket}:{client_ip(request)}:{hour}"
    cache.add(key, 0, timeout=3600)
    return cache.incr(key) <= per_hour


class PledgeDetailView(DetailView):
    template_name = "pledges/pledge_detail.html"
    context_object_name = "pledge"

    def get_queryset(self):
        return (
            Pledge.objects.public_or_gone()
            .for_listing()
            .select_related("program", "fulfilment_by")
            .defer(None)  # the quote's paragraph comes from the program's text
            .with_areas()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pledge = self.object
        context["crumbs"] = [
            (reverse("pledges:list"), _("Löften")),
            (pledge.program.get_absolute_url(), pledge.program.title),
            (None, pledge.text[:60] + ("…" if len(pledge.text) > 60 else "")),
        ]
        context["quote"] = quote_in_paragraph(
            pledge.program.original_text,
            pledge.start,
            pledge.end,
            with_next=pledge.kind == Pledge.Kind.HEADING,
        )
        context["reported"] = self.request.GET.get("rapporterat") == "1"
        context["similar"] = [
            link.other
            for link in PledgeSimilarity.objects.filter(public_q("other__"), pledge=pledge)
            .select_related(
                "other__program__party",
                "other__program__municipality",
                "other__program__region",
                "other__primary_area",
            )
            .order_by("-score")
        ]
        return context


class ErrorReportView(DetailView):
    """A visitor's error report on a pledge: its own page, so that the pledge page has no form
    (and no CSRF cookie) and can be cached. CSRF-protected, rate-limited, into the editors'
    queue."""

    template_name = "pledges/error_report.html"
    context_object_name = "pledge"
    form = None
    message = ""

    def get_queryset(self):
        return Pledge.objects.public_or_gone().for_listing()

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.form = ErrorReportForm(request.POST)
        if not self.form.is_valid():  # an invalid post uses up nobody's allowance
            return self.render_to_response(self.get_context_data(), status=400)
        done = HttpResponseRedirect(self.object.get_absolute_url() + "?rapporterat=1#rapport")
        if self.form.cleaned_data["website"]:  # the hidden field bots fill in: thanked, not kept
            return done
        if not rate_limit_ok(request, "error-report", settings.ERROR_REPORTS_PER_HOUR):
            self.message = _("Du har skickat många rapporter på kort tid. Försök igen om en stund.")
            return self.render_to_response(self.get_context_data(), status=429)
        report = self.form.save(commit=False)
        report.pledge = self.object
        report.save()
        return done

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pledge = self.object
        context["crumbs"] = [
            (reverse("pledges:list"), _("Löften")),
            (pledge.get_absolute_url(), pledge.text[:60] + ("…" if len(pledge.text) > 60 else "")),
            (None, _("Rapportera ett fel")),
        ]
        context["report_form"] = self.form or ErrorReportForm()
        context["report_message"] = self.message
        return context


class ProgramDetailView(DetailView):
    template_name = "pledges/program_detail.html"
    context_object_name = "program"
    queryset = Program.objects.filter(is_public=True).select_related(
        "party", "municipality", "region"
    )

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


class AreaDetailView(DetailView):
    """A topic: how many pledges each party has made on it (its sub-areas' included), and the
    latest of them; the rest in the filtered list. An old address of a renamed area redirects
    to it."""

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
        # A topic lists its own pledges and those of its sub-areas.
        in_area = touching(Pledge.objects.public(), topic_and_sub_areas(area).values("pk"))
        # which pledges are the latest: a walk through the whole country for a small topic,
        # kept for the data version; the pledges themselves are read by id
        latest = cached(
            "area-latest",
            lambda: list(in_area.order_by("-pk").values_list("pk", flat=True)[:LATEST_IN_AREA]),
            area.pk,
        )
        context["latest"] = list(Pledge.objects.for_listing().filter(pk__in=latest).order_by("-pk"))
        context["parties"] = cached("area-parties", lambda: area_parties(in_area), area.pk)
        context["total"] = sum(p.n for p in context["parties"])
        context["sub_areas"] = list(area.children.all()) if area.parent_id is None else []
        crumbs = [(None, area.display_name())]
        if area.parent_id:
            crumbs.insert(0, (area.parent.get_absolute_url(), area.parent.display_name()))
        context["crumbs"] = crumbs
        return context


def area_parties(pledges) -> list[Party]:
    """The parties with pledges among ``pledges``, each with ``n``."""
    return counted(pledges, "program__party", Party.objects.order_by("order"))


def area_figures() -> dict[int, int]:
    """Public pledges per area, a pledge counted under every area it touches (one GROUP BY
    over the pledges' area rows, kept in the cache for the data version)."""

    def compute():
        rows = (
            Pledge.areas.through.objects.filter(pledge__in=Pledge.objects.public())
            .values_list("policyarea")
            .annotate(n=Count("pk"))
            .order_by()
        )
        return dict(rows)

    return cached("area-figures", compute)


class AreaIndexView(TemplateView):
    """Every topic with its sub-areas, each with how many pledges touch it."""

    template_name = "pledges/area_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        figures = area_figures()
        areas = list(PolicyArea.objects.order_by("order", "name"))
        for area in areas:
            area.n = figures.get(area.pk, 0)
        topics = [a for a in areas if a.parent_id is None]
        for topic in topics:
            topic.subs = [a for a in areas if a.parent_id == topic.pk]
        context.update(topics=topics, crumbs=[(None, _("Ämnen"))])
        return context


class ProgramIndexView(TemplateView):
    """Every public program, a page at a time, narrowed by party, period and place name."""

    template_name = "pledges/program_index.html"

    def get(self, request, *args, **kwargs):
        self.filterset = ProgramFilter(request.GET, queryset=Program.objects.none())
        if not self.filterset.is_valid():
            context = self.get_context_data()
            return self.render_to_response(context, status=400)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        programs = Program.objects.filter(is_public=True).select_related(
            "party", "municipality", "region"
        )
        # an invalid filter (answered with a 400) lists nothing rather than everything
        programs = filterset.filter_queryset(programs) if filterset.is_valid() else programs.none()
        # the page's ids along the order's index, then its 50 rows (not a sort of every
        # program for a deep page); the count kept per data version
        page = KeptPaginator(programs.defer("original_text").order_by("rank", "pk"), 50).get_page(
            self.request.GET.get("sida")
        )
        counts = public_pledge_counts()
        for program in page.object_list:
            program.n = counts.get(program.pk, 0)
        context.update(
            filterset=filterset,
            page=page,
            querystring=_querystring(self.request, drop=("sida",)),
            crumbs=[(None, _("Program"))],
        )
        return context


class MethodView(TemplateView):
    """How Vallöften works: what a pledge is, how pledges are found and reviewed, how to report
    an error, and the data licence (the prose in one template per language)."""

    def get_template_names(self):
        language = (get_language() or "sv")[:2]
        return [f"pledges/method_{language}.html", "pledges/method_sv.html"]
