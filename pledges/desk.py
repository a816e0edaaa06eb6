"""The editors' desk: what waits for an editor, for the admin's start page.

Pledges not yet reviewed (and the programs with most of them), open source changes, new error
reports from readers, sources to confirm or that failed, and the programs brought in lately,
each with a link to the change list filtered to exactly what it counts. Only what the user may
act on is counted.

Cheap at the country's size: the count over the pledges (one pass over the unreviewed ones) is
kept in the cache under the data version (``freshness.cached``), which every change to a
pledge or a program bumps; the other counts are over small tables, through indexes (status,
state). The number of queries does not grow with the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from sources.models import Source, State

from .freshness import cached
from .models import ErrorReport, Pledge, Program, SourceChange

TOP_PROGRAMS = 8
RECENT_PROGRAMS = 8
NEWEST_REPORTS = 5


@dataclass
class Line:
    """One thing to do: what, how many, and the filtered list that shows them."""

    label: str
    count: int | None
    url: str
    note: str = ""


@dataclass
class Task:
    """A kind of work: how much of it waits (None: not a count of work), its list, and a few
    lines (``unit`` says what a line's number counts)."""

    title: str
    count: int | None
    url: str
    lines: list[Line] = field(default_factory=list)
    empty: str = ""
    unit: str = ""


def changelist(model_path: str, **filters) -> str:
    url = reverse(f"admin:{model_path}_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


UNREVIEWED = {"status__exact": Pledge.Status.IMPORTED, "in_source__exact": 1}


def unreviewed():
    """Pledges still as imported (and still in their source): what review means."""
    return Pledge.objects.filter(status=Pledge.Status.IMPORTED, in_source=True)


def _unreviewed_counts() -> dict:
    """All unreviewed pledges and the programs with most of them: one pass over the
    unreviewed pledges and one query for the programs' names."""
    per = (
        unreviewed()
        .order_by()
        .values_list("program")
        .annotate(n=Count("pk"))
        .order_by("-n", "program")
    )
    per = list(per)
    top = per[:TOP_PROGRAMS]
    programs = {
        p.pk: str(p)
        for p in Program.objects.filter(pk__in=[pk for pk, _n in top])
        .select_related("party", "municipality", "region")
        .only("title", "party__short_name", "municipality__name", "region__name")
    }
    return {
        "total": sum(n for _pk, n in per),
        "top": [(pk, programs.get(pk, f"#{pk}"), n) for pk, n in top],
    }


def pledges_to_review() -> Task:
    counts = cached("desk-unreviewed", _unreviewed_counts)
    lines = [
        Line(label, n, changelist("pledges_pledge", **UNREVIEWED, program=pk))
        for pk, label, n in counts["top"]
    ]
    return Task(
        _("Löften att granska"),
        counts["total"],
        changelist("pledges_pledge", **UNREVIEWED),
        lines,
        empty=_("Alla löften är granskade."),
        unit=_("att granska"),
    )


def source_changes() -> Task:
    n = SourceChange.objects.filter(status=SourceChange.Status.OPEN).count()
    return Task(
        _("Ändringar i källan att avgöra"),
        n,
        changelist("pledges_sourcechange", status__exact=SourceChange.Status.OPEN),
        empty=_("Inga ändringar i källan väntar."),
    )


def error_reports() -> Task:
    new = ErrorReport.objects.filter(status=ErrorReport.Status.NEW)
    newest = list(new.select_related("pledge").order_by("-created_at")[:NEWEST_REPORTS])
    n = new.count()
    lines = [
        Line(
            " ".join(r.message.split())[:100],
            None,
            reverse("admin:pledges_errorreport_change", args=[r.pk]),
            note=str(r.pledge),
        )
        for r in newest
    ]
    return Task(
        _("Nya felrapporter från läsare"),
        n,
        changelist("pledges_errorreport", status__exact=ErrorReport.Status.NEW),
        lines,
        empty=_("Inga nya felrapporter."),
    )


def sources_waiting() -> Task:
    counts = Source.objects.filter(state__in=[State.REVIEW, State.FAILED]).aggregate(
        review=Count("pk", filter=Q(state=State.REVIEW)),
        failed=Count("pk", filter=Q(state=State.FAILED)),
    )
    lines = [
        Line(
            _("att bekräfta"), counts["review"], changelist("sources_source", state__exact="review")
        ),
        Line(
            _("misslyckades"), counts["failed"], changelist("sources_source", state__exact="failed")
        ),
    ]
    return Task(
        _("Inläsningar"),
        counts["review"] + counts["failed"],
        changelist("sources_source"),
        [line for line in lines if line.count],
        empty=_("Inga inläsningar väntar."),
    )


def recent_programs() -> Task:
    programs = list(
        Program.objects.select_related("party", "municipality", "region")
        .defer("original_text")
        .order_by("-created_at", "-pk")[:RECENT_PROGRAMS]
    )
    waiting = dict(
        unreviewed()
        .filter(program__in=programs)
        .order_by()
        .values_list("program")
        .annotate(n=Count("pk"))
    )
    lines = [
        Line(
            str(p),
            waiting.get(p.pk, 0),
            changelist("pledges_pledge", program=p.pk),
            note=_("inläst %(date)s, %(state)s")
            % {
                "date": formats.date_format(timezone.localtime(p.created_at), "SHORT_DATE_FORMAT"),
                "state": _("på webbplatsen") if p.is_public else _("utkast"),
            },
        )
        for p in programs
    ]
    return Task(
        _("Senast inlästa program"),
        None,
        changelist("pledges_program"),
        lines,
        empty=_("Inga program ännu."),
        unit=_("att granska"),
    )


def waiting(user) -> list[Task]:
    """What ``user`` may act on and what of it waits, in the order of the day's work."""
    tasks = []
    if user.has_perm("pledges.change_pledge"):
        tasks.append(pledges_to_review())
    if user.has_perm("pledges.change_sourcechange"):
        tasks.append(source_changes())
    if user.has_perm("pledges.change_errorreport"):
        tasks.append(error_reports())
    if user.has_perm("sources.change_source"):
        tasks.append(sources_waiting())
    if user.has_perm("pledges.view_program"):
        tasks.append(recent_programs())
    return tasks
