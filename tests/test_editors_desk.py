"""The editors' desk (issue 12): the start page with the work waiting, filters that scale,
history in Swedish with local times, notes on error reports, as an editor without superuser
rights; and the same pieces called directly (pledges/desk.py, ErrorReport.decide)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from municipalities.models import Municipality
from parties.models import Party
from pledges import curation, desk
from pledges.models import ErrorReport, Pledge, SourceChange
from sources.models import Source, State
from tests.builders import a_pledge, a_program
from tests.conftest import admin_form_data

CHANGELIST = "/admin/pledges/pledge/"


def build(programs: int, pledges_each: int, reports: int = 1):
    """Programs with unreviewed and reviewed pledges, an open source change, new reports and a
    source to confirm: something of everything the desk counts."""
    made = []
    for i in range(programs):
        program = a_program(title=f"Program {i}")
        for j in range(pledges_each):
            status = Pledge.Status.REVIEWED if j % 3 == 2 else Pledge.Status.IMPORTED
            a_pledge(program, text=f"Bygga {j} förskolor", status=status)
        made.append(program)
    first = made[0].pledges.order_by("pk").first()
    SourceChange.objects.create(pledge=first, before={}, after={"text": "x"}, digest="d" * 64)
    for k in range(reports):
        ErrorReport.objects.create(pledge=first, message=f"Fel siffra {k}")
    Source.objects.create(title="Att bekräfta", state=State.REVIEW)
    return made


def unreviewed_in(program) -> int:
    return program.pledges.filter(status=Pledge.Status.IMPORTED, in_source=True).count()


# --- the start page ------------------------------------------------------------------------


def test_start_page_shows_the_work_waiting_with_links_to_it(editor_client, reference_db):
    programs = build(3, 4)
    html = editor_client.get("/admin/").content.decode()
    assert "Att göra" in html
    total = Pledge.objects.filter(status="imported").count()
    assert total == 9
    heading = re.search(r"Löften att granska</a> <span class=\"desk-count\">(\d+)<", html)
    assert heading and int(heading.group(1)) == total
    for name in ("Ändringar i källan att avgöra", "Nya felrapporter från läsare", "Inläsningar"):
        assert name in html
    assert "Fel siffra 0" in html  # the newest report itself, linked
    # every program link opens the change list filtered to exactly what it counts
    for program in programs:
        link = f"status__exact=imported&amp;in_source__exact=1&amp;program={program.pk}"
        assert link in html
        page = editor_client.get(f"{CHANGELIST}?{link.replace('&amp;', '&')}")
        assert page.context["cl"].result_count == unreviewed_in(program) == 3
    opened = editor_client.get("/admin/pledges/sourcechange/?status__exact=open")
    assert opened.context["cl"].result_count == 1
    new = editor_client.get("/admin/pledges/errorreport/?status__exact=new")
    assert new.context["cl"].result_count == 1
    waiting = editor_client.get("/admin/sources/source/?state__exact=review")
    assert waiting.context["cl"].result_count == 1


def test_start_page_shows_only_what_the_user_may_act_on(client, reference_db):
    build(1, 2)
    viewer = get_user_model().objects.create_user("lasare", password="x-lösen-2026", is_staff=True)
    viewer.user_permissions.add(
        Permission.objects.get(codename="view_program"),
        Permission.objects.get(codename="view_pledge"),
    )
    tasks = {task.title for task in desk.waiting(viewer)}
    assert tasks == {"Senast inlästa program"}
    client.force_login(viewer)
    html = client.get("/admin/").content.decode()
    assert "Senast inlästa program" in html
    assert "Löften att granska" not in html and "Nya felrapporter" not in html


def test_an_empty_desk_says_so(editor_client, reference_db):
    html = editor_client.get("/admin/").content.decode()
    assert "Alla löften är granskade." in html and "Inga nya felrapporter." in html


def start_page_queries(client) -> tuple[int, int]:
    """Queries of the start page the first time for a data version, and again."""
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/admin/").status_code == 200
        counts.append(len(queries))
    return counts[0], counts[1]


@pytest.mark.parametrize("programs, pledges_each, reports", [(1, 3, 1), (6, 40, 12)])
def test_start_page_queries_do_not_grow_with_the_data(
    editor_client, reference_db, programs, pledges_each, reports
):
    build(programs, pledges_each, reports)
    cold, warm = start_page_queries(editor_client)
    # The first time for a data version also the pass over the unreviewed pledges and the
    # names of the programs with most of them (then kept in the cache).
    assert (cold, warm) == (WARM_BUDGET + 2, WARM_BUDGET)


# session, user, the user's and the group's permissions (4); the data version; open source
# changes; the newest new reports and their count; sources waiting; recent programs and their
# unreviewed pledges; the admin log ("Senaste händelser").
WARM_BUDGET = 12


def test_desk_counts_are_fresh_after_an_editors_step(reference_db):
    editor = get_user_model().objects.create_user("anna", is_staff=True)
    (program,) = build(1, 3)
    assert desk.pledges_to_review().count == 2
    curation.step(program.pledges.filter(status="imported"), Pledge.Status.REVIEWED, editor)
    assert desk.pledges_to_review().count == 0  # a save bumps the data version


# --- filters that scale --------------------------------------------------------------------


def test_place_party_and_program_filters_are_search_boxes(editor_client, reference_db):
    lund = Municipality.objects.get(code="1281")
    orebro = Municipality.objects.get(name="Örebro")
    in_lund = a_pledge(a_program(municipality=lund))
    a_pledge(a_program(municipality=orebro))
    html = editor_client.get(CHANGELIST).content.decode()
    assert html.count('class="admin-autocomplete autocomplete-filter-box"') == 4
    assert "Vallentuna" not in html  # no list of all 290 municipalities
    assert "admin/js/vendor/select2/select2.full" in html and "js/admin-filters.js" in html
    page = editor_client.get(f"{CHANGELIST}?program__municipality__id__exact={lund.pk}")
    assert [p.pk for p in page.context["cl"].result_list] == [in_lund.pk]
    assert f'<option value="{lund.pk}" selected>Lund</option>' in page.content.decode()
    # the program's page links here with ?program=<id>, as before
    page = editor_client.get(f"{CHANGELIST}?program={in_lund.program_id}")
    assert [p.pk for p in page.context["cl"].result_list] == [in_lund.pk]
    party = Party.objects.get(abbreviation="S")
    page = editor_client.get(f"{CHANGELIST}?program__party__id__exact={party.pk}")
    assert page.context["cl"].result_count == 2
    for bad in (
        "program=x",
        "program=%C2%B2",
        f"program={10**30}",
        "program__municipality__id__exact=lund",
    ):
        page = editor_client.get(f"{CHANGELIST}?{bad}")
        assert page.status_code == 200 and page.context["cl"].result_count == 0
    programs = editor_client.get(f"/admin/pledges/program/?municipality__id__exact={lund.pk}")
    assert programs.context["cl"].result_count == 1


@pytest.mark.parametrize(
    "source, term, expected",
    [
        ("program&field_name=municipality", "Lun", "Lund"),
        ("program&field_name=region", "Skåne", "Region Skåne"),
        ("program&field_name=party", "Social", "Socialdemokraterna"),
        ("pledge&field_name=program", "Ett", "Ett program"),
    ],
)
def test_an_editor_can_use_the_filters_search(editor_client, reference_db, source, term, expected):
    a_program()
    url = f"/admin/autocomplete/?app_label=pledges&model_name={source}&term={term}"
    response = editor_client.get(url)
    assert response.status_code == 200
    assert any(expected in row["text"] for row in response.json()["results"])


# --- history in Swedish --------------------------------------------------------------------

ENGLISH = [
    "Choose a date",
    "None",
    "Deleted",
    "pk=",
    "Date/time",
    "Changed by",
    "Change reason",
    "Revert",
    "Press the",
    "Changed",
    "Created",
    "entries",
]


def test_history_reads_in_swedish_with_local_times(editor_client, editor, reference_db):
    pledge = a_pledge()  # made without a user: as an import
    curation.step([pledge], Pledge.Status.REVIEWED, editor)  # reviewed_by: nobody → editor
    url = f"/admin/pledges/pledge/{pledge.pk}/history/"
    html = editor_client.get(url).content.decode()
    body = html[html.index('id="content"') :]
    for english in ENGLISH:
        assert english not in body, english
    assert "Historik:" in html and "import" in body and "skapad" in body and "ändrad" in body
    assert "Granskat av:</strong> –&nbsp;&rarr;&nbsp;redaktor" in body
    assert "importerad&nbsp;&rarr;&nbsp;granskad" in body
    latest = pledge.history.latest()
    local = timezone.localtime(latest.history_date)
    assert local.utcoffset() and f"{local:%H:%M}" in body  # Stockholm, not UTC
    version = editor_client.get(f"{url}{latest.prev_record.history_id}/").content.decode()
    version = version[version.index('id="content"') :]
    for english in ("Revert", "Press the", "Change History"):
        assert english not in version
    assert "Återställ den här versionen" in version


def test_a_removed_user_reads_as_removed():
    from simple_history.models import DeletedObject

    from pledges.admin.history import readable

    user_model = get_user_model()
    assert readable(DeletedObject(user_model, None)) == "–"
    assert readable(DeletedObject(user_model, 7)) == "borttagen användare"
    assert readable(True) == "ja" and readable(None) == "–"


# --- notes on error reports ----------------------------------------------------------------


def test_an_error_report_is_decided_with_a_reply_and_its_history(reference_db):
    anna = get_user_model().objects.create_user("anna", is_staff=True)
    report = ErrorReport.objects.create(pledge=a_pledge(), message="Fel siffra")
    report.note = "Kollat mot sidan 4."
    report.decide(ErrorReport.Status.HANDLED, anna, reply="Löftet är rättat.")
    report.refresh_from_db()
    assert (report.status, report.reply, report.handled_by) == (
        "handled",
        "Löftet är rättat.",
        anna,
    )
    assert report.note == "Kollat mot sidan 4." and report.handled_at
    latest = report.history.latest()
    assert latest.history_user == anna and latest.prev_record.status == "new"
    with pytest.raises(Exception, match="Okänd status"):
        report.decide("lost", anna)


def test_editor_writes_a_note_and_a_reply_and_marks_the_report(editor_client, editor, reference_db):
    report = ErrorReport.objects.create(pledge=a_pledge(), message="Siffran är fel")
    url = f"/admin/pledges/errorreport/{report.pk}/change/"
    response = editor_client.post(
        url,
        admin_form_data(
            editor_client.get(url),
            note="Står 20 i källan, inte 30.",
            reply="Rättat efter källan.",
            status="handled",
        ),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.handled_by) == ("handled", editor)
    assert report.note == "Står 20 i källan, inte 30." and report.reply == "Rättat efter källan."
    assert report.history.latest().history_user == editor
    listing = editor_client.get("/admin/pledges/errorreport/").content.decode()
    assert "Står 20 i källan" in listing and "Rättat efter källan." in listing
    other = ErrorReport.objects.create(pledge=report.pledge, message="Dubblett")
    editor_client.post(
        "/admin/pledges/errorreport/",
        {"action": "mark_dismissed", "_selected_action": [other.pk]},
    )
    other.refresh_from_db()
    assert other.status == "dismissed" and other.history.latest().history_user == editor
    history_url = f"/admin/pledges/errorreport/{report.pk}/history/"
    history = editor_client.get(history_url).content.decode()
    assert "Svar och utfall" in history and "åtgärdad" in history
    assert editor_client.get(f"{url}history/").status_code == 404  # a malformed address
