"""A place's programs by election period: what the municipality, region and agreement pages
share. A place holds up to three periods of every party's programs, so a page shows one period
at a time (the latest unless ``?period=`` asks for another), with a bounded number of pledges.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

from django.db.models import F
from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _

from .models import Program, public_pledge_counts


class BadPeriod(ValueError):
    """``?period=`` is not a year."""


@dataclass
class PlacePrograms:
    place: object
    place_field: str  # "municipality" or "region": the Program field naming the place
    programs: list[Program]  # every program of the place, each with ``n`` public pledges
    periods: list[int | None]  # newest first; None for programs whose period is unknown
    period: int | None  # the one shown
    shown: list[Program] = field(default_factory=list)  # the programs of that period

    @property
    def filter_param(self) -> str:
        """The list page's parameter for this place."""
        return "kommun" if self.place_field == "municipality" else "region"

    def list_query(self, **params) -> str:
        """The pledge list's query string for this place and period, plus ``params`` (a page
        builds hundreds of these: the place's part is encoded once)."""
        extra = urlencode(params)
        return f"{self._base_query}&{extra}" if extra else self._base_query

    @cached_property
    def _base_query(self) -> str:
        base = {self.filter_param: self.place.slug}
        if self.period is not None:
            base["period"] = str(self.period)
        return urlencode(base)


def place_programs(place, place_field: str, requested: str | None) -> PlacePrograms:
    """The place's programs with their public pledge counts (one query), and the period to
    show: ``requested`` when it is a year (a year with no programs shows none), else the
    newest period with programs. Raises BadPeriod when ``requested`` is not a year."""
    programs = list(
        Program.objects.filter(is_public=True, **{place_field: place})
        .select_related("party")
        .defer("original_text")  # a page lists programs, never their whole text
        .order_by(F("period_start").desc(nulls_last=True), "party__order", "title")
    )
    counts = public_pledge_counts()
    for p in programs:
        p.n = counts.get(p.pk, 0)
        setattr(p, place_field, place)  # known: no query when a page names it
    periods = list(dict.fromkeys(p.period_start for p in programs))
    if requested:
        try:
            period = int(requested)
        except ValueError:
            raise BadPeriod(requested) from None
    else:
        period = periods[0] if periods else None
    shown = [p for p in programs if p.period_start == period]
    return PlacePrograms(place, place_field, programs, periods, period, shown)


class OnePeriodMixin:
    """For a DetailView of a place: finds the place's programs and the period to show
    (``self.found``) before rendering; a ``period`` that is not a year is a 400."""

    place_field = "municipality"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            self.found = place_programs(self.object, self.place_field, request.GET.get("period"))
        except BadPeriod:
            return HttpResponseBadRequest(
                _("period ska vara ett årtal, t.ex. 2022."),
                content_type="text/plain; charset=utf-8",
            )
        return self.render_to_response(self.get_context_data(object=self.object))
