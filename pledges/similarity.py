"""Which pledges in different programs say similar things.

Each pledge becomes a TF-IDF vector of Swedish word stems and of adjacent stem pairs
("skydd boend" for "skyddat boende", "skyddade boenden"); its details count half. Two pledges
are similar when they share a policy area and their vectors' cosine reaches SIMILAR_MIN_SCORE.

Only plausible candidates are compared: pledges on one topic (a *block*, about 20,000
pledges at national scale; a program's period is often unknown, so periods are not blocks).
Within a block the cosines are a sparse matrix product (SciPy), a slice of rows at a time, so
the work grows with the blocks, not with the square of the country, in bounded memory; a
changed program recomputes only its blocks. In a large block, features that a twentieth of
its pledges share say little and are left out, which keeps the product sparse.

Measured on the seed programs: every link the brief requires scores >= 0.13; the pairs just
below the threshold are loosely related at best (tests/test_similarity.py).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from scipy import sparse

from .parsing import words as w

SIMILAR_MIN_SCORE = 0.125
MAX_LINKS_PER_PLEDGE = 5
DETAILS_WEIGHT = 0.5
# Features in more than this share of a block (and at least COMMON_MIN_DOCS pledges) are left
# out of it: at national scale "kommun" or "förskol" on the förskola topic.
COMMON_SHARE = 0.05
COMMON_MIN_DOCS = 200
ROWS_AT_A_TIME = 2000


@dataclass(frozen=True)
class Doc:
    id: int
    group: object  # the program: pledges in one group are never linked
    text: str
    details: str
    areas: frozenset


def features(text: str, details: str = "") -> Counter:
    found: Counter = Counter()
    for part, weight in ((text, 1.0), (details, DETAILS_WEIGHT)):
        stems = w.content_stems(part)
        for s in stems:
            found[s] += weight
        for a, b in pairwise(stems):
            found[f"{a} {b}"] += weight
    return found


def similar_pairs(docs: list[Doc]) -> dict[int, list[tuple[int, float]]]:
    """For each doc id, its most similar docs in other groups: [(id, score), ...]. All docs
    are compared with one another: call it once per block."""
    if len(docs) < 2:
        return {}
    counted = [features(d.text, d.details) for d in docs]
    df = Counter(f for c in counted for f in c)
    n = len(docs)
    common = max(COMMON_MIN_DOCS, COMMON_SHARE * n)
    vocabulary = {f: i for i, f in enumerate(f for f, k in df.items() if k < n and k <= common)}
    rows, cols, values = [], [], []
    for row, c in enumerate(counted):
        for f, v in c.items():
            col = vocabulary.get(f)
            if col is not None:
                rows.append(row)
                cols.append(col)
                values.append(v * math.log(n / df[f]))
    matrix = sparse.csr_matrix((values, (rows, cols)), shape=(n, len(vocabulary)))
    norms = np.sqrt(matrix.multiply(matrix).sum(axis=1)).A1
    norms[norms == 0] = 1.0
    matrix = sparse.diags(1.0 / norms) @ matrix
    transposed = matrix.T.tocsc()
    groups = np.array([hash(d.group) for d in docs], dtype=np.int64)
    masks = _area_masks(docs)
    ids = np.array([d.id for d in docs], dtype=np.int64)
    links: dict[int, list[tuple[int, float]]] = {}
    for start in range(0, n, ROWS_AT_A_TIME):  # a slice of the product at a time: bounded memory
        cosines = (matrix[start : start + ROWS_AT_A_TIME] @ transposed).tocoo()
        rows, cols, scores = cosines.row + start, cosines.col, cosines.data
        keep = (
            (scores >= SIMILAR_MIN_SCORE)
            & (groups[rows] != groups[cols])  # never within one program
            & ((masks[rows] & masks[cols]) != 0)  # a shared area
        )
        rows, cols, scores = rows[keep], cols[keep], np.minimum(np.round(scores[keep], 4), 1.0)
        # best first within each row (ties: the lower id), then the first few of each row
        order = np.lexsort((ids[cols], -scores, rows))
        rows, cols, scores = rows[order], cols[order], scores[order]
        first = np.searchsorted(rows, rows, side="left")
        top = (np.arange(len(rows)) - first) < MAX_LINKS_PER_PLEDGE
        for i, j, score in zip(
            rows[top].tolist(), cols[top].tolist(), scores[top].tolist(), strict=True
        ):
            links.setdefault(docs[i].id, []).append((docs[j].id, score))
    return links


def _area_masks(docs: list[Doc]) -> np.ndarray:
    """Each doc's areas as bits (two docs share an area when their masks share a bit). A block
    of one topic has a few dozen areas; past 63 distinct areas, bits are shared, which can only
    let more pairs through the area test, never fewer."""
    bits: dict[object, int] = {}
    masks = np.zeros(len(docs), dtype=np.int64)
    for k, doc in enumerate(docs):
        mask = 0
        for area in doc.areas:
            mask |= 1 << bits.setdefault(area, len(bits) % 63)
        masks[k] = mask
    return masks


# --- stored links (the database side) -----------------------------------------------------


def _specific_areas(pledges) -> dict[int, frozenset]:
    """Each pledge's most specific areas: its sub-areas, and the topics it has no sub-area of
    (two pledges about social services are alike only if they share a sub-area too). One
    query for the whole block."""
    from .models import Pledge

    found: dict[int, list[tuple[int, int | None]]] = {}
    rows = Pledge.areas.through.objects.filter(pledge__in=pledges).values_list(
        "pledge_id", "policyarea_id", "policyarea__parent_id"
    )
    for pledge_id, area_id, parent_id in rows.iterator(chunk_size=10000):
        found.setdefault(pledge_id, []).append((area_id, parent_id))
    out = {}
    for pledge_id, areas in found.items():
        parents = {parent for _, parent in areas}
        out[pledge_id] = frozenset(a for a, _ in areas if a not in parents)
    return out


def refresh_similarities(programs=None) -> int:
    """Recompute the similar-pledge links (derived data) of every pledge in a source, or, given
    ``programs``, of the blocks their pledges are in. Returns how many links it wrote."""
    from django.db import connection
    from django.db.models import Q

    from .freshness import data_changed
    from .models import Pledge, PledgeSimilarity  # the pairing above needs no database

    candidates = Pledge.objects.in_source().exclude(status=Pledge.Status.REJECTED)
    if programs is not None:
        # links from and to the programs' pledges go, wherever their blocks were before
        mine = Pledge.objects.filter(program__in=programs)
        PledgeSimilarity.objects.filter(Q(pledge__in=mine) | Q(other__in=mine)).delete()
        candidates_here = candidates.filter(program__in=programs)
    else:
        PledgeSimilarity.objects.all().delete()
        candidates_here = candidates
    blocks = candidates_here.values_list("primary_area", flat=True).distinct()
    written = 0
    for area in sorted(set(blocks)):
        block = candidates.filter(primary_area=area)
        PledgeSimilarity.objects.filter(Q(pledge__in=block) | Q(other__in=block)).delete()
        areas_of = _specific_areas(block)
        docs = [
            Doc(pk, program_id, text, details, areas_of.get(pk, frozenset()))
            for pk, program_id, text, details in block.values_list(
                "pk", "program_id", "text", "details"
            ).iterator(chunk_size=5000)
        ]
        links = similar_pairs(docs)
        PledgeSimilarity.objects.bulk_create(
            (
                PledgeSimilarity(pledge_id=pid, other_id=oid, score=score)
                for pid, found in links.items()
                for oid, score in found
            ),
            batch_size=5000,
        )
        written += sum(len(found) for found in links.values())
    if programs is None and connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # the planner's row counts, after a bulk rewrite
            cursor.execute("ANALYZE pledges_pledgesimilarity")
    data_changed()  # a bulk change: no signals
    return written
