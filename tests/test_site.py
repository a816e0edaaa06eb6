"""The pages `make run` shows, the admin, and settings."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from pledges.models import Pledge

ADMIN_MODELS = [
    "municipalities/county",
    "municipalities/municipality",
    "parties/party",
    "pledges/policyarea",
    "pledges/program",
    "pledges/pledge",
    "pledges/sourcechange",
]


def test_database_backend_is_the_one_asked_for():
    """make test runs the suite twice; a run that silently used another database fails."""
    assert connection.vendor == os.environ.get("EXPECT_DB_VENDOR", connection.vendor)


def test_make_run_shows_the_programs_pledges(client, loaded_db):
    home = client.get("/").content.decode()
    for name in ("Huddinge", "Västerås", "Örebro"):
        assert name in home
    listing = client.get("/loften/?ordning=kommun&sida=1")
    # the 73 core pledges of the seed annotation and 8 checkable "ska"/"måste" sentences
    assert listing.context["page"].paginator.count == Pledge.objects.public().count() == 86
    html = listing.content.decode()
    normative = Pledge.objects.filter(kind="normative").first()
    assert normative.text not in html  # candidates wait for an editor


@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_admin_changelists_and_search(admin_client, loaded_db, model):
    assert admin_client.get(f"/admin/{model}/").status_code == 200
    assert admin_client.get(f"/admin/{model}/?q=örebro").status_code == 200


def test_admin_pledge_change_page(admin_client, loaded_db):
    pledge = Pledge.objects.first()
    assert admin_client.get(f"/admin/pledges/pledge/{pledge.pk}/change/").status_code == 200


def test_secret_key_required_when_debug_is_off():
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SECRET_KEY", "DJANGO_DEBUG")}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr


def test_bad_debug_value_is_refused():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**os.environ, "DJANGO_DEBUG": "kanske", "DJANGO_SETTINGS_MODULE": "config.settings"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "DJANGO_DEBUG must be true or false" in result.stderr


def test_served_app_fails_fast_without_secret_key():
    """gunicorn loads config.wsgi: with no environment it must refuse to start."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}
    result = subprocess.run(
        [sys.executable, "-c", "import config.wsgi"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr


def test_served_app_keeps_what_it_loads_out_of_garbage_collection():
    """config.wsgi freezes what the process loads at start, and again after its first request
    (the compiled templates and catalogues), so that a full collection does not walk them."""
    script = (
        "import gc, config.wsgi as w\n"
        "start = gc.get_freeze_count(); assert start > 10_000, start\n"
        "from django.core.signals import request_finished\n"
        "kept = [[] for _ in range(1000)]  # containers: the collector tracks them\n"
        "request_finished.send(sender=None)\n"
        "assert gc.get_freeze_count() >= start + 1000, (start, gc.get_freeze_count())\n"
        "request_finished.send(sender=None); more = [[] for _ in range(10)]\n"
        "n = gc.get_freeze_count(); request_finished.send(sender=None)\n"
        "assert gc.get_freeze_count() == n  # once, not after every request\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_an_unknown_variable_in_our_templates_fails_the_tests(db):
    """The suite renders every page; a misspelt variable must not pass as an empty string."""
    from django.template.loader import render_to_string

    with pytest.raises(pytest.fail.Exception, match="Unknown template variable"):
        render_to_string("pledges/includes/compare_table.html", {})
