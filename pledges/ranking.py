"""The order of lists, kept as one number a row so that the database reads a page of a
national list straight from an index instead of sorting every pledge: places in Swedish
alphabetical order (å, ä, ö after z), then the party's order, then the program, then the
pledge's place in its program.

    Program.rank = ((place rank × 1000 + party order) × 10⁷ + program id)
    Pledge.list_rank = Program.rank × 10⁵ + order

A program's rank is set when it is saved; a renamed place or a reordered party sets them
again (``refresh_ranks``, run by ``load_data`` after the reference data).
"""

from __future__ import annotations

import unicodedata
from functools import cache

from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Least

SWEDISH_LAST = str.maketrans({"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}"})


def swedish_key(name: str) -> str:
    """A sort key that orders names as a Swedish reader does (å, ä, ö after z)."""
    folded = name.casefold().translate(SWEDISH_LAST)
    return "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))


@cache
def _place_ranks(version: tuple) -> dict[tuple[str, int], int]:
    from municipalities.models import Municipality, Region

    places = [("m", pk, name) for pk, name in Municipality.objects.values_list("pk", "name")]
    places += [("r", pk, name) for pk, name in Region.objects.values_list("pk", "name")]
    places.sort(key=lambda p: (swedish_key(p[2]), p[0], p[1]))
    return {(kind, pk): i for i, (kind, pk, _) in enumerate(places)}


def place_rank(kind: str, pk: int) -> int:
    from municipalities.models import Municipality, Region

    # keyed by what would change the order, so that a new or renamed place is seen
    version = (
        Municipality.objects.count(),
        Region.objects.count(),
        tuple(Municipality.objects.order_by("-pk").values_list("pk", "name")[:1]),
    )
    ranks = _place_ranks(version)
    if (kind, pk) not in ranks:
        _place_ranks.cache_clear()
        ranks = _place_ranks(version)
    return ranks.get((kind, pk), 999)


def program_rank(program) -> int:
    kind, pk = ("r", program.region_id) if program.region_id else ("m", program.municipality_id)
    party_order = min(program.party.order, 999)
    return (min(place_rank(kind, pk), 999) * 1000 + party_order) * 10**7 + program.pk


def pledge_rank(program_rank_value: int, order: int) -> int:
    return program_rank_value * 10**5 + min(order, 10**5 - 1)


def rank_pledges(pledges) -> int:
    """Set the list rank of ``pledges`` from their programs' ranks, in one UPDATE."""
    from .models import Program

    program = Program.objects.filter(pk=OuterRef("program_id")).values("rank")[:1]
    return pledges.update(
        list_rank=Subquery(program) * Value(10**5) + Least(F("order"), Value(10**5 - 1))
    )


def refresh_ranks() -> int:
    """Rank every program and its pledges again (after places or parties changed); returns
    how many programs moved."""
    from .freshness import data_changed
    from .models import Pledge, Program

    _place_ranks.cache_clear()
    moved = []
    for program in Program.objects.select_related("party").defer("original_text"):
        rank = program_rank(program)
        if rank != program.rank:
            Program.objects.filter(pk=program.pk).update(rank=rank)
            moved.append(program.pk)
    if moved:
        rank_pledges(Pledge.objects.filter(program__in=moved))
        data_changed()
    return len(moved)
