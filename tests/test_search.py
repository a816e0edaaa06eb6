"""Swedish search: the same results on PostgreSQL and SQLite (make test runs both)."""

import pytest
from django.db import connection, transaction

from pledges import search
from pledges.models import Pledge


def found(query):
    """The source words (quotes) of the pledges a search finds."""
    return set(search.apply(Pledge.objects.public(), query).values_list("quote", flat=True))


@pytest.mark.parametrize(
    "query, expected",
    [
        (
            "våld",
            "skapa boendeanternativ för våldsutsatta kvinnor "
            "för att skapa ett flöde i akut-boenden",
        ),
        ("socialsekreterarna", "Fler socialsekreterare!"),
        ("bostad", 'genomför "Bostad först"'),
        ("Bostad först", "att Örebro utvärderar och utvecklar konceptet Bostad först"),
        ("fältassistenter", "Fler fältassistenter!"),
    ],
)
def test_swedish_forms_are_found(loaded_db, query, expected):
    assert expected in found(query)


def test_all_terms_must_match(loaded_db):
    both = found("bostad först")
    assert both and all("först" in t.lower() or "först" in t for t in both)
    assert found("bostad") >= both


def test_results_are_the_same_on_both_databases(loaded_db):
    """Pinned counts: if the PostgreSQL and SQLite paths disagree, one of the runs fails."""
    expected = {
        "våld": 13,
        "socialsekreterare": 7,
        "socialsekreterarna": 7,
        "bostad": 6,
        "missbruk": 3,
        "hemlösa": 1,
        "barn": 9,
        "unga": 10,
        "Bostad först": 2,
        "xyzzy": 0,
    }
    assert {q: len(found(q)) for q in expected} == expected, connection.vendor


def test_empty_or_stopword_query_finds_nothing(loaded_db):
    assert found("") == set()
    assert found("   ") == set()


def test_highlight_escapes_and_marks():
    html = search.highlight("<b>Våldsutsatta</b> kvinnor", "våld")
    assert html == "&lt;b&gt;<mark>Våldsutsatta</mark>&lt;/b&gt; kvinnor"


def test_postgres_search_uses_the_gin_index(loaded_db):
    """The plan of a real search names the index (sequential scans off, as on a big table)."""
    if connection.vendor != "postgresql":
        pytest.skip("the GIN index exists on PostgreSQL only")
    query = search.apply(Pledge.objects.all(), "våld")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = query.explain()
    assert "pledge_search_vector" in plan, plan


def test_a_search_holds_inside_a_subquery(loaded_db):
    """The stored document is named through its table's alias in the query compiled, also when
    the search is a subquery of another query on pledges."""
    direct = set(Pledge.objects.search("våld").values_list("pk", flat=True))
    nested = Pledge.objects.filter(pk__in=Pledge.objects.search("våld").values("pk"))
    assert direct and set(nested.values_list("pk", flat=True)) == direct
