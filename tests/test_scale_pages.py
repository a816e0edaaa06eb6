"""What keeps pages fast at national scale, checked on the seed data: a common search word is
listed by place, long lists stop at MAX_RESULTS, the API points to the download, and the
editors' pledge list asks the same queries however many pledges and programs there are."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pledges import filters, paging
from pledges.freshness import data_changed
from pledges.models import Pledge, Program


def more_programs(like: Program, prefix: str, n: int, **fields) -> None:
    """``n`` more programs of ``like``'s party and place, ranked after it."""
    Program.objects.bulk_create(
        Program(
            slug=f"{prefix}-{i}",
            party=like.party,
            municipality=like.municipality,
            title=f"{prefix} {i}",
            original_text="x",
            checksum=Program.checksum_of("x"),
            rank=like.rank + i,
            **fields,
        )
        for i in range(n)
    )


def test_a_common_word_is_listed_by_place_and_says_so(client, loaded_db, monkeypatch):
    ranked = client.get("/loften/?q=v%C3%A5ld")
    assert ranked.context["sort"] == "relevans" and not ranked.context["unranked"]
    monkeypatch.setattr(filters, "RANK_LIMIT", 2)
    common = client.get("/loften/?q=v%C3%A5ld")
    assert common.context["sort"] == "kommun" and common.context["unranked"]
    assert "visas efter kommun" in common.content.decode()
    ranks = [p.list_rank for p in common.context["page"].object_list]
    assert ranks == sorted(ranks)


def test_long_lists_stop_at_max_results(client, loaded_db, monkeypatch):
    monkeypatch.setattr(filters, "MAX_RESULTS", 30)
    monkeypatch.setattr("pledges.views.browse.MAX_RESULTS", 30)
    total = Pledge.objects.public().count()
    last = client.get("/loften/?sida=99")
    assert last.context["total"] == total > 30
    assert last.context["page"].number == 2 and last.context["capped"]
    assert "Listan visar de första 30 löftena" in last.content.decode()
    monkeypatch.setattr("pledges.api.MAX_RESULTS", 30)
    page = json.loads(client.get("/api/loften/?per_sida=10&sida=3").content)
    assert page["count"] == total and page["next"] is None
    beyond = client.get("/api/loften/?per_sida=10&sida=4")
    assert beyond.status_code == 404 and "export" in beyond.json()["error"]


@pytest.mark.parametrize("order", ["kommun", "parti", "omrade", "nyast"])
def test_every_order_pages_as_the_database_sorts_it(client, loaded_db, monkeypatch, order):
    """The first ids of a broad selection are read along an index (a topic at a time when
    sorted by topic), of a narrow one all at once: both give the database's own order."""
    public = Pledge.objects.public()
    expected = list(public.order_by(*filters.ORDER_BY[filters.SORTS[order][0]]))
    assert [p.program.party.order for p in public.order_by(*filters.ORDER_BY["party"])] == sorted(
        p.program.party.order for p in expected
    )
    if order == "omrade":
        keys = [(p.primary_area.order, p.list_rank) for p in expected]
        assert keys == sorted(keys)
    for narrow in (paging.NARROW, 10):  # both ways of reading the ids
        monkeypatch.setattr(paging, "NARROW", narrow)
        data_changed()  # nothing kept from the other way
        shown = []
        for number in range(1, len(expected) // 25 + 2):
            response = client.get(f"/loften/?ordning={order}&sida={number}")
            shown += [p.pk for p in response.context["page"].object_list]
        assert shown == [p.pk for p in expected] and len(shown) > 50


def test_the_editors_pledge_list_does_not_grow_with_the_data(editor_client, loaded_db):
    program = Program.objects.order_by("pk").first()
    urls = [
        "/admin/pledges/pledge/",
        f"/admin/pledges/pledge/?program={program.pk}",
        "/admin/pledges/pledge/?q=v%C3%A5ld",
        f"/admin/pledges/pledge/?program__municipality__id__exact={program.municipality_id}",
        f"/admin/pledges/pledge/?program__party__id__exact={program.party_id}",
        "/admin/pledges/program/",
        f"/admin/pledges/program/?municipality__id__exact={program.municipality_id}",
        "/admin/",
    ]

    def queries():
        counts = []
        for url in urls:
            with CaptureQueriesContext(connection) as ctx:
                assert editor_client.get(url).status_code == 200, url
            counts.append(len(ctx))
        return counts

    def grow(step):  # more pledges in the program, and more programs
        for i in range(60):
            copy = program.pledges.first()
            copy.pk, copy.key, copy.order = None, f"more-{step}-{i}", 1000 * step + i
            copy.save()
        more_programs(program, f"extra-{step}", 110)

    grow(1)  # every list more than a page long, as at scale
    before = queries()
    grow(2)
    assert queries() == before
    page = editor_client.get(f"/admin/pledges/pledge/?program={program.pk}")
    assert {p.program_id for p in page.context["cl"].result_list} == {program.pk}
    assert editor_client.get("/admin/pledges/pledge/?program=x").status_code == 200


def test_an_unchanged_reimport_only_reads_the_program(loaded_db, settings):
    from pledges.loading import LoadReport, Tally, load_program_data, read_fixture
    from pledges.locking import one_import_at_a_time

    path = settings.FIXTURES_DIR / "parsed" / "orebro-liberalerna-socialpolitik.json"
    data = read_fixture(path)
    report = LoadReport()
    with CaptureQueriesContext(connection) as ctx, one_import_at_a_time():
        load_program_data(data, path, report)
    assert report.counts[str(Tally.PROGRAMS_UNCHANGED)] == 1
    assert report.counts[str(Tally.PLEDGES_UNCHANGED)] == len(data) - 1
    assert len(ctx) <= 8  # the lock, party, place, program: not one query per pledge
    data[1]["fields"]["text"] = "Ändrad visningstext"
    changed = LoadReport()
    with one_import_at_a_time():
        load_program_data(data, path, changed)
    assert changed.counts[str(Tally.PLEDGES_CHANGED)] == 1
    assert Pledge.objects.filter(text="Ändrad visningstext").exists()


@pytest.mark.parametrize("narrow", [0, 20_000])
def test_the_program_index_pages_in_rank_order_both_ways(client, loaded_db, monkeypatch, narrow):
    """Each page of /program/ holds the programs a plain OFFSET would, read by their ids
    (a narrow selection's kept whole, a broad one's in parts that a page may span), and a new
    program is counted and listed at once."""
    monkeypatch.setattr(paging, "NARROW", narrow)
    monkeypatch.setattr(paging, "KEPT_IDS", 7)
    more_programs(Program.objects.order_by("pk").first(), "index", 120, is_public=True)
    data_changed()
    expected = list(
        Program.objects.filter(is_public=True).order_by("rank", "pk").values_list("pk", flat=True)
    )
    shown = []
    for number in (1, 2, 3):
        page = client.get(f"/program/?sida={number}").context["page"]
        assert page.paginator.count == len(expected)
        shown += [p.pk for p in page.object_list]
    assert shown == expected
