"""Swedish search: the same results on PostgreSQL and SQLite (make test runs both)."""

import pytest
from django.db import connection

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
        "socialsekreterare": 6,
        "socialsekreterarna": 6,
        "bostad": 5,
        "missbruk": 3,
        "hemlösa": 1,
        "barn": 8,
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


def test_postgres_uses_the_gin_index(loaded_db):
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'pledge_search_swedish'")
        (definition,) = cursor.fetchone()
    assert "gin" in definition.lower() and "swedish" in definition
