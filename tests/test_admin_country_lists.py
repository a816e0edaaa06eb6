"""The admin's lists at national scale (pledges/admin/country.py): the same rows, order and
checkboxes as Django's own paging, a cached count that a change makes stale, and a page read
by its ids."""

import pytest
from django import forms
from django.contrib.admin import helpers
from django.contrib.admin.templatetags.admin_list import items_for_result
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import quote
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.translation import gettext as _

from pledges import paging
from pledges.admin import country
from pledges.admin.pledges import PledgeAdmin
from pledges.models import Pledge


def shown_ids(response):
    return [obj.pk for obj in response.context["cl"].result_list]


@pytest.mark.parametrize("narrow", [0, 20_000])
def test_pages_hold_the_rows_djangos_paging_would(editor_client, loaded_db, monkeypatch, narrow):
    monkeypatch.setattr(paging, "NARROW", narrow)  # both ways of reading a page
    monkeypatch.setattr(paging, "KEPT_IDS", 7)  # a broad selection's pages span kept parts
    expected = list(Pledge.objects.order_by("list_rank", "-pk").values_list("pk", flat=True))
    per_page = PledgeAdmin.list_per_page
    for page in (1, 2, 3):
        response = editor_client.get(f"/admin/pledges/pledge/?p={page}")
        assert response.status_code == 200
        assert shown_ids(response) == expected[(page - 1) * per_page : page * per_page]
    found = editor_client.get("/admin/pledges/pledge/?q=v%C3%A5ld")
    assert found.context["cl"].result_count == len(shown_ids(found)) > 0
    assert all("våld" in (p.text + p.details).lower() for p in found.context["cl"].result_list)


def test_the_count_is_kept_until_the_data_changes(editor_client, loaded_db):
    editor_client.get("/admin/pledges/pledge/?status__exact=imported")
    with CaptureQueriesContext(connection) as ctx:
        response = editor_client.get("/admin/pledges/pledge/?status__exact=imported")
    assert not [q for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]
    before = response.context["cl"].result_count
    Pledge.objects.filter(status="imported").first().delete()  # a change: counted again
    response = editor_client.get("/admin/pledges/pledge/?status__exact=imported")
    assert response.context["cl"].result_count == before - 1


def test_the_row_checkbox_is_djangos(loaded_db):
    pledge = Pledge.objects.first()
    mine = country.CountryList().action_checkbox(pledge)
    attrs = {
        "class": "action-select",
        "aria-label": format_html(_("Select this object for an action - {}"), str(pledge)),
    }
    django = forms.CheckboxInput(attrs, lambda value: False).render(
        helpers.ACTION_CHECKBOX_NAME, str(pledge.pk)
    )
    assert mine == django


@pytest.mark.parametrize("model", ["pledge", "program"])
@pytest.mark.parametrize("query", ["", "?o=1"])
def test_each_row_links_to_its_change_form_as_djangos(editor_client, loaded_db, model, query):
    """The change form's address, with the list's filters to return to (as Django adds them)."""
    response = editor_client.get(f"/admin/pledges/{model}/{query}")
    cl = response.context["cl"]
    assert isinstance(cl, country.CountryChangeList) and cl.result_list
    preserved = cl.model_admin.get_preserved_filters(response.wsgi_request)
    assert bool(preserved) == bool(query)
    for obj in cl.result_list:
        change = reverse(f"admin:pledges_{model}_change", args=[quote(obj.pk)])
        expected = add_preserved_filters({"preserved_filters": preserved, "opts": cl.opts}, change)
        assert f'href="{escape(expected)}"' in response.content.decode()


@pytest.mark.parametrize(
    "model, query",
    [
        ("pledge", ""),
        ("pledge", "?o=-3.1"),
        ("pledge", "?status__exact=imported&q=v%C3%A5ld"),
        ("program", ""),
        ("program", "?o=-4&is_public__exact=1"),
    ],
)
def test_rows_are_djangos_cell_for_cell(editor_client, loaded_db, model, query):
    """The rows written once per column (ColumnWriter) are what Django's items_for_result
    writes cell by cell: every column kind (callables, choices, foreign keys, booleans, dates,
    numbers, the linked first column, the checkbox), filters kept in the links."""
    response = editor_client.get(f"/admin/pledges/{model}/{query}")
    cl = response.context["cl"]
    assert cl.result_list
    for language in ("sv", "en"):
        with translation.override(language):
            mine = [row[0] for row in cl.rows()]
            django = ["".join(items_for_result(cl, row, None)) for row in cl.result_list]
        assert mine == django
    with translation.override("sv"):  # the admin's language
        assert all(f"<tr>{row[0]}</tr>" in response.content.decode() for row in cl.rows())


def test_a_popup_list_keeps_djangos_rows(editor_client, loaded_db):
    """A list opened to pick a row (a popup) has Django's own rows: they tell their opener."""
    response = editor_client.get("/admin/pledges/pledge/?_popup=1&_to_field=id")
    assert response.status_code == 200
    assert response.context["cl"].rows() is None
    assert "data-popup-opener" in response.content.decode()
