"""Caching for readers (config/caching.py, pledges/freshness.py): ETag, Last-Modified and
Cache-Control on visitors' pages, 304 for a current copy, whole pages kept under the data
version, and every kind of change making them stale at once."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from pledges.models import DataVersion, Pledge

from .conftest import admin_form_data

PAGES = ["/", "/loften/", "/loften/?q=v%C3%A5ld", "/partier/m/", "/kommuner/orebro/", "/jamfor/"]


@pytest.fixture
def keep_pages(settings):
    settings.PAGE_CACHE_SECONDS = 300


def a_pledge():
    return Pledge.objects.public().filter(kind="list_item").order_by("pk").first()


def version():
    return DataVersion.objects.get(pk=1).number


def test_visitors_pages_can_be_cached_by_a_cdn_and_set_no_cookie(client, loaded_db):
    for url in [*PAGES, a_pledge().get_absolute_url(), "/api/loften/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "public" in response["Cache-Control"], url
        assert "s-maxage=300" in response["Cache-Control"], url
        assert response["ETag"] and response["Last-Modified"], url
        assert not response.cookies, url  # no CSRF cookie: no page here has a form


def test_a_current_copy_gets_304_without_building_the_page(client, loaded_db):
    etag = client.get("/loften/")["ETag"]
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/loften/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and len(ctx) == 1  # the data version only
    pledge = a_pledge()
    pledge.text = "Ändrat av en redaktör"
    pledge.save()
    assert client.get("/loften/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_kept_page_costs_one_query_and_a_change_makes_it_stale(client, loaded_db, keep_pages):
    pledge = a_pledge()
    url = pledge.get_absolute_url()
    first = client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        again = client.get(url)
    assert len(ctx) == 1 and again.content == first.content
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    pledge.text = "Bygga tio nya förskolor"
    pledge.save()
    assert "Bygga tio nya förskolor" in client.get(url).content.decode()


def test_an_editors_change_in_the_admin_reaches_kept_pages(editor_client, loaded_db, keep_pages):
    pledge = a_pledge()
    visitor = Client()
    pages = [pledge.get_absolute_url(), "/loften/?q=redaktionens+formulering"]
    assert pledge.text in visitor.get(pages[0]).content.decode()
    assert visitor.get(pages[1]).context["total"] == 0
    change = f"/admin/pledges/pledge/{pledge.pk}/change/"
    data = admin_form_data(editor_client.get(change), text="Redaktionens formulering av löftet")
    assert editor_client.post(change, data).status_code == 302
    assert "Redaktionens formulering av löftet" in visitor.get(pages[0]).content.decode()
    assert visitor.get(pages[1]).context["total"] == 1


def test_editors_and_forms_are_never_kept(editor_client, loaded_db, keep_pages):
    response = editor_client.get("/loften/")
    assert "public" not in response.get("Cache-Control", "")
    report = Client().get(f"/loften/{a_pledge().pk}/rapportera/")
    assert report.cookies.get("csrftoken") and "public" not in report.get("Cache-Control", "")


def test_an_import_bumps_the_version_once_and_an_unchanged_one_not_at_all(loaded_db, tmp_path):
    from django.conf import settings

    before = version()
    call_command("load_data", stdout=StringIO(), stderr=StringIO())
    assert version() == before  # nothing changed: what is cached stays good
    data = json.loads(
        (settings.FIXTURES_DIR / "parsed" / "orebro-liberalerna-socialpolitik.json").read_text()
    )
    data[1]["fields"]["text"] = "Ändrad visningstext"
    changed = tmp_path / "orebro-liberalerna-socialpolitik.json"
    changed.write_text(json.dumps(data), "utf-8")
    call_command("load_data", str(changed), stdout=StringIO(), stderr=StringIO())
    assert version() == before + 1  # a changed pledge and its topic's links: one change


def test_a_failed_import_changes_nothing(loaded_db, tmp_path):
    before = version()
    broken = tmp_path / "broken.json"
    broken.write_text('[{"model": "pledges.program", "fields": {"party": ["XX"]}}]', "utf-8")
    with pytest.raises(CommandError, match=r"broken\.json"):
        call_command("load_data", str(broken), stdout=StringIO(), stderr=StringIO())
    assert version() == before


def test_a_process_reads_the_version_once_a_second_and_its_own_change_at_once(
    client, loaded_db, keep_pages, settings
):
    from pledges import freshness

    settings.DATA_VERSION_SECONDS = 60
    freshness.forget_version()
    pledge = a_pledge()
    url = pledge.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    assert len(ctx) == 0  # a kept page, the version still fresh: no query at all
    pledge.text = "Bygga tio nya förskolor"
    pledge.save()  # a change in this process is seen at once
    assert "Bygga tio nya förskolor" in client.get(url).content.decode()
    # another process's change is seen once the version is read again
    DataVersion.objects.filter(pk=1).update(number=version() + 1)
    assert client.get(url)["ETag"].endswith(f'-{version() - 1}"')
    freshness._last_read = (freshness._last_read[0] - 61, freshness._last_read[1])
    assert client.get(url)["ETag"].endswith(f'-{version()}"')
    freshness.forget_version()
