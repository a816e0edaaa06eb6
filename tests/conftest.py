import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

DATA = Path(__file__).parent / "data"
SHARED_SPEC = settings.BASE_DIR.parent / "shared" / "spec" / "seed_pledges.json"


@pytest.fixture(scope="session")
def seed_spec():
    """The hand annotation of the five seed programs (a copy of shared/spec/seed_pledges.json)."""
    return json.loads((DATA / "seed_pledges.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def lexicon():
    from pledges.parsing import Lexicon

    return Lexicon.from_fixtures(settings.FIXTURES_DIR)


@pytest.fixture
def loaded_db(db):
    """Reference data and the five seed programs, loaded as `make run` loads them."""
    call_command("load_data", stdout=StringIO(), stderr=StringIO())


def data_file(name: str) -> Path:
    return DATA / name


@pytest.fixture(autouse=True, scope="session")
def _test_settings():
    """For the whole run, including the live server the browser tests use: plain http, and the
    plain static storage (production's manifest storage needs collectstatic, which the Docker
    build runs)."""
    from django.conf import settings as django_settings

    saved = django_settings.SECURE_SSL_REDIRECT, django_settings.STORAGES
    django_settings.SECURE_SSL_REDIRECT = False
    django_settings.STORAGES = {
        **django_settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    yield
    django_settings.SECURE_SSL_REDIRECT, django_settings.STORAGES = saved
