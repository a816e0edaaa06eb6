"""Paging through lists as long as the country's (400,000 pledges).

A page read with OFFSET over the full query makes the database build every row it skips, joins
included: page 400 of the pledge list cost twice page 1, and a deep admin page 400 ms.
``IdsFirstPaginator`` reads a page in two steps: the ids of its rows, in the list's order, then
those rows with everything the page shows. For a broad selection the ids come with LIMIT and
OFFSET: the database skips along the order's index, with no join. A narrow one (a party and a
topic, a search) has all its ids read at once, without LIMIT: given a LIMIT, the planner walks
the order's index hoping to meet matches soon, which for a rare combination meant reading the
whole country (400 ms); without one it finds them through the filters' own indexes.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator

NARROW = 20_000  # a selection this small has its ids read whole


class IdsFirstPaginator(Paginator):
    @property
    def selected(self) -> int:
        """How many rows the selection holds (the pages may show fewer)."""
        return self.count

    def page_ids(self, object_list, number: int) -> list:
        """The ids of page ``number``'s rows, in order (``object_list``: the page's slice)."""
        if self.selected > NARROW:
            return list(object_list.values_list("pk", flat=True))
        start = (number - 1) * self.per_page
        ids = list(self.object_list.values_list("pk", flat=True))
        return ids[start : start + self.per_page]

    def _get_page(self, object_list, number, paginator):
        ids = self.page_ids(object_list, number)
        rows = self.object_list.order_by().in_bulk(ids)
        return Page([rows[pk] for pk in ids if pk in rows], number, paginator)


class CountedPaginator(IdsFirstPaginator):
    """Told its count (from the cache) instead of counting: ``selected`` rows, of which the
    pages show the first ``count``."""

    def __init__(self, object_list, per_page, count: int, selected: int | None = None):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count
        self._selected = count if selected is None else selected

    @property
    def selected(self) -> int:
        return self._selected
