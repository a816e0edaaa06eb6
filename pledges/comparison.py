"""Programs side by side: the comparison grid behind the compare page, its embed and its
download, built from the ``program`` parameters of a request."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from .models import Pledge, PledgeSimilarity, Program

MIN_COLUMNS, MAX_COLUMNS = 2, 6


def shade(value, maximum) -> int:
    """0–4: how dark a table cell showing ``value`` (of at most ``maximum``) is shaded."""
    if not value or not maximum:
        return 0
    return max(1, min(4, round(4 * value / maximum)))


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
            Pledge.objects.public()
            .for_listing()
            .filter(program__in=self.columns)
            .with_areas()
            .order_by("primary_area__order", "order")
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
