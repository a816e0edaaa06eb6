"""A party's page: every public pledge of its programs, grouped by place and program."""

from __future__ import annotations

from django.http import HttpResponse
from django.views.generic import DetailView

from pledges.models import PROGRAM_PLACE_NAME, Pledge

from .models import COLOUR_RE, Party


class PartyDetailView(DetailView):
    template_name = "parties/party_detail.html"
    context_object_name = "party"
    queryset = Party.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pledges = list(
            Pledge.objects.public()
            .for_listing()
            .filter(program__party=self.object)
            .order_by(PROGRAM_PLACE_NAME, "program__title", "primary_area__order", "order")
        )
        for p in pledges:
            p.group_key = f"{p.program.place.name}: {p.program.title}"
        context["pledges"] = pledges
        context["crumbs"] = [(None, self.object.name)]
        return context


def party_colours(request):
    """Each party's colour as a class (``p-<slug>``), so that no page needs an inline style
    (the Content-Security-Policy allows none). Colours are validated #RRGGBB."""
    rules = [
        f".p-{party.slug} {{ --party-colour: {party.colour}; }}"
        for party in Party.objects.only("slug", "colour").order_by("slug")
        if COLOUR_RE.fullmatch(party.colour)
    ]
    response = HttpResponse("\n".join(rules) + "\n", content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response
