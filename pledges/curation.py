"""Editors' operations on pledges: review, publish, reject, correct, set a topic, merge
duplicates, decide a source change, handle an error report. Callable and tested without the
admin, which only configures and calls them (pledges/admin.py)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .loading import DISPLAY_FIELDS
from .models import ErrorReport, Fulfilment, Pledge, PolicyArea, SourceChange
from .parsing.parser import KIND_RANK

# An editor's change to any of these locks the pledge: an import never overwrites it again.
EDITED_FIELDS = frozenset({"text", "details", "kind", "primary_area", "areas", "section"})
FULFILMENT_FIELDS = frozenset({"fulfilment", "fulfilment_evidence", "fulfilment_date"})
STEPS = {
    Pledge.Status.REVIEWED: "review",
    Pledge.Status.PUBLISHED: "publish",
    Pledge.Status.REJECTED: "reject",
}


class CurationError(ValueError):
    """An operation an editor asked for that cannot be done; the message says why."""


def record_edit(
    pledge: Pledge, changed: set[str], user, *, existing: bool = True, areas=None
) -> None:
    """What an editor's save of one pledge means, before it is saved: a content edit locks it
    (an edit that puts back what the parser read unlocks it, unless the editor ticked "locked"
    in the same save), a new status is a workflow step (who and when), a fulfilment rating is
    signed and dated. ``areas``: the areas the save gives the pledge (the form's)."""
    if existing and changed & EDITED_FIELDS:
        kept_locked = "locked" in changed and pledge.locked
        pledge.locked = kept_locked or not as_read(pledge, areas)
    if "status" in changed and pledge.status in STEPS:
        getattr(pledge, STEPS[pledge.status])(user)
    if changed & FULFILMENT_FIELDS:
        pledge.fulfilment_by = user
        if pledge.fulfilment != Fulfilment.NOT_RATED and pledge.fulfilment_date is None:
            pledge.fulfilment_date = timezone.localdate()


def as_read(pledge: Pledge, areas=None) -> bool:
    """Does the pledge say again what the parser read (``parsed``): its words, kind, section
    and topics? ``areas``: its areas as they will be saved (its current ones when None)."""
    read = pledge.parsed or {}
    if not read:
        return False
    slugs = {a.slug for a in (pledge.areas.all() if areas is None else areas)}
    return (
        all(getattr(pledge, name) == read.get(name) for name in ("text", "details", "kind"))
        and pledge.section == read.get("section", "")
        and pledge.primary_area.slug == read.get("primary_area")
        and slugs == set(read.get("areas", [])) | {read.get("primary_area")}
    )


def step(pledges, status: str, user) -> int:
    """Review, publish or reject each pledge (recording who and when)."""
    n = 0
    for pledge in pledges:
        getattr(pledge, STEPS[status])(user)
        pledge.save()
        n += 1
    return n


def set_primary_area(pledges, area: PolicyArea) -> int:
    """Move pledges to a topic; an editor's choice, so they are locked."""
    n = 0
    for pledge in pledges:
        pledge.primary_area = area
        pledge.locked = True
        pledge.save()
        pledge.areas.add(area)
        n += 1
    return n


def merge(pledges: list[Pledge], user) -> tuple[Pledge, list[Pledge]]:
    """Merge duplicates of one program: the most explicit pledge is kept (the parser's kind
    ranking: a list item before a heading before a sentence), the others become its
    restatements, rejected and linked to it."""
    if len(pledges) < 2 or len({p.program_id for p in pledges}) != 1:
        raise CurationError(_("Välj minst två löften ur samma program för att slå ihop dem."))
    ranked = sorted(pledges, key=lambda p: (KIND_RANK[p.kind], p.start))
    kept, others = ranked[0], ranked[1:]
    with transaction.atomic():
        for other in others:
            kept.restatements = [*kept.restatements, [other.start, other.end], *other.restatements]
            kept.areas.add(*other.areas.all())
            other.merged_into = kept
            other.reject(user)
            other.locked = True
            other.save()
        kept.locked = True
        kept.save()
    return kept, others


def resolve(change: SourceChange, accept: bool, user) -> None:
    """Decide an open source change: accept takes the source's new wording into the pledge,
    dismiss keeps the editor's. Either way the new source version is known from now on, so
    the same change does not come back."""
    pledge = change.pledge
    if accept:
        for name in DISPLAY_FIELDS:
            setattr(pledge, name, change.after[name])
    pledge.parsed = change.after
    pledge.save()
    change.status = SourceChange.Status.ACCEPTED if accept else SourceChange.Status.DISMISSED
    change.resolved_at, change.resolved_by = timezone.now(), user
    change.save()


def resolve_open(changes, accept: bool, user) -> int:
    n = 0
    for change in changes.filter(status=SourceChange.Status.OPEN).select_related("pledge"):
        resolve(change, accept, user)
        n += 1
    return n


def mark_reports(reports, status: str, user) -> int:
    """Mark error reports handled or dismissed, by whom and when: one save each, so the
    history has every step (reports come a few at a time, never by the thousand)."""
    n = 0
    for report in reports.exclude(status=status):
        report.decide(status, user)
        n += 1
    return n


def sign_report(report: ErrorReport, user) -> None:
    """An editor changed a report's status in its form: record who and when."""
    report.sign(user)
