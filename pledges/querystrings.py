"""Clean addresses: query strings without empty parameters.

A filter form sends every field, so a search from the list page arrives as
``/loften/?kommun=&parti=&q=vård``. The list and compare pages redirect such an address to the
same one without the empty parameters (``/loften/?q=vård``), and every link the site builds from
a query string leaves them out, so that a shared address says only what was chosen."""

from __future__ import annotations

from django.http import HttpResponseRedirect, QueryDict


def without_empty(params: QueryDict) -> QueryDict:
    """A mutable copy of ``params`` without empty values (and without the names left with
    none), in the same order."""
    kept = QueryDict(mutable=True)
    for key, values in params.lists():
        values = [v for v in values if v != ""]
        if values:
            kept.setlist(key, values)
    return kept


class CleanQueryMixin:
    """A GET with an empty parameter redirects (302) to the address without it."""

    def get(self, request, *args, **kwargs):
        query = request.GET
        if any(v == "" for _key, values in query.lists() for v in values):
            clean = without_empty(query).urlencode()
            return HttpResponseRedirect(request.path + (f"?{clean}" if clean else ""))
        return super().get(request, *args, **kwargs)
