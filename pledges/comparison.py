"""Programs side by side: the comparison grid behind the compare page, its embed and its
download, built from the ``program`` parameters of a request; and the agreement maths (how
alike each pair of a place's programs is), pure functions over pledges and their links."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

from django.utils.translation import gettext as _

from .models import Pledge, PledgeSimilarity, Program, attached

MIN_COLUMNS, MAX_COLUMNS = 2, 6
GRID_FIELDS = ["pk", "program_id", "primary_area_id", "order", "text", "status", "fulfilment"]


def shade(value, maximum) -> int:
    """0–4: how dark a table cell showing ``value`` (of at most ``maximum``) is shaded."""
    if not value or not maximum:
        return 0
    return max(1, min(4, round(4 * value / maximum)))


def links_among(programs):
    """(pledge id, other id) of the similar-pledge links between these programs' pledges, best
    first (a pledge not shown may be among them: callers keep those they show)."""
    return (
        PledgeSimilarity.objects.filter(pledge__program__in=programs, other__program__in=programs)
        .order_by("-score")
        .values_list("pledge_id", "other_id")
    )


class Comparison:
    """Columns are programs; rows are policy areas; cells hold the pledges."""

    def __init__(self, request, with_areas: bool = False):
        """``with_areas``: fetch every pledge's areas too (the download lists them)."""
        self.with_areas = with_areas
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
            for p in Program.objects.filter(slug__in=unique, is_public=True)
            .select_related("party", "municipality", "region")
            .defer("original_text")
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
        self.pledges: list[Pledge] = []
        self.grid_max = 0
        if self.ready:
            self._build()

    def _build(self):
        pledges = Pledge.objects.public().filter(program__in=self.columns)
        # the download: every field, and all the areas; the grid: what a cell shows (and the
        # review notice counts)
        pledges = pledges.with_areas() if self.with_areas else pledges.only(*GRID_FIELDS)
        pledges = attached(pledges.order_by("primary_area__order", "order"), self.columns)
        self.pledges = pledges
        for col in self.columns:  # named in every cell of its column
            col.label = f"{col.party.short_name}, {col.place.name}"
        by_id = {p.pk: p for p in pledges}
        links = defaultdict(list)
        for pledge_id, other_id in links_among(self.columns):
            if pledge_id in by_id and other_id in by_id:  # both public
                links[pledge_id].append(by_id[other_id])
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
                    (col, len(items), shade(len(items), self.grid_max))
                    for col, items in row["cells"]
                ],
            }
            for row in self.rows
        ]

    def records(self):
        for row in self.rows:
            for col, items in row["cells"]:
                for p in items:
                    yield row["area"], col, p


# --- agreement: how alike each pair of a place's programs is --------------------------------


class Agreement:
    """How alike programs are: the share (0–100) of two programs' pledges (in one topic, or
    all) that have a similar pledge in the other program. Counted in one pass over the
    pledges and their links, so that every pair and topic is then a lookup."""

    def __init__(self, pledges, links):
        """``pledges`` as (id, program id, primary area id) rows, ``links`` as (pledge id,
        similar pledge id) pairs."""
        program_of = {pk: program for pk, program, _ in pledges}
        linked = defaultdict(set)  # pledge -> programs it has a similar pledge in
        for pid, oid in links:
            if pid in program_of and oid in program_of:
                linked[pid].add(program_of[oid])
        self.total = Counter()  # (program, area or None) -> pledges
        self.hits = Counter()  # (program, other program, area or None) -> pledges with a like
        for pk, program, area_id in pledges:
            for area in (area_id, None):
                self.total[program, area] += 1
                for other in linked.get(pk, ()):
                    self.hits[program, other, area] += 1

    def share(self, a, b, area=None) -> int | None:
        """None when neither program has a pledge (in the topic)."""
        key = area.pk if area is not None else None
        n = self.total[a.pk, key] + self.total[b.pk, key]
        if not n:
            return None
        return round(100 * (self.hits[a.pk, b.pk, key] + self.hits[b.pk, a.pk, key]) / n)


def agreement_rows(programs, pledges, links, areas) -> tuple[list, list[dict]]:
    """The topics the pledges are about, and one row per pair of programs: the agreement
    overall and per topic (with its shade), best first. ``pledges`` are (id, program id,
    primary area id) rows, ``links`` (pledge, other) id pairs, ``areas`` the areas by id."""
    measured = Agreement(pledges, links)
    areas = sorted({areas[a] for _, _, a in pledges}, key=lambda a: (a.order, a.name))
    rows = []
    for a, b in combinations(programs, 2):
        overall = measured.share(a, b)
        rows.append(
            {
                "a": a,
                "b": b,
                "overall": overall,
                "overall_shade": shade(overall, 100),
                "areas": [
                    (value, shade(value, 100))
                    for value in (measured.share(a, b, area) for area in areas)
                ],
            }
        )
    rows.sort(key=lambda r: -(r["overall"] if r["overall"] is not None else -1))
    return areas, rows
