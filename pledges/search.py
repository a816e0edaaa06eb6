"""Swedish full-text search over pledges.

PostgreSQL: the 'swedish' text-search configuration with prefix matching, so that "våld" finds
"våldsutsatta" and "socialsekreterarna" finds "socialsekreterare"; ranked with ts_rank. Each
pledge's document is a stored, GIN-indexed column that PostgreSQL keeps up to date
(``search_vector``, migration 0014), so a search reads it rather than building it per match.
SQLite: the same Snowball Swedish stems matched at the start of words, which gives the same
results on the project's data.
Snippets are highlighted in Python for both, so the markup is the same everywhere.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Expression, F, FloatField, Q, QuerySet, Value
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .parsing import words as w

MAX_TERMS = 8


def terms(query: str) -> list[str]:
    """The stems a query searches for (stop words dropped, at most MAX_TERMS)."""
    found = []
    for word in w.words(query):
        if word in w.STOPWORDS and len(w.words(query)) > 1:
            continue
        s = w.stem(word)
        if len(s) >= 2 and s not in found:
            found.append(s)
    return found[:MAX_TERMS]


class StoredDocument(Expression):
    """A pledge's stored search document (PostgreSQL), named through the alias its table has in
    the query being compiled, so that it also holds inside a subquery."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{alias}.search_vector", []


def _tsquery(stems: list[str]) -> SearchQuery:
    return SearchQuery(
        " & ".join(f"{re.sub(r'[^0-9a-zåäöéü-]', '', s)}:*" for s in stems),
        search_type="raw",
        config="swedish",
    )


def condition(query: str) -> Q | None:
    """What a pledge matching every term of ``query`` satisfies (PostgreSQL: through the GIN
    index), or None when the query has no term to search for."""
    stems = terms(query)
    if not stems:
        return None
    if connection.vendor == "postgresql":
        return Q(search_document=_tsquery(stems))
    found = Q()
    for s in stems:
        pattern = r"(^|[^0-9a-zåäöéü])" + re.escape(s)
        found &= Q(text__iregex=pattern) | Q(details__iregex=pattern)
    return found


def matching(queryset: QuerySet, query: str) -> QuerySet:
    """Pledges matching every term of ``query``, in the queryset's order."""
    found = condition(query)
    if found is None:
        return queryset.none()
    if connection.vendor == "postgresql":
        queryset = queryset.annotate(search_document=StoredDocument())
    return queryset.filter(found)


def apply(queryset: QuerySet, query: str) -> QuerySet:
    """Pledges matching every term of ``query``, best first (rank annotated as ``rank``)."""
    found = matching(queryset, query)
    if connection.vendor == "postgresql" and condition(query) is not None:
        tsquery = _tsquery(terms(query))
        return found.annotate(rank=SearchRank(F("search_document"), tsquery)).order_by(
            "-rank", "pk"
        )
    return found.annotate(rank=Value(1.0, output_field=FloatField()))


def highlight(text: str, query: str) -> SafeString:
    """``text`` escaped, with words that start with a query stem wrapped in <mark>."""
    stems = terms(query) if query else []
    if not stems:
        return escape(text)
    pattern = re.compile(
        r"(?<![\wåäöé])(" + "|".join(re.escape(s) for s in stems) + r")[\wåäöé-]*",
        re.IGNORECASE,
    )
    out, pos = [], 0
    for m in pattern.finditer(text):
        out.append(escape(text[pos : m.start()]))
        out.append(f"<mark>{escape(m.group())}</mark>")
        pos = m.end()
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))
