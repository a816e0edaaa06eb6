"""Re-importing a program never loses an editor's work, and never deletes a pledge."""

import shutil
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from pledges.models import Pledge, SourceChange
from tests.conftest import admin_form_data

FILE = "orebro-moderaterna-sociala-insatser.txt"
SLUG = "orebro-moderaterna-sociala-insatser"
ITEM = "Införa ett program med karriärtjänster för socialsekreterare"


@pytest.fixture
def source(tmp_path, loaded_db):
    """A copy of the programs whose texts a test may change, and a re-import helper."""
    src = tmp_path / "programs"
    shutil.copytree(settings.PROGRAMS_DIR, src)
    out = tmp_path / "parsed"

    def reimport(old, new):
        path = src / FILE
        text = path.read_text("utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), "utf-8")
        call_command(
            "build_fixtures",
            manifest=src / "manifest.csv",
            out=out,
            stdout=StringIO(),
            stderr=StringIO(),
        )
        report = StringIO()
        call_command(
            "load_data",
            *sorted(str(p) for p in out.glob("*.json")),
            stdout=report,
            stderr=StringIO(),
        )
        return report.getvalue()

    return reimport


def item():
    return Pledge.objects.get(
        program__slug=SLUG, kind="list_item", parsed__text__startswith="Införa ett program"
    )


def edit_as_editor(client, pledge, text):
    url = f"/admin/pledges/pledge/{pledge.pk}/change/"
    data = admin_form_data(client.get(url), text=text)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    pledge.refresh_from_db()
    return pledge


def test_editor_change_locks_and_survives_a_changed_source(source, editor_client):
    pledge = edit_as_editor(editor_client, item(), "Införa karriärtjänster för socialsekreterare")
    assert pledge.locked
    report = source(ITEM, "Införa ett program med karriärtjänster för alla socialsekreterare")
    pledge.refresh_from_db()
    assert pledge.text == "Införa karriärtjänster för socialsekreterare"  # the editor's words
    change = SourceChange.objects.get(pledge=pledge)
    assert change.status == "open"
    assert change.before["text"] == ITEM
    assert (
        change.after["text"] == "Införa ett program med karriärtjänster för alla socialsekreterare"
    )
    # provenance follows the source: the span points at the new words
    assert pledge.source_span == "Införa ett program med karriärtjänster för alla socialsekreterare"
    assert "konflikt" in report


def test_same_conflict_is_recorded_once(source, editor_client):
    edit_as_editor(editor_client, item(), "Karriärtjänster för socialsekreterare")
    source(ITEM, ITEM + " i hela kommunen")
    source("Sociala insatser", "Sociala insatser")  # same text again
    assert SourceChange.objects.count() == 1


def test_unlocked_pledge_follows_its_source_and_keeps_its_identity(source):
    before = item()
    source(ITEM, "Införa ett program med karriärtjänster för fler socialsekreterare")
    after = Pledge.objects.get(pk=before.pk)
    assert after.text == "Införa ett program med karriärtjänster för fler socialsekreterare"
    assert after.key != before.key
    assert after.in_source


def test_pledge_gone_from_source_is_marked_not_deleted(source):
    gone = Pledge.objects.get(program__slug=SLUG, text__startswith="Erbjuda personer")
    before = set(Pledge.objects.values_list("pk", flat=True))
    source("  • Erbjuda personer i destruktiva relationer hjälp inom 24 timmar\n", "")
    gone.refresh_from_db()
    assert before <= set(Pledge.objects.values_list("pk", flat=True))  # nothing deleted
    # the prose sentence that restated the bullet now stands on its own
    assert Pledge.objects.get(program__slug=SLUG, text__startswith="Vi vill att personer").in_source
    assert not gone.in_source and gone.removed_from_source_at is not None
    assert gone not in Pledge.objects.public()


def test_pledge_coming_back_is_unmarked(source):
    line = "  • Erbjuda personer i destruktiva relationer hjälp inom 24 timmar\n"
    source(line, "")
    report = source("  • Ha särskilt fokus", line + "  • Ha särskilt fokus")
    pledge = Pledge.objects.get(program__slug=SLUG, text__startswith="Erbjuda personer")
    assert pledge.in_source and pledge.removed_from_source_at is None
    assert "tillbaka i källan: 1" in report


def test_status_set_by_editor_is_kept_on_reimport(source):
    pledge = item()
    Pledge.objects.filter(pk=pledge.pk).update(status="published")
    source("Sociala insatser", "Sociala insatser ")  # any change to the text
    pledge.refresh_from_db()
    assert pledge.status == "published"


# --- pledge identity across source versions --------------------------------------------------


def test_a_touched_pledge_reworded_more_than_slightly_stays_one_pledge(
    source, editor_client, client
):
    pledge = edit_as_editor(editor_client, item(), "Karriärtjänster för socialsekreterare")
    Pledge.objects.filter(pk=pledge.pk).update(status=Pledge.Status.PUBLISHED)
    source(
        ITEM,
        "Införa ett nytt och bättre betalt program med karriärtjänster för alla "
        "socialsekreterare i kommunen",
    )
    pledge.refresh_from_db()
    assert pledge.in_source and pledge.text == "Karriärtjänster för socialsekreterare"
    copies = Pledge.objects.filter(program__slug=SLUG, quote__contains="bättre betalt")
    assert list(copies) == [pledge]  # the new wording is this pledge's, not an unreviewed copy
    assert client.get(pledge.get_absolute_url()).status_code == 200
    change = SourceChange.objects.get(pledge=pledge, status="open")
    page = editor_client.get("/admin/pledges/sourcechange/").content.decode()
    assert "<ins>nytt och bättre betalt</ins>" in page  # the change, word by word
    assert "nytt och bättre betalt" in change.after["quote"]


def test_reimporting_with_an_open_change_writes_no_history(source, editor_client):
    pledge = edit_as_editor(editor_client, item(), "Redaktörens ord")
    source(ITEM, ITEM + " i hela kommunen")
    assert SourceChange.objects.filter(pledge=pledge, status="open").count() == 1
    records = pledge.history.count()
    source("Örebro", "Örebro")  # the same text again
    assert pledge.history.count() == records
    assert SourceChange.objects.filter(pledge=pledge, status="open").count() == 1


def test_a_published_pledge_gone_from_the_source_keeps_its_address(source, client):
    line = "  • Att personer med ledsagarservice även ska få hjälp att resa till platser utanför"
    pledge = Pledge.objects.get(program__slug=SLUG, quote__startswith="Att personer med ledsagar")
    Pledge.objects.filter(pk=pledge.pk).update(status=Pledge.Status.PUBLISHED)
    source(line, "  •")
    pledge.refresh_from_db()
    assert not pledge.in_source
    page = client.get(pledge.get_absolute_url())
    assert page.status_code == 200
    assert "Löftet finns inte längre i programmet" in page.content.decode()
    assert pledge.pk not in set(Pledge.objects.public().values_list("pk", flat=True))


def test_a_source_that_goes_back_closes_its_open_change(source, editor_client):
    pledge = edit_as_editor(editor_client, item(), "Redaktörens ord")
    source(ITEM, ITEM + " i hela kommunen")
    assert SourceChange.objects.filter(pledge=pledge, status="open").count() == 1
    source(ITEM + " i hela kommunen", ITEM)  # the party took it back
    assert not SourceChange.objects.filter(pledge=pledge, status="open").exists()
    pledge.refresh_from_db()
    assert pledge.text == "Redaktörens ord"


def test_a_reimport_that_rewords_an_unedited_pledge_records_its_origin_first(source):
    pledge = item()
    assert not pledge.history.exists()
    source(ITEM, ITEM + " i hela kommunen")
    pledge.refresh_from_db()
    assert pledge.text == ITEM + " i hela kommunen"
    change, origin = pledge.history.order_by("-history_id")
    assert origin.history_type == "+" and origin.text == ITEM and origin.history_user is None
    assert change.history_type == "~" and change.text == pledge.text
