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


def test_index_lists_public_pledges_by_municipality_and_party(
    client, loaded_db, django_assert_num_queries
):
    with django_assert_num_queries(1):
        response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for name in (
        "Huddinge",
        "Västerås",
        "Örebro",
        "Moderaterna",
        "Liberalerna",
        "Miljöpartiet de gröna",
    ):
        assert name in html
    assert "Införa ett program med karriärtjänster för socialsekreterare" in html
    normative = Pledge.objects.filter(kind="normative").first()
    assert normative.text not in html  # candidates wait for an editor
    assert html.index("Huddinge") < html.index("Västerås") < html.index("Örebro")


def test_index_escapes_html_from_program_texts(client, loaded_db):
    pledge = Pledge.objects.filter(kind="list_item").first()
    Pledge.objects.filter(pk=pledge.pk).update(text="<script>alert(1)</script>")
    html = client.get("/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


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
