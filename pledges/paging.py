"""Paging through lists as long as the country's (400,000 pledges).

A page read with OFFSET over the full query makes the database build every row it skips, joins
included: page 400 of the pledge list cost twice page 1, and a deep admin page 400 ms. A page
is therefore read in two steps: the ids of its rows, in the list's order, then those rows with
everything the page shows (``in_bulk``).

The ids come one of two ways (``first_ids``). A narrow selection (a party and a topic, a search)
has all its ids read at once, without LIMIT: given a LIMIT, the planner walks the order's index
hoping to meet matches soon, which for a rare combination meant reading the whole country
(400 ms); without one it finds them through the filters' own indexes. A broad one is read with
LIMIT along the order's index, with no join; a list ordered by groups (the topic, whose order is
the areas' and not a pledge column) a group at a time, each from its own index.

The public list and the API show at most the first MAX_RESULTS rows of a selection, so their
ids are read once per selection, order and data version and kept in the shared cache
(``CountedPaginator``): any page of any selection is then one query by primary key. The admin
and the program index, which page through everything, keep the selection's count and its ids
per data version (``KeptPaginator``): a broad selection's in parts of KEPT_IDS, each read with
its OFFSET once, so that a deep page costs what the first does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.utils.functional import cached_property

from .freshness import cached

NARROW = 20_000  # a selection this small has its ids read whole
KEPT_IDS = 5_000  # a broad selection's ids kept in parts of this many (a hundred admin pages)


def first_ids(ordered, limit: int, selected: int, groups=None) -> list:
    """The ids of the first ``limit`` rows of ``ordered`` (a queryset in its order), which
    holds ``selected`` rows. ``groups``: (field, values in order, the order within a group),
    when ``ordered`` is ordered by ``field`` in that order first and an index serves
    (field, order within)."""
    if selected <= NARROW:
        return list(ordered.values_list("pk", flat=True))[:limit]
    if groups is None:
        return list(ordered.values_list("pk", flat=True)[:limit])
    field, values, within = groups
    ids: list = []
    for value in values:
        if len(ids) >= limit:
            break
        group = ordered.filter(**{field: value}).order_by(*within)
        ids += group.values_list("pk", flat=True)[: limit - len(ids)]
    return ids


class IdsFirstPaginator(Paginator):
    """Each page's ids read as the page is asked for (a broad selection's with LIMIT and
    OFFSET along the order's index)."""

    def page_ids(self, object_list, number: int) -> list:
        """The ids of page ``number``'s rows, in order (``object_list``: the page's slice)."""
        if self.count > NARROW:
            return list(object_list.values_list("pk", flat=True))
        start = (number - 1) * self.per_page
        return self.selection_ids()[start : start + self.per_page]

    def selection_ids(self) -> list:
        """Every id of a narrow selection, in order."""
        return list(self.object_list.values_list("pk", flat=True))

    def _get_page(self, object_list, number, paginator):
        ids = self.page_ids(object_list, number)
        rows = self.object_list.order_by().in_bulk(ids)
        return Page([rows[pk] for pk in ids if pk in rows], number, paginator)


class KeptPaginator(IdsFirstPaginator):
    """Each page's ids read as it is asked for; the selection's count, and its ids, kept in the
    shared cache for the data version (any change counts again): a narrow selection's all at
    once, a broad one's KEPT_IDS at a time, so that a deep page (the admin's page 8,000) is
    read with its OFFSET once per data version, not on every request."""

    @cached_property
    def sql(self) -> str | None:
        """The selection's query, which keys what is kept of it (None: nothing can match)."""
        try:
            return str(self.object_list.query)
        except EmptyResultSet:
            return None

    @cached_property
    def count(self) -> int:
        query = self.object_list
        if self.sql is None:
            return 0
        return cached("kept-count", query.count, query.model._meta.label, self.sql)

    def page_ids(self, object_list, number: int) -> list:
        if self.count <= NARROW:
            return super().page_ids(object_list, number)
        start = (number - 1) * self.per_page
        first, last = start // KEPT_IDS, (start + self.per_page - 1) // KEPT_IDS
        ids = [pk for part in range(first, last + 1) for pk in self._kept_part(part)]
        start -= first * KEPT_IDS
        return ids[start : start + self.per_page]

    def _kept_part(self, part: int) -> list:
        """The ids of rows part × KEPT_IDS onwards, KEPT_IDS of them, in the list's order."""
        ordered = self.object_list.values_list("pk", flat=True)
        return cached(
            "kept-ids-part",
            lambda: list(ordered[part * KEPT_IDS : (part + 1) * KEPT_IDS]),
            self.object_list.model._meta.label,
            self.sql,
            part,
        )

    def selection_ids(self) -> list:
        model = self.object_list.model._meta.label
        return cached("kept-ids", super().selection_ids, model, self.sql)


class CountedPaginator(IdsFirstPaginator):
    """Pages through the first ``count`` rows of a selection, given their ids in order
    (``ids()``, from the cache: ``first_ids`` once per selection and data version)."""

    def __init__(self, object_list, per_page, count: int, ids: Callable[[], Sequence]):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count
        self._ids = ids

    def page_ids(self, object_list, number: int) -> list:
        start = (number - 1) * self.per_page
        return list(self._ids()[start : start + self.per_page])
