"""Open data: the filtered pledge list and a comparison as CSV or JSON downloads, and the
open-data page that describes their columns (records come from ``pledges.serialise``)."""

from __future__ import annotations

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from ..comparison import Comparison
from ..filters import filtered
from ..serialise import EXPORT_COLUMNS, export_response, pledge_record


def pledge_export(request, fmt):
    filterset, qs = filtered(request)
    if filterset.invalid_params():
        return HttpResponseBadRequest(
            _("Okända filtervärden: %(names)s.") % {"names": ", ".join(filterset.invalid_params())},
            content_type="text/plain; charset=utf-8",
        )
    # Read in chunks of 2,000 (each with its areas in one more query) as the rows are sent.
    records = (pledge_record(p, request) for p in qs.with_areas().iterator(chunk_size=2000))
    return export_response(records, fmt, "valloften-loften")


def compare_export(request, fmt):
    comparison = Comparison(request)
    if not comparison.ready:
        return HttpResponseBadRequest(
            " ".join(comparison.messages) or _("Välj minst två program att jämföra."),
            content_type="text/plain; charset=utf-8",
        )
    records = []
    for area, column, pledge in comparison.records():
        record = pledge_record(pledge, request)
        records.append({"row_area": area.slug, "column": column.slug, **record})
    return export_response(
        records, fmt, "valloften-jamforelse", extra_columns=("row_area", "column")
    )


class OpenDataView(TemplateView):
    template_name = "pledges/open_data.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = EXPORT_COLUMNS
        return context
