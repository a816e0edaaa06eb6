"""Editors' workflow in the admin, as an editor without superuser rights."""

from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from municipalities.models import Municipality, Region
from parties.models import Party
from pledges.models import ErrorReport, Pledge, PolicyArea, Program, SourceChange
from pledges.roles import EDITOR_PERMISSIONS, EDITORS
from sources.models import Source
from tests.conftest import admin_form_data, run_worker

CHANGELIST = "/admin/pledges/pledge/"


@pytest.fixture
def data(loaded_db):
    return None


def a_pledge(**filters):
    return Pledge.objects.filter(**filters).order_by("pk").first()


def act(client, action, pledges, **extra):
    return client.post(
        CHANGELIST, {"action": action, "_selected_action": [p.pk for p in pledges], **extra}
    )


# --- roles ---------------------------------------------------------------------------------


def test_editor_group_has_exactly_the_work_permissions(editor):
    group = Group.objects.get(name=EDITORS)
    have = {(p.content_type.app_label, p.codename) for p in group.permissions.all()}
    wanted = {
        (app, f"{action}_{model}")
        for app, models in EDITOR_PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    }
    assert have == wanted
    assert not any(app == "auth" for app, _ in have)
    assert not any(code.startswith("delete_") for _, code in have)


def test_editor_cannot_change_users_or_permissions(editor_client):
    for url in ("/admin/auth/user/", "/admin/auth/group/", "/admin/auth/user/add/"):
        assert editor_client.get(url).status_code == 403


def test_create_editor_refuses_weak_password_and_duplicates(editor):
    with pytest.raises(CommandError, match="lösenordet duger inte"):
        call_command(
            "create_editor", "ny", "--password-stdin", stdin=StringIO("123\n"), stdout=StringIO()
        )
    with pytest.raises(CommandError, match="finns redan"):
        call_command(
            "create_editor",
            "redaktor",
            "--password-stdin",
            stdin=StringIO("x\n"),
            stdout=StringIO(),
        )


# --- the pledge admin ----------------------------------------------------------------------


def test_pledge_changelist_filters_search_and_autocomplete(editor_client, data):
    response = editor_client.get(CHANGELIST)
    assert response.status_code == 200
    html = response.content.decode()
    for column in ("parti", "kommun", "huvudområde", "typ", "status", "säkerhet"):
        assert column in html.lower()
    for query in (
        "status__exact=imported",
        "kind__exact=heading",
        "program__party__id__exact=1",
        "sakerhet=lag",
        "konflikt=ja",
        "fulfilment__exact=kept",
        "q=våld",
    ):
        assert editor_client.get(f"{CHANGELIST}?{query}").status_code == 200
    for field in ("program", "areas", "primary_area"):
        url = f"/admin/autocomplete/?app_label=pledges&model_name=pledge&field_name={field}&term=s"
        assert editor_client.get(url).status_code == 200, field


def test_change_page_shows_source_in_paragraph_and_public_link(editor_client, data):
    pledge = a_pledge(kind="list_item")
    html = editor_client.get(f"/admin/pledges/pledge/{pledge.pk}/change/").content.decode()
    assert f"<mark>{pledge.quote}</mark>" in html
    assert f'href="/loften/{pledge.pk}/"' in html


def test_program_admin_shows_its_pledges_inline(editor_client, data):
    program = Program.objects.get(slug="orebro-liberalerna-socialpolitik")
    html = editor_client.get(f"/admin/pledges/program/{program.pk}/change/").content.decode()
    assert "Fler fältassistenter!" in html and "Sprutbyte" in html


def test_publish_review_and_reject_record_who_and_when(editor_client, editor, data):
    a, b, c = Pledge.objects.filter(kind="list_item").order_by("pk")[:3]
    act(editor_client, "review_selected", [a])
    act(editor_client, "publish_selected", [b])
    act(editor_client, "reject_selected", [c])
    a.refresh_from_db(), b.refresh_from_db(), c.refresh_from_db()
    assert (a.status, a.reviewed_by, a.published_by) == ("reviewed", editor, None)
    assert (b.status, b.published_by, b.reviewed_by) == ("published", editor, editor)
    assert b.published_at and b.reviewed_at
    assert (c.status, c.rejected_by) == ("rejected", editor)


def test_normative_candidates_go_public_only_when_published(editor_client, client, data):
    candidate = a_pledge(kind="normative")
    assert client.get(f"/loften/{candidate.pk}/").status_code == 404
    act(editor_client, "review_selected", [candidate])
    assert client.get(f"/loften/{candidate.pk}/").status_code == 404
    act(editor_client, "publish_selected", [candidate])
    assert client.get(f"/loften/{candidate.pk}/").status_code == 200


def test_rejected_pledge_leaves_the_public_site(editor_client, client, data):
    pledge = a_pledge(kind="list_item")
    assert client.get(f"/loften/{pledge.pk}/").status_code == 200
    act(editor_client, "reject_selected", [pledge])
    assert client.get(f"/loften/{pledge.pk}/").status_code == 404


def test_set_policy_area_in_bulk(editor_client, data):
    pledges = list(Pledge.objects.filter(kind="heading")[:2])
    form = act(editor_client, "set_area", pledges)
    assert form.status_code == 200 and "Nytt huvudområde" in form.content.decode()
    area = PolicyArea.objects.get(slug="trygghet")
    act(editor_client, "set_area", pledges, apply="1", area=area.pk)
    for p in pledges:
        p.refresh_from_db()
        assert p.primary_area == area and area in p.areas.all() and p.locked


def test_merge_duplicates(editor_client, data):
    program = Program.objects.get(slug="orebro-moderaterna-sociala-insatser")
    item = Pledge.objects.get(program=program, text__startswith="Ha särskilt fokus")
    stated = Pledge.objects.get(program=program, text__startswith="Vi vill intensifiera")
    act(editor_client, "merge_selected", [stated, item])
    item.refresh_from_db(), stated.refresh_from_db()
    assert [stated.start, stated.end] in item.restatements
    assert stated.merged_into == item and stated.status == "rejected"
    other = Pledge.objects.exclude(program=program).first()
    response = act(editor_client, "merge_selected", [item, other])
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.merged_into is None  # across programs: refused


def test_every_change_is_recorded_and_revertible(editor_client, editor, data):
    pledge = a_pledge(kind="list_item")
    original, areas = pledge.text, set(pledge.areas.values_list("slug", flat=True))
    assert not pledge.history.exists()  # an import writes no history
    url = f"/admin/pledges/pledge/{pledge.pk}/change/"
    editor_client.post(url, admin_form_data(editor_client.get(url), text="Rättad text"))
    pledge.refresh_from_db()
    assert pledge.text == "Rättad text"
    latest = pledge.history.latest()
    assert latest.history_user == editor and latest.prev_record.text == original
    origin = latest.prev_record  # written just before the first change: as imported
    assert origin.history_type == "+" and origin.history_user is None
    assert origin.history_date == pledge.created_at and origin.prev_record is None
    assert {a.policyarea.slug for a in origin.areas.all()} == areas
    history_page = editor_client.get(url.replace("change/", "history/"))
    assert history_page.status_code == 200 and "redaktor" in history_page.content.decode()
    revert_url = f"/admin/pledges/pledge/{pledge.pk}/history/{latest.prev_record.history_id}/"
    page = editor_client.get(revert_url)
    assert page.status_code == 200
    editor_client.post(revert_url, admin_form_data(page))
    pledge.refresh_from_db()
    assert pledge.text == original


def test_history_for_programs_parties_and_areas(editor_client, editor, data):
    party = Party.objects.get(abbreviation="M")
    url = f"/admin/parties/party/{party.pk}/change/"
    editor_client.post(url, admin_form_data(editor_client.get(url), colour="#123456"))
    assert party.history.latest().history_user == editor
    area = PolicyArea.objects.get(slug="vald")
    url = f"/admin/pledges/policyarea/{area.pk}/change/"
    editor_client.post(url, admin_form_data(editor_client.get(url), name="Våld"))
    assert area.history.latest().history_user == editor
    program = Program.objects.first()
    url = f"/admin/pledges/program/{program.pk}/change/"
    editor_client.post(url, admin_form_data(editor_client.get(url), title="Ny titel"))
    assert program.history.latest().history_user == editor


# --- conflicts -----------------------------------------------------------------------------


def conflict(pledge):
    before = dict(pledge.parsed)
    after = {**before, "text": before["text"] + " i hela kommunen"}
    return SourceChange.objects.create(pledge=pledge, before=before, after=after, digest="x" * 64)


def test_accept_conflict_takes_the_new_source_wording(editor_client, editor, data):
    pledge = a_pledge(kind="list_item")
    change = conflict(pledge)
    assert editor_client.get(f"{CHANGELIST}?konflikt=ja").context["cl"].result_count == 1
    editor_client.post(
        "/admin/pledges/sourcechange/", {"action": "accept", "_selected_action": [change.pk]}
    )
    pledge.refresh_from_db(), change.refresh_from_db()
    assert pledge.text.endswith("i hela kommunen")
    assert (change.status, change.resolved_by) == ("accepted", editor)


def test_dismiss_conflict_keeps_the_editors_wording(editor_client, data):
    pledge = a_pledge(kind="list_item")
    text = pledge.text
    change = conflict(pledge)
    editor_client.post(
        "/admin/pledges/sourcechange/", {"action": "dismiss", "_selected_action": [change.pk]}
    )
    pledge.refresh_from_db(), change.refresh_from_db()
    assert pledge.text == text and change.status == "dismissed"
    assert pledge.parsed == change.after  # the same source change will not come back


# --- upload --------------------------------------------------------------------------------

PROGRAM = (
    "Trygg äldreomsorg i Lund\n\nSocialdemokraterna i Lund vill:\n\n"
    "- bygga fler äldreboenden\n- införa en fast omsorgskontakt i hemtjänsten\n"
)


def upload(client, content, name="lund.txt", **fields):
    """An editor brings a program in; the background worker reads it and proposes."""
    form = {
        "party": Party.objects.get(abbreviation="S").pk,
        "municipality": Municipality.objects.get(code="1281").pk,
        "title": "",
        "period_start": "2026–2030",
        "url": "",
        "retrieved": "2026-11-20",
        **fields,
    }
    form["file"] = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post("/admin/sources/source/add/", form)


def confirm(client, source):
    """The editor checks the proposed party, place, period and title, and confirms."""
    page = client.get(f"/admin/sources/source/{source.pk}/change/")
    assert "Bekräfta och tolka" in page.content.decode()
    return client.post(
        f"/admin/sources/source/{source.pk}/change/", admin_form_data(page, _confirm="1")
    )


def test_upload_makes_a_draft_program_for_review(
    editor_client, client, data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(editor_client, PROGRAM.encode())
    assert response.status_code == 302  # the request returns at once: the work is queued
    source = Source.objects.get()
    assert source.state == "queued" and source.created_by.username == "redaktor"
    run_worker()
    source.refresh_from_db()
    assert source.state == "review" and source.title == "Trygg äldreomsorg i Lund"
    with django_capture_on_commit_callbacks(execute=True):
        response = confirm(editor_client, source)
    assert response.status_code == 302, response.context["adminform"].form.errors
    run_worker()
    source.refresh_from_db()
    assert source.state == "done", source.error
    download = editor_client.get(f"/admin/sources/source/{source.pk}/original/")
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    # read to the end, the test client closes the file (closing it by hand here would also
    # close the test's database connection, as the end of a real request does)
    assert b"".join(download.streaming_content) == PROGRAM.encode()  # the original, kept
    program = Program.objects.get(municipality__code="1281")
    assert source.program == program and source.pledge_count == 2
    assert not program.is_public and program.period == "2026–2030"
    pledges = list(program.pledges.order_by("order"))
    assert [p.text for p in pledges] == [  # as the site shows them
        "Bygga fler äldreboenden",
        "Införa en fast omsorgskontakt i hemtjänsten",
    ]
    assert [p.quote for p in pledges] == [  # the source's words
        "bygga fler äldreboenden",
        "införa en fast omsorgskontakt i hemtjänsten",
    ]
    assert {p.status for p in pledges} == {"imported"}
    assert client.get(f"/loften/{pledges[0].pk}/").status_code == 404  # nothing public yet
    act(editor_client, "publish_selected", pledges)
    editor_client.post(
        "/admin/pledges/program/", {"action": "make_public", "_selected_action": [program.pk]}
    )
    assert client.get(f"/loften/{pledges[0].pk}/").status_code == 200


@pytest.mark.parametrize(
    "content, fields, message",
    [
        (b"", {}, "tom"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", {}, "Okänd filtyp"),
        (PROGRAM.encode(), {"party": 99999}, "Välj ett giltigt alternativ"),
        (PROGRAM.encode(), {"period_start": "2026-2027"}, "mandatperioden"),
        (PROGRAM.encode(), {"region": "first"}, "antingen en kommun eller en region"),
    ],
)
def test_bad_upload_is_explained_and_saves_nothing(editor_client, data, content, fields, message):
    if fields.get("region") == "first":
        fields = {"region": Region.objects.order_by("code").first().pk}
    counts = Source.objects.count(), Program.objects.count(), Pledge.objects.count()
    response = upload(editor_client, content, **fields)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (Source.objects.count(), Program.objects.count(), Pledge.objects.count()) == counts


@pytest.mark.parametrize(
    "content, message",
    [
        ("Titel\n\nCaf\xe9 och bostad\n".encode("latin-1"), "UTF-8"),
        ("Titel\n\nBara en mening utan löften.\n".encode(), "inga löften"),
    ],
)
def test_unreadable_upload_fails_with_its_reason_and_loads_nothing(
    editor_client, data, content, message, django_capture_on_commit_callbacks
):
    programs, pledges = Program.objects.count(), Pledge.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        upload(editor_client, content)
    run_worker()
    source = Source.objects.get()
    assert source.state == "failed" and message in source.error
    assert (
        message in editor_client.get(f"/admin/sources/source/{source.pk}/change/").content.decode()
    )
    assert (Program.objects.count(), Pledge.objects.count()) == (programs, pledges)


# --- fulfilment ----------------------------------------------------------------------------


def test_fulfilment_with_evidence_shown_publicly(editor_client, editor, client, data):
    pledge = a_pledge(kind="list_item")
    url = f"/admin/pledges/pledge/{pledge.pk}/change/"
    page = editor_client.get(url)
    bad = editor_client.post(url, admin_form_data(page, fulfilment="kept"))
    assert bad.status_code == 200 and "Ange en länk som belägger" in bad.content.decode()
    editor_client.post(
        url,
        admin_form_data(
            page,
            fulfilment="kept",
            fulfilment_evidence="https://example.se/protokoll",
            fulfilment_date="2026-11-01",
        ),
    )
    pledge.refresh_from_db()
    assert (pledge.fulfilment, pledge.fulfilment_by) == ("kept", editor)
    html = client.get(f"/loften/{pledge.pk}/").content.decode()
    assert "Hållet" in html and "https://example.se/protokoll" in html
    # the public sees the newsroom, never the editor's login
    assert "av Vallöftens redaktion" in html and editor.get_username() not in html
    compare = f"/jamfor/?program={pledge.program.slug}&program=huddinge-sociala-fragor"
    assert "fulfilment-kept" in client.get(compare).content.decode()


# --- error reports -------------------------------------------------------------------------


def test_report_an_error_needs_csrf_and_lands_in_the_queue(editor_client, data):
    pledge = a_pledge(kind="list_item")
    url = f"/loften/{pledge.pk}/rapportera/"
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(url, {"message": "Fel område"}).status_code == 403
    page = strict.get(url)
    token = page.cookies["csrftoken"].value
    response = strict.post(url, {"message": "Fel område", "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and "rapporterat=1" in response["Location"]
    report = ErrorReport.objects.get()
    assert report.pledge == pledge and report.status == "new"
    assert "Tack!" in strict.get(response["Location"]).content.decode()
    queue = editor_client.get("/admin/pledges/errorreport/?status__exact=new")
    assert "Fel område" in queue.content.decode()
    editor_client.post(
        "/admin/pledges/errorreport/", {"action": "mark_handled", "_selected_action": [report.pk]}
    )
    report.refresh_from_db()
    assert report.status == "handled" and report.handled_by.username == "redaktor"


def test_report_is_rate_limited(client, data, settings, request):
    from django.core.cache import cache

    cache.clear()
    # one clock hour throughout, even when the test runs across the hour
    clock = mock.patch("pledges.views.browse.time.time", return_value=1_800_000_000.0)
    clock.start()
    request.addfinalizer(clock.stop)
    pledge = a_pledge(kind="list_item")
    url = f"/loften/{pledge.pk}/rapportera/"
    codes = [
        client.post(url, {"message": f"Fel {i}"}).status_code
        for i in range(settings.ERROR_REPORTS_PER_HOUR + 2)
    ]
    assert codes[: settings.ERROR_REPORTS_PER_HOUR] == [302] * settings.ERROR_REPORTS_PER_HOUR
    assert codes[-1] == 429
    assert ErrorReport.objects.count() == settings.ERROR_REPORTS_PER_HOUR


def test_empty_report_and_bot_report(client, data):
    from django.core.cache import cache

    cache.clear()
    pledge = a_pledge(kind="list_item")
    url = f"/loften/{pledge.pk}/rapportera/"
    response = client.post(url, {"message": ""})
    assert response.status_code == 400 and "Detta fält måste fyllas i" in response.content.decode()
    assert client.post(url, {"message": "spam", "website": "http://spam"}).status_code == 302
    assert ErrorReport.objects.count() == 0
