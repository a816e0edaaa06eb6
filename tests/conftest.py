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


@pytest.fixture
def reference_db(db):
    """Only the reference data (counties, municipalities, regions, parties, policy areas), for
    tests that build their own programs with tests/builders.py."""
    from pledges.loading import LoadReport
    from pledges.reference import load_reference

    load_reference(settings.FIXTURES_DIR, LoadReport())


def data_file(name: str) -> Path:
    return DATA / name


class FailOnUnknownVariable(str):
    """``string_if_invalid`` for the tests: a variable our templates name but the context does
    not have fails the test (third-party templates, e.g. the admin's, are left as they are)."""

    def __contains__(self, key):
        return key == "%s"

    def __mod__(self, name):
        import inspect

        from django.template.base import Template

        for frame in inspect.stack(0):
            template = frame.frame.f_locals.get("self")
            if frame.function == "render" and isinstance(template, Template):
                origin = str(template.origin.name)
                if origin.startswith(str(settings.BASE_DIR)) and ".venv" not in origin:
                    pytest.fail(f"Unknown template variable {name!r} in {origin}")
                break
        return ""


@pytest.fixture(autouse=True, scope="session")
def _test_settings():
    """For the whole run, including the live server the browser tests use: plain http, and the
    plain static storage (production's manifest storage needs collectstatic, which the Docker
    build runs)."""
    from django.conf import settings as django_settings

    saved = (
        django_settings.SECURE_SSL_REDIRECT,
        django_settings.STORAGES,
        django_settings.PAGE_CACHE_SECONDS,
        django_settings.DATA_VERSION_SECONDS,
    )
    django_settings.TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = FailOnUnknownVariable("%s")
    django_settings.SECURE_SSL_REDIRECT = False
    # Tests change data in ways a site never does (a test's rollback takes the data version
    # back); pages are kept only where a test asks for it (tests/test_caching.py).
    django_settings.PAGE_CACHE_SECONDS = 0
    django_settings.DATA_VERSION_SECONDS = 0  # read on every request (test_caching.py: kept)
    django_settings.STORAGES = {
        **django_settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    yield
    (
        django_settings.SECURE_SSL_REDIRECT,
        django_settings.STORAGES,
        django_settings.PAGE_CACHE_SECONDS,
        django_settings.DATA_VERSION_SECONDS,
    ) = saved


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a rolled-back test leaves the data version where
    it found it, so what it cached under that version must go too."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _swedish_again():
    """Each test starts in Swedish: a request under /en/ leaves English active in the thread,
    which would otherwise reach the next test's addresses built outside a request."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _media_and_fetching(settings, tmp_path_factory):
    """Originals go to a fresh folder per test; fetching may reach the tests' local servers."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    settings.FETCH_ALLOW_PRIVATE = True


def run_worker():
    """Run every queued background task now, as `manage.py db_worker` does (the real queue).

    The worker closes "old" connections between tasks; inside a test's transaction that would
    close the test's own connection (Django's test client switches the same thing off), so
    here it is a no-op.
    """
    from unittest import mock

    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command(
            "db_worker",
            "--batch",
            "--no-startup-delay",
            "--interval",
            "0",
            stdout=StringIO(),
            stderr=StringIO(),
        )


EDITOR_PASSWORD = "redigera-varsamt-2026"


@pytest.fixture
def editor(db):
    """An editor made as the README says (create_editor), without superuser rights."""
    from django.contrib.auth import get_user_model

    stdin = StringIO(EDITOR_PASSWORD + "\n")
    call_command("create_editor", "redaktor", "--password-stdin", stdin=stdin, stdout=StringIO())
    user = get_user_model().objects.get(username="redaktor")
    assert user.is_staff and not user.is_superuser
    return user


@pytest.fixture
def editor_client(client, editor):
    # through the login form, as an editor does (and as the login throttle sees it)
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "redaktor", "password": EDITOR_PASSWORD}
    )
    assert response.status_code == 302, response.content[:300]
    return client


def _form_value(value):
    if hasattr(value, "pk"):
        return value.pk
    if hasattr(value, "all"):
        value = value.all()
    if isinstance(value, list | tuple) or (
        hasattr(value, "__iter__") and not isinstance(value, str | dict)
    ):
        return [getattr(v, "pk", v) for v in value]
    if isinstance(value, dict):
        return json.dumps(value)
    return value


def admin_form_data(response, **changes):
    """POST data for an admin change form as a browser would send it, inlines included."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is not None:
            data[name] = _form_value(value)
    for key in ("restatements", "parsed"):
        if key in data and not isinstance(data[key], str):
            data[key] = json.dumps(data[key])
    for inline in response.context.get("inline_admin_formsets", []):
        management = inline.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management.initial.get(name, 0)
        for row in inline.formset.initial_forms:
            for name, field in row.fields.items():
                value = row.initial.get(name, field.initial)
                if name == "id" or value is None:
                    value = row.instance.pk if name == "id" else value
                if value is not None:
                    data[f"{row.prefix}-{name}"] = _form_value(value)
    data.update(changes)
    return data
