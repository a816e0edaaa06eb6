"""The order of lists, kept as one number a row so that the database reads a page of a
national list straight from an index instead of sorting every pledge: places in Swedish
alphabetical order (å, ä, ö after z), then the party's order, then the program, then the
pledge's place in its program.

    Program.rank = ((place rank × 1000 + party order) × 10⁷ + program id)
    Pledge.list_rank = Program.rank × 10⁵ + order

A program's rank is set when it is saved; a renamed place or a reordered party sets them
again (``refresh_ranks``, run by ``load_data`` after the reference data).

The list sorted by party reads the party's order back out of the number (``PARTY_IN_RANK``),
so that an index on (party order, list rank) serves it as the plain list's index serves that.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from django.db.models import BigIntegerField, F, OuterRef, Subquery, Value
from django.db.models.functions import Least, Mod

SWEDISH_LAST = str.maketrans({"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}"})


PROGRAM_DIGITS, ORDER_DIGITS = 10**7, 10**5
PARTY_IN_RANK = Mod(
    F("list_rank") / Value(PROGRAM_DIGITS * ORDER_DIGITS, output_field=BigIntegerField()),
    Value(1000, output_field=BigIntegerField()),
    output_field=BigIntegerField(),
)  # a pledge's party order, from its list rank (the index pledge_party_rank is on this)


@lru_cache(maxsize=4096)  # the same few hundred place names, for every program saved
def swedish_key(name: str) -> str:
    """A sort key that orders names as a Swedish reader does (å, ä, ö after z)."""
    folded = name.casefold().translate(SWEDISH_LAST)
    return "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))


def place_ranks() -> dict[tuple[str, int], int]:
    """Every place's position in Swedish alphabetical order, keyed ("m" or "r", pk): two
    queries, read when a program is saved or the ranks are refreshed."""
    from municipalities.models import Municipality, Region

    places = [("m", pk, name) for pk, name in Municipality.objects.values_list("pk", "name")]
    places += [("r", pk, name) for pk, name in Region.objects.values_list("pk", "name")]
    places.sort(key=lambda p: (swedish_key(p[2]), p[0], p[1]))
    return {(kind, pk): i for i, (kind, pk, _) in enumerate(places)}


def program_rank(program, ranks: dict[tuple[str, int], int] | None = None) -> int:
    """``ranks``: ``place_ranks()``, when ranking many programs at once."""
    place = ("r", program.region_id) if program.region_id else ("m", program.municipality_id)
    place_rank = min((ranks or place_ranks()).get(place, 999), 999)
    return (place_rank * 1000 + min(program.party.order, 999)) * PROGRAM_DIGITS + program.pk


def pledge_rank(program_rank_value: int, order: int) -> int:
    return program_rank_value * ORDER_DIGITS + min(order, ORDER_DIGITS - 1)


def rank_pledges(pledges) -> int:
    """Set the list rank of ``pledges`` from their programs' ranks, in one UPDATE."""
    from .models import Program

    program = Program.objects.filter(pk=OuterRef("program_id")).values("rank")[:1]
    return pledges.update(
        list_rank=Subquery(program) * Value(ORDER_DIGITS)
        + Least(F("order"), Value(ORDER_DIGITS - 1))
    )


def refresh_ranks() -> int:
    """Rank every program and its pledges again (after places or parties changed); returns
    how many programs moved."""
    from .freshness import data_changed
    from .models import Pledge, Program

    ranks = place_ranks()
    moved = []
    for program in Program.objects.select_related("party").defer("original_text"):
        rank = program_rank(program, ranks)
        if rank != program.rank:
            Program.objects.filter(pk=program.pk).update(rank=rank)
            moved.append(program.pk)
    if moved:
        rank_pledges(Pledge.objects.filter(program__in=moved))
        data_changed()
    return len(moved)
