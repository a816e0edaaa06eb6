"""Paging through lists as long as the country's (400,000 pledges).

A page read with OFFSET over the full query makes the database build every row it skips, joins
included: page 400 of the pledge list cost twice page 1, and a deep admin page 400 ms.
``IdsFirstPaginator`` reads a page in two steps: the ids of its rows, in the list's order (the
database skips along the order's index, with no join), then those rows with everything the
page shows.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator


class IdsFirstPaginator(Paginator):
    def page_ids(self, object_list, number: int) -> list:
        """The ids of page ``number``'s rows, in order (``object_list``: the page's slice)."""
        return list(object_list.values_list("pk", flat=True))

    def _get_page(self, object_list, number, paginator):
        ids = self.page_ids(object_list, number)
        rows = self.object_list.order_by().in_bulk(ids)
        return Page([rows[pk] for pk in ids if pk in rows], number, paginator)


class CountedPaginator(IdsFirstPaginator):
    """Told its count (from the cache) instead of counting."""

    def __init__(self, object_list, per_page, count: int):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count
