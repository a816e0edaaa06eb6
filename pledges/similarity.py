"""Which pledges in different programs say similar things.

Each pledge becomes a TF-IDF vector of Swedish word stems and of adjacent stem pairs
("skydd boend" for "skyddat boende", "skyddade boenden"); its details count half. Two pledges
are similar when they share a policy area and their vectors' cosine reaches SIMILAR_MIN_SCORE.
An inverted index keeps the work proportional to shared words, not to all pairs.

Measured on the seed programs: every link the brief requires scores >= 0.13; the pairs just
below the threshold are loosely related at best (tests/test_similarity.py).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import pairwise

from .parsing import words as w

SIMILAR_MIN_SCORE = 0.125
MAX_LINKS_PER_PLEDGE = 5
DETAILS_WEIGHT = 0.5


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
    """For each doc id, its most similar docs in other groups: [(id, score), ...]."""
    counted = [features(d.text, d.details) for d in docs]
    df = Counter(f for c in counted for f in c)
    n = len(docs)
    vectors = []
    for c in counted:
        vec = {f: v * math.log(n / df[f]) for f, v in c.items() if df[f] < n}
        norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
        vectors.append({f: x / norm for f, x in vec.items()})
    index: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, vec in enumerate(vectors):
        for f, x in vec.items():
            index[f].append((i, x))
    links: dict[int, list[tuple[int, float]]] = {}
    for i, vec in enumerate(vectors):
        dots: Counter = Counter()
        for f, x in vec.items():
            for j, y in index[f]:
                if j != i:
                    dots[j] += x * y
        found = [
            (docs[j].id, round(min(score, 1.0), 4))
            for j, score in dots.items()
            if score >= SIMILAR_MIN_SCORE
            and docs[j].group != docs[i].group
            and docs[j].areas & docs[i].areas
        ]
        found.sort(key=lambda pair: (-pair[1], pair[0]))
        if found:
            links[docs[i].id] = found[:MAX_LINKS_PER_PLEDGE]
    return links


# --- stored links (the database side) -----------------------------------------------------


def _specific_areas(pledge) -> frozenset:
    """A pledge's most specific areas: its sub-areas, and the topics it has no sub-area of.
    Two pledges about social services are alike only if they share a sub-area too."""
    areas = list(pledge.areas.all())
    parents = {a.parent_id for a in areas}
    return frozenset(a.pk for a in areas if a.pk not in parents)


def refresh_similarities() -> int:
    """Recompute the similar-pledge links for every pledge in a source (derived data)."""
    from .freshness import data_changed
    from .models import Pledge, PledgeSimilarity  # the pairing above needs no database

    pledges = (
        Pledge.objects.in_source()
        .exclude(status=Pledge.Status.REJECTED)
        .prefetch_related("areas")
        .only("pk", "program_id", "text", "details")
    )
    docs = [Doc(p.pk, p.program_id, p.text, p.details, _specific_areas(p)) for p in pledges]
    links = similar_pairs(docs)
    PledgeSimilarity.objects.all().delete()
    PledgeSimilarity.objects.bulk_create(
        PledgeSimilarity(pledge_id=pid, other_id=oid, score=score)
        for pid, found in links.items()
        for oid, score in found
    )
    data_changed()  # a bulk change: no signals
    return sum(len(found) for found in links.values())
