"""Editors' operations, without the admin (pledges/curation.py)."""

import pytest
from django.contrib.auth import get_user_model

from pledges import curation
from pledges.models import ErrorReport, Pledge, PolicyArea, SourceChange
from tests.builders import a_pledge, a_program


@pytest.fixture
def anna(db):
    return get_user_model().objects.create_user("anna", is_staff=True)


def test_a_content_edit_locks_and_a_status_is_a_signed_step(reference_db, anna):
    pledge = a_pledge()
    pledge.text, pledge.status = "Bygga tio nya förskolor", Pledge.Status.PUBLISHED
    curation.record_edit(pledge, {"text", "status"}, anna)
    assert pledge.locked and pledge.published_by == anna and pledge.published_at
    fresh = a_pledge()
    curation.record_edit(fresh, {"text"}, anna, existing=False)  # a new pledge is not locked
    assert not fresh.locked


def test_an_edit_that_puts_back_what_was_read_unlocks(reference_db, anna):
    """An editor's wording locks the pledge against imports; changing it back to what the
    parser read makes it the source's again, unless the editor locks it in that save."""
    pledge = a_pledge(text="Bygga fler förskolor")
    pledge.parsed = {
        "text": "Bygga fler förskolor",
        "details": "",
        "kind": Pledge.Kind.LIST_ITEM,
        "section": "",
        "primary_area": "forskola",
        "areas": ["forskola"],
    }
    pledge.text = "Bygga tio nya förskolor"
    curation.record_edit(pledge, {"text"}, anna)
    assert pledge.locked
    pledge.text = "Bygga fler förskolor"
    curation.record_edit(pledge, {"text"}, anna)
    assert not pledge.locked
    other = PolicyArea.objects.get(slug="grundskola")
    curation.record_edit(pledge, {"areas"}, anna, areas=[pledge.primary_area, other])
    assert pledge.locked  # a topic added is an edit too
    curation.record_edit(pledge, {"areas"}, anna, areas=[pledge.primary_area])
    assert not pledge.locked
    pledge.locked = True
    curation.record_edit(pledge, {"text", "locked"}, anna)
    assert pledge.locked  # ticked by the editor in the same save


def test_a_fulfilment_rating_is_signed_and_dated(reference_db, anna):
    pledge = a_pledge()
    pledge.fulfilment = Pledge.Fulfilment.KEPT
    curation.record_edit(pledge, {"fulfilment"}, anna)
    assert pledge.fulfilment_by == anna and pledge.fulfilment_date is not None
    assert not pledge.locked  # rating is not an edit of the pledge's words


def test_steps_and_topics_for_many(reference_db, anna):
    pledges = [a_pledge(a_program()) for _ in range(3)]
    assert curation.step(pledges, Pledge.Status.REJECTED, anna) == 3
    assert {p.status for p in Pledge.objects.all()} == {Pledge.Status.REJECTED}
    area = PolicyArea.objects.get(slug="trafik")
    assert curation.set_primary_area(Pledge.objects.all(), area) == 3
    assert all(p.primary_area == area and p.locked for p in Pledge.objects.all())


def test_merge_keeps_the_most_explicit_and_links_the_rest(reference_db, anna):
    program = a_program("Vi vill bygga fler förskolor. Fler förskolor!\n")
    stated = a_pledge(program, kind=Pledge.Kind.STATED, start=0, end=29)
    item = a_pledge(program, kind=Pledge.Kind.LIST_ITEM, start=30, end=45, area="grundskola")
    kept, others = curation.merge([stated, item], anna)
    assert kept == item and others == [stated]
    stated.refresh_from_db(), item.refresh_from_db()
    assert stated.merged_into == item and stated.status == Pledge.Status.REJECTED
    assert item.restatements == [[0, 29]] and item.locked
    assert set(item.areas.values_list("slug", flat=True)) == {"forskola", "grundskola"}


def test_merge_refuses_pledges_of_different_programs(reference_db, anna):
    with pytest.raises(curation.CurationError, match="samma program"):
        curation.merge([a_pledge(a_program()), a_pledge(a_program())], anna)
    with pytest.raises(curation.CurationError):
        curation.merge([a_pledge()], anna)


@pytest.mark.parametrize("accept", [True, False])
def test_a_source_change_is_decided_once(reference_db, anna, accept):
    pledge = a_pledge(text="Redaktörens ord", locked=True)
    after = {"text": "Källans nya ord", "details": "", "kind": "list_item", "quote": "nya"}
    change = SourceChange.objects.create(pledge=pledge, digest="x", before={}, after=after)
    assert curation.resolve_open(SourceChange.objects.all(), accept, anna) == 1
    pledge.refresh_from_db(), change.refresh_from_db()
    assert pledge.text == ("Källans nya ord" if accept else "Redaktörens ord")
    assert pledge.parsed == after and change.resolved_by == anna
    assert curation.resolve_open(SourceChange.objects.all(), accept, anna) == 0


def test_reports_are_marked_by_whom(reference_db, anna):
    report = ErrorReport.objects.create(pledge=a_pledge(), message="Fel siffra")
    n = curation.mark_reports(ErrorReport.objects.all(), ErrorReport.Status.HANDLED, anna)
    report.refresh_from_db()
    assert n == 1 and report.handled_by == anna and report.status == "handled"
