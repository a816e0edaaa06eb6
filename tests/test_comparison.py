"""The agreement maths, without a database (pledges/comparison.py)."""

from collections import namedtuple
from types import SimpleNamespace as Obj

from pledges.comparison import Agreement, agreement_rows, shade

Area = namedtuple("Area", "pk order name")
SCHOOL, CARE = Area(1, 1, "Skola"), Area(2, 2, "Omsorg")
A, B, C = Obj(pk=10), Obj(pk=20), Obj(pk=30)


def pledge(pk, program, area):
    return (pk, program.pk, area.pk)


AREAS = {SCHOOL.pk: SCHOOL, CARE.pk: CARE}


PLEDGES = [
    pledge(1, A, SCHOOL),
    pledge(2, A, CARE),
    pledge(3, B, SCHOOL),
    pledge(4, B, CARE),
    pledge(5, C, CARE),
]
LINKS = [(1, 3), (3, 1)]  # A's and B's school pledges are alike


def test_agreement_is_the_share_of_pledges_with_a_like_in_the_other_program():
    measured = Agreement(PLEDGES, LINKS)
    assert measured.share(A, B) == 50
    assert measured.share(A, B, SCHOOL) == 100
    assert measured.share(A, B, CARE) == 0
    assert measured.share(A, C, SCHOOL) == 0  # A has one, C none: 0 of 1
    assert Agreement([], LINKS).share(A, B) is None


def test_a_link_to_a_pledge_outside_the_pledges_counts_for_nothing():
    measured = Agreement(PLEDGES, [(1, 99), (99, 3)])
    assert measured.share(A, B) == 0


def test_rows_are_every_pair_best_first_with_their_topics():
    areas, rows = agreement_rows([A, B, C], PLEDGES, LINKS, AREAS)
    assert areas == [SCHOOL, CARE]
    assert [(r["a"], r["b"], r["overall"]) for r in rows] == [(A, B, 50), (A, C, 0), (B, C, 0)]
    assert rows[0]["areas"] == [(100, 4), (0, 0)]
    assert rows[1]["areas"][0] == (0, 0)


def test_shade():
    assert [shade(v, 100) for v in (None, 0, 1, 50, 100)] == [0, 0, 1, 2, 4]
