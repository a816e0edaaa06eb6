"""Nothing crashes: every public URL and parameter fuzzed, NUL characters, server errors and a
database that cannot be reached, CSV cells a spreadsheet would run as formulas."""

import csv
import io
import itertools
import json
import re
import threading
from collections import Counter
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from pledges.models import Pledge, Program
from tests.test_public_site import COMPARE, page_urls

# What a careless or hostile client sends in a parameter.
BAD_VALUES = [
    "%00",
    "a%00b",
    "%ff%fe",  # invalid UTF-8
    "9" * 40,
    "-1",
    "0",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "%22%27%3E",
    "x" * 3000,
    "%E2%80%AE",  # a right-to-left override
]
PARAMETERS = [
    "kommun",
    "parti",
    "omrade",
    "period",
    "typ",
    "q",
    "sida",
    "ordning",
    "program",
    "per_sida",
    "region",
    "status",
]


def urls():
    """Every public page type, the downloads and the API."""
    pages = list(page_urls().values())
    pages += [
        "/loften/export.csv",
        "/loften/export.json",
        COMPARE.replace("/jamfor/", "/jamfor/export.csv"),
    ]
    pages += [
        "/api/",
        "/api/loften/",
        "/api/program/",
        "/api/partier/",
        "/api/kommuner/",
        "/api/regioner/",
        "/api/omraden/",
        "/api/loften/999999/",
        "/api/schema/",
    ]
    return pages


def fuzzed(url):
    base, _, query = url.partition("?")
    keep = f"{query}&" if query else ""
    for name, value in itertools.product(PARAMETERS, BAD_VALUES):
        yield f"{base}?{keep}{name}={value}"
    for name in PARAMETERS:  # repeated, and empty
        yield f"{base}?{keep}{name}=1&{name}=2&{name}=%00"
        yield f"{base}?{keep}{name}="
    yield base + "%00/"


def test_fuzzing_every_public_url_and_parameter_gives_no_server_error(loaded_db, capsys):
    client = Client(raise_request_exception=False)
    statuses = Counter()
    errors = []
    for url in urls():
        for target in fuzzed(url):
            response = client.get(target)
            if response.streaming:
                response.getvalue()  # a download fails, if it fails, while it is sent
            status = response.status_code
            statuses[status] += 1
            if status >= 500:
                errors.append((status, target[:120]))
    with capsys.disabled():
        print(
            f"\nfuzz: {sum(statuses.values())} requests, "
            + ", ".join(f"{status}: {n}" for status, n in sorted(statuses.items()))
        )
    assert errors == []
    assert statuses[400] > 0 and statuses[200] > 0


@pytest.mark.parametrize(
    "url",
    [
        "/jamfor/?program=%00",
        "/jamfor/inbaddning/?program=a%00",
        "/jamfor/export.csv?program=%00",
        "/jamfor/export.json?program=%00",
        "/loften/?kommun=%00",
        "/api/loften/?parti=%00",
        "/loften%00/",
    ],
)
def test_a_nul_character_is_a_clear_400_in_swedish(loaded_db, url):
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == 400
    assert "Adressen innehåller tecken som inte kan användas" in response.content.decode()


def test_a_server_error_is_a_swedish_page(loaded_db):
    client = Client(raise_request_exception=False)
    with mock.patch("pledges.views.browse.HomeView.get_context_data", side_effect=ValueError):
        response = client.get("/")
    assert response.status_code == 500
    assert "Något gick fel" in response.content.decode()


def test_an_unreachable_database_is_a_503_with_retry_after(loaded_db):
    client = Client(raise_request_exception=False)
    outage = OperationalError("connection to server at 127.0.0.1, port 5432 failed")
    with mock.patch("pledges.views.browse.HomeView.get_context_data", side_effect=outage):
        response = client.get("/")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "Vallöften når inte sin databas just nu" in response.content.decode()
    assert client.get("/").status_code == 200  # and back by itself


def test_csv_cells_never_start_a_formula(loaded_db, client):
    program = Program.objects.filter(is_public=True).first()
    pledge = Pledge.objects.public().filter(program=program).first()
    Pledge.objects.filter(pk=pledge.pk).update(
        text='=HYPERLINK("http://example.com","Klicka")', details="+1 röst", section="@SUM(A1)"
    )
    response = client.get(f"/loften/export.csv?kommun={program.municipality.slug}")
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig")), delimiter=";"))
    row = next(r for r in rows if r["id"] == str(pledge.pk))
    assert row["lofte"] == '\'=HYPERLINK("http://example.com","Klicka")'
    assert row["detaljer"] == "'+1 röst" and row["avsnitt"] == "'@SUM(A1)"
    data = json.loads(
        client.get(f"/loften/export.json?kommun={program.municipality.slug}").getvalue()
    )
    record = next(r for r in data["results"] if r["id"] == pledge.pk)
    assert record["lofte"].startswith("=HYPERLINK")  # JSON keeps the text as it is


# --- one import at a time ---------------------------------------------------------------------


def hold_the_import_lock(taken, release):
    """Another process's import: holds the lock (on its own connection) until released."""
    from django.db import connection, transaction

    from pledges.locking import one_import_at_a_time

    try:
        with transaction.atomic(), one_import_at_a_time():
            taken.set()
            release.wait(30)
    finally:
        connection.close()


@pytest.fixture
def other_import(transactional_db):
    """Data committed (a test transaction would hold the lock itself to the end), and another
    import holding the lock until the test releases it."""
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("two connections to one test database need PostgreSQL")
    call_command("load_data", stdout=io.StringIO(), stderr=io.StringIO())
    taken, release = threading.Event(), threading.Event()
    thread = threading.Thread(target=hold_the_import_lock, args=(taken, release))
    thread.start()
    assert taken.wait(10)
    yield release
    release.set()
    thread.join(10)


def test_a_second_import_waits_then_gives_up_with_a_clear_message(other_import, settings):
    from django.core.management import CommandError, call_command

    settings.IMPORT_LOCK_WAIT = 1
    before = Pledge.objects.count()
    err = io.StringIO()
    with pytest.raises(CommandError, match="en annan inläsning pågår fortfarande efter 1 sekunder"):
        call_command("load_data", stdout=io.StringIO(), stderr=err)
    assert "väntar på att den blir klar" in err.getvalue()
    assert Pledge.objects.count() == before


def test_a_second_import_goes_on_when_the_first_is_done(other_import, settings):
    from django.core.management import call_command

    settings.IMPORT_LOCK_WAIT = 20
    threading.Timer(1.0, other_import.set).start()
    err, out = io.StringIO(), io.StringIO()
    call_command("load_data", stdout=out, stderr=err)
    assert "väntar" in err.getvalue() and "oförändrade" in out.getvalue()


# --- Content-Security-Policy --------------------------------------------------------------------

INLINE_RE = re.compile(r"<script(?![^>]*\bsrc=)|<style\b|\sstyle=\"|\son[a-z]+=\"", re.IGNORECASE)


def test_every_page_type_has_a_strict_policy_and_nothing_inline(client, loaded_db):
    embeds = {"embed", "embed (compact)"}  # the full comparison and its compact grid
    for name, url in page_urls().items():
        for prefix in ("", "/en"):
            response = client.get(prefix + url)
            policy = response["Content-Security-Policy"]
            assert "script-src 'self'" in policy and "style-src 'self'" in policy, name
            assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, name
            ancestors = "frame-ancestors *" if name in embeds else "frame-ancestors 'none'"
            assert ancestors in policy, (name, policy)
            assert "camera=()" in response["Permissions-Policy"], name
            # inline code would be blocked: there must be none (the embed code shown in a
            # <textarea> is text for the reader to copy, not markup)
            html = re.sub(r"<textarea.*?</textarea>", "", response.content.decode(), flags=re.S)
            assert not INLINE_RE.search(html), (name, INLINE_RE.search(html))


def test_party_colours_come_from_a_stylesheet(client, loaded_db):
    response = client.get("/partier/farger.css")
    assert response["Content-Type"].startswith("text/css")
    assert ".p-m { --party-colour: #52BDEC; --party-ink: #000000; }" in response.content.decode()
    html = client.get("/partier/m/").content.decode()
    assert 'href="/partier/farger.css"' in html and 'class="party-chip p-m"' in html


# --- limits that hold ---------------------------------------------------------------------------


def test_admin_login_is_throttled_per_user_and_address(editor, settings):
    from tests.conftest import EDITOR_PASSWORD

    client = Client()
    statuses = [
        client.post("/admin/login/", {"username": "redaktor", "password": "fel"}).status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]  # the last one locks
    locked = client.post("/admin/login/", {"username": "redaktor", "password": EDITOR_PASSWORD})
    assert locked.status_code == 429
    assert "För många misslyckade inloggningar" in locked.content.decode()
    assert "_auth_user_id" not in client.session  # the right password did not get in
    other = Client(REMOTE_ADDR="198.51.100.7")  # the same user from elsewhere still can
    ok = other.post("/admin/login/", {"username": "redaktor", "password": EDITOR_PASSWORD})
    assert ok.status_code == 302


def report(client, pledge, **fields):
    data = {"message": "Fel årtal i citatet", "email": "", "website": "", **fields}
    return client.post(reverse("pledges:report", args=[pledge.pk]), data)


def test_error_report_limit_counts_valid_reports_per_visitor_behind_the_proxy(
    loaded_db, settings, request
):
    from django.core.cache import cache

    from pledges.models import ErrorReport

    cache.clear()
    settings.ERROR_REPORTS_PER_HOUR, settings.TRUSTED_PROXIES = 2, 1
    # one clock hour throughout, even when the test runs across the hour
    clock = mock.patch("pledges.views.browse.time.time", return_value=1_800_000_000.0)
    clock.start()
    request.addfinalizer(clock.stop)
    pledge = Pledge.objects.public().first()
    anna = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    bertil = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    for _ in range(3):  # invalid posts and the honeypot use up nothing
        assert report(anna, pledge, message="").status_code == 400
        assert report(anna, pledge, website="spam").status_code == 302
    assert ErrorReport.objects.count() == 0
    assert [report(anna, pledge).status_code for _ in range(3)] == [302, 302, 429]
    assert report(bertil, pledge).status_code == 302  # another visitor behind the same proxy
    spoofed = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5")
    assert report(spoofed, pledge).status_code == 429  # a made-up first hop changes nothing
    assert ErrorReport.objects.count() == 3


def test_without_trusted_proxies_the_forwarded_header_is_ignored(rf, settings):
    from config.errors import client_ip

    settings.TRUSTED_PROXIES = 0
    request = rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert client_ip(request) == "192.0.2.1"
    settings.TRUSTED_PROXIES = 2
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5, 10.0.0.1")
    assert client_ip(request) == "203.0.113.5"
