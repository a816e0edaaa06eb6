"""Pledges as records: one flat dict per pledge, the same in the JSON API and the CSV and JSON
downloads, and the response that writes a list of records as CSV or JSON."""

from __future__ import annotations

import csv
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy

# A record's fields in order, each with what it holds (listed on the open-data page).
EXPORT_COLUMNS = [
    ("id", gettext_lazy("Löftets id i Vallöften")),
    ("text", gettext_lazy("Löftet, som webbplatsen visar det")),
    ("quote", gettext_lazy("Källans ord, ordagrant (blanksteg normaliserade)")),
    ("page", gettext_lazy("Sidan i källdokumentet, tom om okänd")),
    ("details", gettext_lazy("Detaljer (stycket under en rubrik)")),
    ("kind", gettext_lazy("list_item, heading, stated eller normative")),
    ("status", gettext_lazy("imported, reviewed eller published")),
    ("party", gettext_lazy("Partiets namn")),
    ("party_abbreviation", gettext_lazy("Partiets förkortning")),
    ("municipality", gettext_lazy("Kommunens namn, tom för ett regionprogram")),
    ("municipality_code", gettext_lazy("SCB:s kommunkod, tom för ett regionprogram")),
    ("region", gettext_lazy("Regionens namn, tom för ett kommunprogram")),
    ("region_code", gettext_lazy("Regionens tvåsiffriga kod, tom för ett kommunprogram")),
    ("period", gettext_lazy("Mandatperiod, t.ex. 2022–2026, tom om okänd")),
    ("primary_area", gettext_lazy("Huvudområdets adressnamn")),
    ("areas", gettext_lazy("Alla områden, åtskilda av |")),
    ("section", gettext_lazy("Avsnittet i programmet")),
    ("program", gettext_lazy("Programmets adressnamn")),
    ("start", gettext_lazy("Teckenposition där källan börjar i programtexten")),
    ("end", gettext_lazy("Teckenposition där källan slutar")),
    ("source_url", gettext_lazy("Programmets källadress")),
    ("retrieved", gettext_lazy("Datum då programmet hämtades")),
    ("url", gettext_lazy("Löftets sida i Vallöften")),
]


def pledge_record(pledge, request) -> dict:
    """One pledge as a record with the EXPORT_COLUMNS fields. Expects a queryset with
    ``for_listing()`` and ``with_areas()``, so that no field costs a query."""
    program = pledge.program
    return {
        "id": pledge.pk,
        "text": pledge.text,
        "quote": pledge.quote,
        "page": pledge.page,
        "details": pledge.details,
        "kind": pledge.kind,
        "status": pledge.status,
        "party": program.party.name,
        "party_abbreviation": program.party.abbreviation,
        "municipality": program.municipality.name if program.municipality else "",
        "municipality_code": program.municipality.code if program.municipality else "",
        "region": program.region.name if program.region else "",
        "region_code": program.region.code if program.region else "",
        "period": program.period or "",
        "primary_area": pledge.primary_area.slug,
        "areas": [a.slug for a in pledge.areas.all()],
        "section": pledge.section,
        "program": program.slug,
        "start": pledge.start,
        "end": pledge.end,
        "source_url": program.source_url,
        "retrieved": program.retrieved.isoformat() if program.retrieved else "",
        "url": request.build_absolute_uri(reverse("pledges:pledge", args=[pledge.pk])),
    }


# A cell starting with one of these is run as a formula by Excel and other spreadsheets
# (CSV injection): it is written with a leading apostrophe, which they show as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A value as a CSV cell a spreadsheet will not run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class _Line:
    """A file-like sink that hands back what the csv writer writes, a row at a time."""

    def write(self, value):
        return value


def export_response(records, fmt: str, filename: str, extra_columns=()):
    """``records`` (any iterable, read once) streamed as a download named ``filename.fmt``,
    a row at a time, so that the whole country takes no more memory than one row; ``fmt`` is
    "csv" or "json" (any other is a 404). ``extra_columns`` come before the EXPORT_COLUMNS."""
    columns = [*extra_columns, *(name for name, _ in EXPORT_COLUMNS)]
    if fmt == "json":
        content_type = "application/json"
        body = _json_rows(records, columns)
    elif fmt == "csv":
        content_type = "text/csv; charset=utf-8"
        body = _csv_rows(records, columns)
    else:
        raise Http404
    response = StreamingHttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _csv_rows(records, columns):
    # UTF-8 with a byte-order mark and semicolons: Excel (Swedish settings) opens it with å, ä
    # and ö intact and the columns split.
    writer = csv.writer(_Line(), delimiter=";")
    yield "\ufeff" + writer.writerow(columns)
    for record in records:
        row = dict(record, areas="|".join(record["areas"]))
        yield writer.writerow([csv_cell(row[c]) for c in columns])


def _json_rows(records, columns):
    yield '{"columns": ' + json.dumps(columns) + ', "results": ['
    for i, record in enumerate(records):
        yield ("," if i else "") + json.dumps(record, ensure_ascii=False, cls=DjangoJSONEncoder)
    yield "]}"
