"""Open data for journalists (issue 12): the API's OpenAPI description and its page, one pledge
in the API, the licence, Swedish download columns, empty results for real places without
pledges, and clean addresses without empty parameters."""

import csv
import io
import json
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_openapi

from pledges.models import Pledge
from pledges.serialise import COMPARE_COLUMNS, EXPORT_COLUMNS, LICENCE
from pledges.templatetags.valloften import query_without
from tests.builders import a_pledge, a_program

ENDPOINTS = {
    "/api/",
    "/api/loften/",
    "/api/loften/{pledge_id}/",
    "/api/program/",
    "/api/partier/",
    "/api/kommuner/",
    "/api/regioner/",
    "/api/omraden/",
}
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


def body(response) -> str:
    return (response.getvalue() if response.streaming else response.content).decode("utf-8")


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(body(response).removeprefix("\ufeff")), delimiter=";"))


@pytest.fixture
def schema(client, reference_db):
    response = client.get("/api/schema/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def validator(schema, path: str, status: str = "200") -> Draft202012Validator:
    """A JSON Schema validator for one operation's response (OpenAPI 3.1 schemas are JSON
    Schema 2020-12; their references point into the document's components)."""
    response = schema["paths"][path]["get"]["responses"][status]
    return Draft202012Validator(
        {**response["content"]["application/json"]["schema"], "components": schema["components"]}
    )


# --- the OpenAPI description --------------------------------------------------------------------


def test_the_schema_is_valid_openapi_and_lists_every_endpoint(schema):
    validate_openapi(schema)  # raises on anything that is not valid OpenAPI
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == ENDPOINTS
    assert schema["info"]["license"] == {"name": "CC BY 4.0", "url": LICENCE_URL}
    pledges = schema["paths"]["/api/loften/"]["get"]
    names = [p["name"] for p in pledges["parameters"]]
    filters = ["kommun", "region", "parti", "omrade", "period", "typ", "q", "ordning"]
    assert names == ["sida", "per_sida", *filters]
    assert set(pledges["responses"]) == {"200", "400", "404"}
    for path in ENDPOINTS - {"/api/"}:
        assert "404" in schema["paths"][path]["get"]["responses"], path


def test_real_responses_validate_against_the_schema(client, schema):
    pledge = a_pledge(quote="Vi vill bygga fler förskolor.")
    for path, url in [
        ("/api/", "/api/"),
        ("/api/loften/", "/api/loften/?per_sida=5"),
        ("/api/loften/{pledge_id}/", f"/api/loften/{pledge.pk}/"),
        ("/api/program/", "/api/program/"),
        ("/api/partier/", "/api/partier/"),
        ("/api/kommuner/", "/api/kommuner/?per_sida=3"),
        ("/api/regioner/", "/api/regioner/"),
        ("/api/omraden/", "/api/omraden/"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        errors = list(validator(schema, path).iter_errors(response.json()))
        assert errors == [], (url, errors[:1])
    bad = client.get("/api/loften/?sida=abc")
    assert bad.status_code == 400
    assert not list(validator(schema, "/api/loften/", "400").iter_errors(bad.json()))
    missing = client.get("/api/loften/999999/")
    assert not list(
        validator(schema, "/api/loften/{pledge_id}/", "404").iter_errors(missing.json())
    )
    # the schema's own example (shown on /oppna-data/api/) is a valid pledge
    example = schema["components"]["schemas"]["PledgeOut"]["example"]
    pledge_schema = {"$ref": "#/components/schemas/PledgeOut", "components": schema["components"]}
    assert not list(Draft202012Validator(pledge_schema).iter_errors(example))
    assert list(Draft202012Validator(pledge_schema).iter_errors({**example, "kind": "x"}))


def test_the_schema_is_not_swagger_from_a_cdn(client, reference_db):
    assert client.get("/api/docs").status_code == 404


# --- one pledge -----------------------------------------------------------------------------------


def test_one_public_pledge_and_a_404_for_missing_or_hidden_ones(client, reference_db):
    pledge = a_pledge(text="Bygga tio nya förskolor", quote="Vi ska bygga tio nya förskolor.")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"/api/loften/{pledge.pk}/")
    assert response.status_code == 200
    # the data version, the pledge with program, party and place, its areas
    assert len(ctx) == 3
    data = response.json()
    assert data["id"] == pledge.pk and data["text"] == "Bygga tio nya förskolor"
    assert data["quote"] == "Vi ska bygga tio nya förskolor."
    assert data["areas"] == ["forskola"] and data["kind"] == "list_item"
    assert data["licens"] == LICENCE
    assert data["url"].endswith(f"/loften/{pledge.pk}/")
    Pledge.objects.filter(pk=pledge.pk).update(status="rejected")
    hidden = client.get(f"/api/loften/{pledge.pk}/")
    assert hidden.status_code == 404
    assert hidden.json() == {"error": f"Det finns inget offentligt löfte med id {pledge.pk}."}
    assert client.get("/api/loften/999999/").status_code == 404
    assert client.get("/api/loften/abc/").status_code == 404


# --- the licence ----------------------------------------------------------------------------------


def test_the_licence_is_in_api_responses_downloads_and_the_open_data_page(client, reference_db):
    a_pledge()
    assert client.get("/api/loften/").json()["licens"] == LICENCE
    assert client.get("/api/kommuner/").json()["licens"]["namn"] == "CC BY 4.0"
    export = client.get("/loften/export.json")
    assert json.loads(body(export))["licens"] == {
        "namn": "CC BY 4.0",
        "url": LICENCE_URL,
        "erkannande": "Vallöften",
    }
    csv_export = client.get("/loften/export.csv")
    assert csv_export["Link"] == f'<{LICENCE_URL}>; rel="license"'
    assert body(csv_export).removeprefix("\ufeff").startswith("id;lofte;")  # still a clean CSV
    html = client.get("/oppna-data/").content.decode()
    assert f'href="{LICENCE_URL}" rel="license"' in html and "CC BY 4.0" in html
    assert 'href="/oppna-data/api/"' in html and 'href="/api/schema/"' in html


# --- Swedish columns ------------------------------------------------------------------------------


def test_downloads_have_swedish_columns_labels_beside_codes_and_the_quote(client, reference_db):
    pledge = a_pledge(
        text="Bygga fler förskolor",
        quote="Vi vill bygga fler förskolor i Lund.",
        kind=Pledge.Kind.HEADING,
        status=Pledge.Status.PUBLISHED,
    )
    rows = csv_rows(client.get("/loften/export.csv"))
    assert list(rows[0]) == [name for name, _ in EXPORT_COLUMNS]
    row = rows[0]
    assert row["id"] == str(pledge.pk) and row["lofte"] == "Bygga fler förskolor"
    assert row["citat"] == "Vi vill bygga fler förskolor i Lund."
    assert (row["typ"], row["typ_kod"]) == ("rubrik", "heading")
    assert (row["status"], row["status_kod"]) == ("publicerad", "published")
    assert (row["uppfyllelse"], row["uppfyllelse_kod"]) == ("ej bedömt", "not_rated")
    assert (row["omrade"], row["omrade_kod"]) == ("Förskola", "forskola")
    assert (row["omraden"], row["omraden_kod"]) == ("Förskola", "forskola")
    assert (row["kommun"], row["kommun_kod"]) == ("Lund", "1281")
    assert (row["parti"], row["parti_kod"]) == ("Socialdemokraterna", "S")
    record = json.loads(body(client.get("/loften/export.json")))["results"][0]
    assert record["omraden"] == ["Förskola"] and record["omraden_kod"] == ["forskola"]
    assert record["typ"] == "rubrik" and record["citat"] == row["citat"]
    # under /en/ the labels are English, the column names and codes stay
    english = csv_rows(client.get("/en/loften/export.csv"))[0]
    assert (english["typ"], english["typ_kod"]) == ("heading", "heading")
    assert (english["omrade"], english["omrade_kod"]) == ("Preschool", "forskola")


def test_the_compare_download_has_swedish_row_and_column_names(client, reference_db):
    first = a_pledge(a_program(slug="lund-s"), text="Bygga fler förskolor")
    second = a_pledge(a_program(slug="lund-m"), text="Färre barn i grupperna")
    rows = csv_rows(client.get("/jamfor/export.csv?program=lund-s&program=lund-m"))
    assert list(rows[0])[:4] == [name for name, _ in COMPARE_COLUMNS]
    assert {(r["rad_omrade"], r["rad_omrade_kod"]) for r in rows} == {("Förskola", "forskola")}
    assert {(r["kolumn_kod"], r["id"]) for r in rows} == {
        ("lund-s", str(first.pk)),
        ("lund-m", str(second.pk)),
    }
    data = json.loads(body(client.get("/jamfor/export.json?program=lund-s&program=lund-m")))
    assert data["licens"] == LICENCE and data["columns"][:4] == list(list(rows[0])[:4])


def test_the_open_data_page_describes_every_column(client, reference_db):
    html = client.get("/oppna-data/").content.decode()
    for name, _description in [*EXPORT_COLUMNS, *COMPARE_COLUMNS]:
        assert f"<code>{name}</code>" in html, name


# --- real places without pledges ----------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["kommun=kiruna", "region=region-stockholm", "parti=kd", "omrade=vald"]
)
def test_a_real_choice_without_pledges_is_an_empty_result(client, reference_db, query):
    a_pledge()  # in Lund, by S, on preschool
    page = client.get(f"/loften/?{query}")
    assert page.status_code == 200 and page.context["total"] == 0
    html = page.content.decode()
    assert "Inga löften ännu." in html and "Vi förstod inte" not in html
    api = client.get(f"/api/loften/?{query}")
    assert api.status_code == 200 and api.json()["count"] == 0 and api.json()["results"] == []
    export = client.get(f"/loften/export.csv?{query}")
    assert export.status_code == 200 and csv_rows(export) == []


@pytest.mark.parametrize(
    "query", ["kommun=atlantis", "region=region-mars", "parti=xyz", "omrade=rymden", "typ=x"]
)
def test_an_unknown_value_is_still_a_400_with_a_message(client, reference_db, query):
    api = client.get(f"/api/loften/?{query}")
    name = query.split("=")[0]
    assert api.status_code == 400 and name in api.json()["errors"]
    assert api.json()["error"] == f"Okända filtervärden: {name}."
    export = client.get(f"/loften/export.csv?{query}")
    assert export.status_code == 400 and name in export.content.decode()
    html = client.get(f"/loften/?{query}").content.decode()
    assert f"Vi förstod inte värdet för: {name}" in html and "Inga löften ännu" not in html


def test_a_search_without_hits_still_says_no_match(client, reference_db):
    a_pledge()
    html = client.get("/loften/?q=rymdhiss").content.decode()
    assert "Inga löften matchar din sökning." in html and "Inga löften ännu" not in html


# --- clean addresses ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "clean"),
    [
        ("/loften/?kommun=&parti=&q=v%C3%A5rd", "/loften/?q=v%C3%A5rd"),
        ("/loften/?kommun=&parti=&omrade=&period=&typ=&q=", "/loften/"),
        ("/en/loften/?kommun=lund&parti=", "/en/loften/?kommun=lund"),
        ("/jamfor/?program=a&program=&plats=", "/jamfor/?program=a"),
        ("/jamfor/?plats=&program=a&program=b", "/jamfor/?program=a&program=b"),
    ],
)
def test_empty_parameters_redirect_to_a_clean_address(client, reference_db, url, clean):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == clean


def test_the_api_ignores_empty_parameters(client, reference_db):
    a_pledge()
    response = client.get("/api/loften/?kommun=&parti=&sida=&per_sida=&typ=&q=")
    assert response.status_code == 200 and response.json()["count"] == 1
    assert (
        client.get("/api/kommuner/?sida=&per_sida=2")
        .json()["next"]
        .endswith("/api/kommuner/?per_sida=2&sida=2")
    )
    assert client.get("/loften/export.csv?kommun=&parti=").status_code == 200


def empty_parameters_in_links(html: str) -> list[str]:
    """The links in ``html`` whose query string has a parameter without a value, or a bare
    "?"."""
    bad = []
    for href in re.findall(r'href="([^"]*)"', html):
        url = href.replace("&amp;", "&")
        if url.endswith("?") or any(v == "" for _k, v in parse_qsl(urlsplit(url).query, True)):
            bad.append(href)
    return bad


def test_links_the_site_builds_carry_no_empty_parameters(client, reference_db):
    program = a_program()
    for i in range(30):  # two pages
        a_pledge(program, text=f"Bygga förskola nummer {i}")
    for url in ["/loften/", "/loften/?omrade=forskola", "/loften/?q=bygga&sida=2", "/oppna-data/"]:
        html = client.get(url).content.decode()
        assert empty_parameters_in_links(html) == [], url
    html = client.get("/loften/").content.decode()
    assert 'href="/loften/export.csv"' in html  # no bare "?"


def test_the_remove_a_filter_link_leaves_out_empty_parameters():
    request = RequestFactory().get("/loften/", {"kommun": "", "parti": "m", "q": "", "sida": "2"})
    context = {"request": request}
    assert query_without(context, "parti") == "/loften/"  # not a bare "?"
    assert query_without(context, "kommun") == "?parti=m"


def test_the_language_link_leaves_out_empty_parameters(client, reference_db):
    html = client.get("/partier/s/?sida=&x=1").content.decode()
    assert 'href="/en/partier/s/?x=1" hreflang="en"' in html


# --- the API's page -------------------------------------------------------------------------------


def test_the_api_page_documents_every_endpoint_from_the_schema(client, schema):
    html = client.get("/oppna-data/api/").content.decode()
    for path in ENDPOINTS:
        assert f"<code>GET {path}</code>" in html, path
    for name in ("sida", "per_sida", "kommun", "omrade", "typ", "ordning", "pledge_id"):
        assert f"<code>{name}</code>" in html, name
    assert 'href="/api/schema/"' in html and f'href="{LICENCE_URL}" rel="license"' in html
    assert "sida och per_sida ska vara heltal." in html  # the errors, as the API words them
    assert "&quot;licens&quot;" in html  # the example answer
    assert "cdn" not in html.lower() and "swagger" not in html.lower()
    english = client.get("/en/oppna-data/api/").content.decode()
    assert "Open data API" in english and "Page number, from 1" in english


def test_api_query_budgets(client, reference_db):
    for i in range(3):
        a_pledge(a_program(slug=f"lund-{i}"))

    def queries(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200, url
        return len(ctx)

    budgets = {
        # the data version, a page's pledges with program, party and place, their areas (the
        # selection's count and its first ids are kept)
        "/api/loften/?per_sida=2": 3,
        "/api/loften/?kommun=lund&per_sida=2": 4,  # and the municipality, to validate it
        # the data version, the count, one page of programs with party and place
        "/api/program/?per_sida=2": 3,
        "/api/kommuner/?per_sida=2": 3,  # the data version, the count, one page with counties
    }
    for url in budgets:
        queries(url)  # what is computed once (counts) is kept
    assert {url: queries(url) for url in budgets} == budgets
