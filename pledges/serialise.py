"""Pledges as records: the API's (English keys, machine codes) and the downloads' (Swedish
column names, labels with their codes beside them, the source's quote), the data's licence,
and the response that writes a list of records as CSV or JSON."""

from __future__ import annotations

import csv
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, StreamingHttpResponse
from django.utils.translation import gettext_lazy

from .models import Fulfilment, PledgeKind, PledgeStatus

# The data's licence: named on the open-data page, in every API response and the OpenAPI
# description, in the JSON downloads, and in a Link header on the CSV downloads.
LICENCE = {
    "namn": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "erkannande": "Vallöften",
}
LICENCE_LINK = f'<{LICENCE["url"]}>; rel="license"'


def pledge_record(pledge, request) -> dict:
    """One pledge as the API's record (English keys and machine codes; ``pledges.api`` types
    it). Expects a queryset with ``for_listing()`` and ``with_areas()``, so that no field
    costs a query."""
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
        "url": request.build_absolute_uri(pledge.get_absolute_url()),
    }


# A download's columns in order, each with what it holds (listed on the open-data page).
# Swedish names, spelt like the site's query parameters (omrade, not område) so that they are
# easy to type in any tool; a shown label (typ, status, omrade …) has its machine code in the
# column after it (typ_kod …), which stays the same in every language.
EXPORT_COLUMNS = [
    ("id", gettext_lazy("Löftets id i Vallöften")),
    ("lofte", gettext_lazy("Löftet, som webbplatsen visar det")),
    ("citat", gettext_lazy("Källans ord, ordagrant (blanksteg normaliserade)")),
    ("sida", gettext_lazy("Sidan i källdokumentet, tom om okänd")),
    ("detaljer", gettext_lazy("Detaljer (stycket under en rubrik)")),
    ("typ", gettext_lazy("Typen av löfte, t.ex. ”punkt i lista”")),
    ("typ_kod", gettext_lazy("list_item, heading, stated eller normative")),
    ("status", gettext_lazy("Granskningen, t.ex. ”publicerad”")),
    ("status_kod", gettext_lazy("imported, reviewed eller published")),
    ("uppfyllelse", gettext_lazy("Om löftet hållits, t.ex. ”ej bedömt” eller ”hållet”")),
    ("uppfyllelse_kod", gettext_lazy("not_rated, kept, partly eller broken")),
    ("uppfyllelse_belagg", gettext_lazy("Länk som belägger bedömningen, tom om ej bedömt")),
    ("uppfyllelse_datum", gettext_lazy("Datum för bedömningen, tomt om ej bedömt")),
    ("parti", gettext_lazy("Partiets namn")),
    ("parti_kod", gettext_lazy("Partiets förkortning")),
    ("kommun", gettext_lazy("Kommunens namn, tom för ett regionprogram")),
    ("kommun_kod", gettext_lazy("SCB:s kommunkod, tom för ett regionprogram")),
    ("region", gettext_lazy("Regionens namn, tom för ett kommunprogram")),
    ("region_kod", gettext_lazy("Regionens tvåsiffriga kod, tom för ett kommunprogram")),
    ("mandatperiod", gettext_lazy("Mandatperiod, t.ex. 2022–2026, tom om okänd")),
    ("omrade", gettext_lazy("Huvudområdets namn")),
    ("omrade_kod", gettext_lazy("Huvudområdets adressnamn, t.ex. vald")),
    ("omraden", gettext_lazy("Alla områdens namn, åtskilda av | (i JSON en lista)")),
    ("omraden_kod", gettext_lazy("Alla områdens adressnamn, åtskilda av | (i JSON en lista)")),
    ("avsnitt", gettext_lazy("Avsnittet i programmet")),
    ("program", gettext_lazy("Programmets titel")),
    ("program_kod", gettext_lazy("Programmets adressnamn")),
    ("start", gettext_lazy("Teckenposition där källan börjar i programtexten")),
    ("slut", gettext_lazy("Teckenposition där källan slutar")),
    ("kalla", gettext_lazy("Programmets källadress")),
    ("hamtad", gettext_lazy("Datum då programmet hämtades")),
    ("lank", gettext_lazy("Löftets sida i Vallöften")),
]
# A comparison's download has these first: the row and the column each pledge stands in.
COMPARE_COLUMNS = [
    ("rad_omrade", gettext_lazy("Radens område (jämförelsens rader är huvudområden)")),
    ("rad_omrade_kod", gettext_lazy("Radens områdes adressnamn")),
    ("kolumn", gettext_lazy("Kolumnens program (titel)")),
    ("kolumn_kod", gettext_lazy("Kolumnens programs adressnamn")),
]
LIST_COLUMNS = ("omraden", "omraden_kod")  # lists in JSON, joined with | in CSV


class Exporter:
    """Makes download records: one flat dict per pledge with the EXPORT_COLUMNS fields, labels
    in the active language (Swedish but under /en/). The labels are looked up once a
    download, not once a row."""

    def __init__(self, request):
        self.request = request
        self.kinds = {code: str(label) for code, label in PledgeKind.choices}
        self.statuses = {code: str(label) for code, label in PledgeStatus.choices}
        self.fulfilments = {code: str(label) for code, label in Fulfilment.choices}

    def record(self, pledge) -> dict:
        """Expects a queryset with ``for_listing()`` and ``with_areas()``, so that no field
        costs a query."""
        program = pledge.program
        municipality, region = program.municipality, program.region
        areas = list(pledge.areas.all())
        return {
            "id": pledge.pk,
            "lofte": pledge.text,
            "citat": pledge.quote,
            "sida": pledge.page,
            "detaljer": pledge.details,
            "typ": self.kinds.get(pledge.kind, pledge.kind),
            "typ_kod": pledge.kind,
            "status": self.statuses.get(pledge.status, pledge.status),
            "status_kod": pledge.status,
            "uppfyllelse": self.fulfilments.get(pledge.fulfilment, pledge.fulfilment),
            "uppfyllelse_kod": pledge.fulfilment,
            "uppfyllelse_belagg": pledge.fulfilment_evidence,
            "uppfyllelse_datum": (
                pledge.fulfilment_date.isoformat() if pledge.fulfilment_date else ""
            ),
            "parti": program.party.name,
            "parti_kod": program.party.abbreviation,
            "kommun": municipality.name if municipality else "",
            "kommun_kod": municipality.code if municipality else "",
            "region": region.name if region else "",
            "region_kod": region.code if region else "",
            "mandatperiod": program.period or "",
            "omrade": pledge.primary_area.display_name(),
            "omrade_kod": pledge.primary_area.slug,
            "omraden": [a.display_name() for a in areas],
            "omraden_kod": [a.slug for a in areas],
            "avsnitt": pledge.section,
            "program": program.title,
            "program_kod": program.slug,
            "start": pledge.start,
            "slut": pledge.end,
            "kalla": program.source_url,
            "hamtad": program.retrieved.isoformat() if program.retrieved else "",
            "lank": self.request.build_absolute_uri(pledge.get_absolute_url()),
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
    "csv" or "json" (any other is a 404). ``extra_columns`` come before the EXPORT_COLUMNS.
    The JSON names the licence in the file; the CSV stays a plain table, with the licence in a
    ``Link`` header (RFC 8288)."""
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
    response["Link"] = LICENCE_LINK
    return response


def _csv_rows(records, columns):
    # UTF-8 with a byte-order mark and semicolons: Excel (Swedish settings) opens it with å, ä
    # and ö intact and the columns split.
    writer = csv.writer(_Line(), delimiter=";")
    yield "\ufeff" + writer.writerow(columns)
    for record in records:
        row = dict(record, **{name: "|".join(record[name]) for name in LIST_COLUMNS})
        yield writer.writerow([csv_cell(row[c]) for c in columns])


def _json_rows(records, columns):
    yield (
        '{"licens": '
        + json.dumps(LICENCE, ensure_ascii=False)
        + ', "columns": '
        + json.dumps(columns)
        + ', "results": ['
    )
    for i, record in enumerate(records):
        yield ("," if i else "") + json.dumps(record, ensure_ascii=False, cls=DjangoJSONEncoder)
    yield "]}"
