"""A party's page: how many pledges it has made on each topic, and its programs by place, a
page at a time (a national party has programs in every municipality and region)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView

from pledges.freshness import cached
from pledges.models import (
    PLACE_NAME,
    Pledge,
    PolicyArea,
    Program,
    counted_by_topic,
    public_pledge_counts,
    public_programs,
)

from .colours import ink_for
from .models import COLOUR_RE, Party

PROGRAMS_PER_PAGE = 50


def topic_counts(party_id: int) -> list[PolicyArea]:
    """The topics of the party's public pledges, each with ``n`` (kept in the cache)."""

    def compute():
        pledges = Pledge.objects.public().filter(program__party=party_id)
        return counted_by_topic(pledges)

    return cached("party-topics", compute, party_id)


def party_figures() -> dict[int, tuple[int, int, int]]:
    """Per party: public programs, public pledges and places with a program (one pass over the
    programs, kept in the cache for the data version)."""

    def compute():
        figures: dict[int, list] = {}
        for _pk, party, municipality, region, n in public_programs():
            entry = figures.setdefault(party, [0, 0, set()])
            entry[0] += 1
            entry[1] += n
            entry[2].add((municipality, region))
        return {party: (a, b, len(places)) for party, (a, b, places) in figures.items()}

    return cached("party-figures", compute)


class PartyIndexView(TemplateView):
    """Every party: the national ones first, then the local and regional parties by place,
    each with how many programs and pledges it has."""

    template_name = "parties/party_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        figures = party_figures()
        national, local = [], []
        for party in Party.objects.select_related("municipality", "region").order_by(
            "order", "name"
        ):
            party.programs_n, party.pledges_n, party.places_n = figures.get(party.pk, (0, 0, 0))
            (local if party.local_to else national).append(party)
        local.sort(key=lambda p: (p.local_to.name, p.name))
        context.update(national=national, local=local, crumbs=[(None, _("Partier"))])
        return context


class PartyDetailView(DetailView):
    template_name = "parties/party_detail.html"
    context_object_name = "party"
    queryset = Party.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        party = self.object
        programs = (
            Program.objects.filter(party=party, is_public=True)
            .select_related("municipality", "region")
            .defer("original_text")
            .order_by(PLACE_NAME, "-period_start", "title")
        )
        page = Paginator(programs, PROGRAMS_PER_PAGE).get_page(self.request.GET.get("sida"))
        counts = public_pledge_counts()
        for program in page.object_list:
            program.n = counts.get(program.pk, 0)
        context.update(
            page=page,
            topics=topic_counts(party.pk),  # a pledge under every topic it touches
            total=party_figures().get(party.pk, (0, 0, 0))[1],
            crumbs=[(None, party.name)],
        )
        return context


def party_colours(request):
    """Each party's colour as a class (``p-<slug>``), so that no page needs an inline style
    (the Content-Security-Policy allows none): the colour, and the ink a party chip writes on
    it (black or white, whichever contrasts more: at least 4.5:1). Colours are validated
    #RRGGBB."""
    rules = [
        f".p-{party.slug} {{ --party-colour: {party.colour}; "
        f"--party-ink: {ink_for(party.colour)}; }}"
        for party in Party.objects.only("slug", "colour").order_by("slug")
        if COLOUR_RE.fullmatch(party.colour)
    ]
    response = HttpResponse("\n".join(rules) + "\n", content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response
