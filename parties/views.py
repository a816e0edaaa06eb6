"""A party's page: how many pledges it has made on each topic, and its programs by place, a
page at a time (a national party has programs in every municipality and region)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.views.generic import DetailView

from pledges.freshness import cached
from pledges.models import (
    PLACE_NAME,
    Pledge,
    PolicyArea,
    Program,
    counted,
    public_pledge_counts,
)

from .colours import ink_for
from .models import COLOUR_RE, Party

PROGRAMS_PER_PAGE = 50


def topic_counts(party_id: int) -> list[PolicyArea]:
    """The topics of the party's public pledges, each with ``n`` (kept in the cache)."""

    def compute():
        pledges = Pledge.objects.public().filter(program__party=party_id)
        return counted(pledges, "primary_area", PolicyArea.objects.order_by("order"))

    return cached("party-topics", compute, party_id)


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
        topics = topic_counts(party.pk)
        context.update(
            page=page,
            topics=topics,
            total=sum(a.n for a in topics),
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
