"""Open data: the filtered pledge list and a comparison as CSV or JSON downloads, the
open-data page that describes their columns and the licence (records come from
``pledges.serialise``), and the API's page, read from its OpenAPI description."""

from __future__ import annotations

import json

from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from ..api import (
    API_MAX_PAGE_SIZE,
    API_PAGE_SIZE,
    NO_SUCH_PAGE,
    NO_SUCH_PLEDGE,
    NOT_INTEGERS,
    OUT_OF_RANGE,
    api,
)
from ..comparison import Comparison
from ..filters import MAX_RESULTS, filtered
from ..serialise import COMPARE_COLUMNS, EXPORT_COLUMNS, LICENCE, Exporter, export_response


def pledge_export(request, fmt):
    filterset, qs = filtered(request)
    if filterset.invalid_params():
        return HttpResponseBadRequest(
            _("Okända filtervärden: %(names)s.") % {"names": ", ".join(filterset.invalid_params())},
            content_type="text/plain; charset=utf-8",
        )
    # Read in chunks of 2,000 (each with its areas in one more query) as the rows are sent.
    exporter = Exporter(request)
    records = (exporter.record(p) for p in qs.with_areas().iterator(chunk_size=2000))
    return export_response(records, fmt, "valloften-loften")


def compare_export(request, fmt):
    comparison = Comparison(request, with_areas=True)
    if not comparison.ready:
        return HttpResponseBadRequest(
            " ".join(comparison.messages) or _("Välj minst två program att jämföra."),
            content_type="text/plain; charset=utf-8",
        )
    exporter = Exporter(request)
    records = [
        {
            "rad_omrade": area.display_name(),
            "rad_omrade_kod": area.slug,
            "kolumn": column.title,
            "kolumn_kod": column.slug,
            **exporter.record(pledge),
        }
        for area, column, pledge in comparison.records()
    ]
    return export_response(
        records,
        fmt,
        "valloften-jamforelse",
        extra_columns=[name for name, _description in COMPARE_COLUMNS],
    )


class OpenDataView(TemplateView):
    template_name = "pledges/open_data.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = EXPORT_COLUMNS
        context["compare_columns"] = COMPARE_COLUMNS
        context["licence"] = LICENCE
        return context


class ApiDocsView(TemplateView):
    """The API's documentation, read from the OpenAPI description that django-ninja generates
    from the operations (so the page lists what the API does, not what it once did): every
    address with its parameters and fields, paging, errors, an example and the licence."""

    template_name = "pledges/api_docs.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        schema = api.get_openapi_schema()
        components = schema["components"]["schemas"]
        context["endpoints"] = [
            _endpoint(path, operation["get"], components)
            for path, operation in schema["paths"].items()
        ]
        pledge = components["PledgeOut"]["example"]
        example_request = reverse("api:pledges") + "?kommun=orebro&parti=m&per_sida=1"
        example = {
            "count": 12,
            "next": self.request.build_absolute_uri(example_request + "&sida=2"),
            "previous": None,
            "licens": LICENCE,
            "results": [{name: pledge[name] for name in components["PledgeOut"]["properties"]}],
        }
        context.update(
            crumbs=[(reverse("pledges:open-data"), _("Öppna data")), (None, _("API"))],
            schema_url=reverse("api:openapi-json"),
            info=schema["info"],
            licence=LICENCE,
            example_request=self.request.build_absolute_uri(example_request),
            example_response=json.dumps(example, ensure_ascii=False, indent=2),
            max_page_size=API_MAX_PAGE_SIZE,
            page_size=API_PAGE_SIZE,
            max_results=f"{MAX_RESULTS:,}".replace(",", "\u00a0"),
            errors=[
                ("400", "/api/loften/?sida=abc", _(NOT_INTEGERS)),
                ("400", "/api/loften/?per_sida=1000", _(OUT_OF_RANGE) % {"max": API_MAX_PAGE_SIZE}),
                ("404", "/api/loften/?sida=9999", _(NO_SUCH_PAGE)),
                ("404", "/api/loften/1/", _(NO_SUCH_PLEDGE) % {"id": 1}),
            ],
        )
        return context


RESPONSE_LABELS = {
    "200": gettext_lazy("svaret"),
    "400": gettext_lazy("en parameter förstods inte"),
    "404": gettext_lazy("sidan eller löftet finns inte"),
}
TYPE_NAMES = {
    "string": gettext_lazy("text"),
    "integer": gettext_lazy("heltal"),
    "number": gettext_lazy("tal"),
    "boolean": gettext_lazy("sant/falskt"),
    "object": gettext_lazy("objekt"),
    "null": "null",
}


def _endpoint(path: str, operation: dict, components: dict) -> dict:
    """One operation of the OpenAPI description, as the page shows it (descriptions
    translated: they are the catalogue's Swedish message ids)."""
    parameters = [
        {
            "name": p["name"],
            "in_path": p["in"] == "path",
            "type": _type(p["schema"], components, optional=True),
            "default": p["schema"].get("default"),
            "description": _(p.get("description", "")) if p.get("description") else "",
        }
        for p in operation.get("parameters", [])
    ]
    # (status codes are numbers until the schema is written as JSON)
    responses = {str(code): response for code, response in operation["responses"].items()}
    item = _item_schema(responses["200"], components)
    fields = [
        {
            "name": name,
            "type": _type(prop, components),
            "description": _(prop["description"]) if prop.get("description") else "",
        }
        for name, prop in (item or {}).get("properties", {}).items()
    ]
    return {
        "path": path,
        "summary": _(operation.get("summary", "")),
        "description": _(operation.get("description", "")),
        "parameters": parameters,
        "fields": fields,
        "paged": any(p["name"] == "sida" for p in parameters),
        "responses": [(code, RESPONSE_LABELS.get(code, "")) for code in responses],
    }


def _item_schema(response: dict, components: dict) -> dict | None:
    """The schema of one result: a page's ``results`` item, or the answer itself."""
    schema = response.get("content", {}).get("application/json", {}).get("schema", {})
    schema = _resolve(schema, components)
    results = schema.get("properties", {}).get("results")
    if results:
        return _resolve(results["items"], components)
    return schema if schema.get("properties") else None


def _resolve(schema: dict, components: dict) -> dict:
    if "$ref" in schema:
        return components[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _type(schema: dict, components: dict, optional: bool = False) -> str:
    """A short, readable type: "text", "heltal | null", "list_item | heading | …" (without
    "| null" for an ``optional`` parameter, which is simply left out)."""
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    if "$ref" in schema:
        target = _resolve(schema, components)
        if "enum" in target:
            return _type(target, components)
        return str(TYPE_NAMES["object"])
    if "anyOf" in schema:
        kinds = [s for s in schema["anyOf"] if not (optional and s.get("type") == "null")]
        return " | ".join(_type(s, components) for s in kinds)
    if schema.get("type") == "array":
        return _("lista av %(type)s") % {"type": _type(schema.get("items", {}), components)}
    return str(TYPE_NAMES.get(schema.get("type"), schema.get("type", "")))
