"""Which pledges in different programs say similar things.

Each pledge becomes a TF-IDF vector of Swedish word stems and of adjacent stem pairs
("skydd boend" for "skyddat boende", "skyddade boenden"); its details count half. Two pledges
are similar when they share a policy area and their vectors' cosine reaches SIMILAR_MIN_SCORE.

Only plausible candidates are compared: pledges on one topic (a *block*, about 20,000
pledges at national scale; a program's period is often unknown, so periods are not blocks).
Within a block the cosines are a sparse matrix product (SciPy), a slice of rows at a time, so
the work grows with the blocks, not with the square of the country, in bounded memory. In a
large block, features that a twentieth of its pledges share say little and are left out, which
keeps the product sparse.

A block's vectors are stored (``SimilarityBlock``), so that a changed program costs seconds,
not a pass over the country: its pledges' rows are made again, and only the links its change
can move are computed (``_refresh_programs``). A full run (``refresh_similarities()``) builds
every block afresh.

Measured on the seed programs: every link the brief requires scores >= 0.13; the pairs just
below the threshold are loosely related at best (tests/test_similarity.py).
"""

from __future__ import annotations

import io
import math
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
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


class Block:
    """One block's pledges as unit TF-IDF vectors (a row each), with what the vectors are made
    with (the vocabulary and its weights, the areas' bits), so that rows can be dropped and
    added and the whole stored."""

    def __init__(self, ids, groups, masks, matrix, vocabulary, idf, bits):
        self.ids, self.groups, self.masks = ids, groups, masks
        self.matrix = matrix
        self.vocabulary: dict[str, int] = vocabulary
        self.idf: np.ndarray = idf
        self.bits: dict[int, int] = bits  # area -> bit in the masks

    @classmethod
    def build(cls, docs: list[Doc]) -> Block:
        """The block of ``docs``, its word weights taken from them."""
        counted = [features(d.text, d.details) for d in docs]
        df = Counter(f for c in counted for f in c)
        n = len(docs)
        common = max(COMMON_MIN_DOCS, COMMON_SHARE * n)
        kept = [f for f, k in df.items() if k < n and k <= common]
        block = cls(
            *_empty(len(kept)),
            vocabulary={f: i for i, f in enumerate(kept)},
            idf=np.array([math.log(n / df[f]) for f in kept], dtype=np.float64),
            bits={},
        )
        block.add(docs, counted)
        return block

    def add(self, docs: list[Doc], counted: list[Counter] | None = None) -> None:
        """Rows for ``docs``, with this block's word weights (a word it does not know yet
        counts for nothing until a full run)."""
        counted = counted or [features(d.text, d.details) for d in docs]
        rows, cols, values = [], [], []
        for row, c in enumerate(counted):
            for f, v in c.items():
                col = self.vocabulary.get(f)
                if col is not None:
                    rows.append(row)
                    cols.append(col)
                    values.append(v)
        shape = (len(docs), len(self.vocabulary))
        matrix = sparse.csr_matrix((values, (rows, cols)), shape=shape, dtype=np.float64)
        matrix = matrix @ sparse.diags(self.idf)
        norms = np.sqrt(matrix.multiply(matrix).sum(axis=1)).A1
        norms[norms == 0] = 1.0
        matrix = sparse.diags(1.0 / norms) @ matrix
        self.matrix = sparse.vstack([self.matrix, matrix], format="csr")
        self.ids = np.concatenate([self.ids, np.array([d.id for d in docs], dtype=np.int64)])
        groups = np.array([hash(d.group) for d in docs], dtype=np.int64)
        self.groups = np.concatenate([self.groups, groups])
        self.masks = np.concatenate([self.masks, _area_masks(docs, self.bits)])
        self.__dict__.pop("transposed", None)

    def drop(self, ids) -> None:
        """Without the rows of ``ids``."""
        keep = ~np.isin(self.ids, np.fromiter(ids, dtype=np.int64))
        self.ids, self.groups, self.masks = self.ids[keep], self.groups[keep], self.masks[keep]
        self.matrix = self.matrix[keep]
        self.__dict__.pop("transposed", None)

    def __len__(self) -> int:
        return len(self.ids)

    def index(self, ids) -> np.ndarray:
        """The rows of ``ids`` that the block holds."""
        return np.flatnonzero(np.isin(self.ids, np.fromiter(ids, dtype=np.int64)))

    @cached_property
    def transposed(self):
        return self.matrix.T.tocsc()

    def _pairs(self, rows: np.ndarray):
        """(row, column, score) of every similar pair among ``rows`` × the block, a slice of
        the product at a time (bounded memory). Most of a slice's products are below the
        threshold: they are dropped first, before anything else is looked up for them."""
        for start in range(0, len(rows), ROWS_AT_A_TIME):
            chunk = rows[start : start + ROWS_AT_A_TIME]
            cosines = self.matrix[chunk] @ self.transposed  # CSR: a slice row's products
            hits = np.flatnonzero(cosines.data >= SIMILAR_MIN_SCORE)
            r = chunk[np.searchsorted(cosines.indptr, hits, side="right") - 1]
            c, scores = cosines.indices[hits], cosines.data[hits]
            keep = (self.groups[r] != self.groups[c]) & (  # never within one program
                (self.masks[r] & self.masks[c]) != 0  # a shared area
            )
            yield r[keep], c[keep], np.minimum(np.round(scores[keep], 4), 1.0)

    def links(self, rows: np.ndarray | None = None) -> dict[int, list[tuple[int, float]]]:
        """For each doc of ``rows`` (indexes; all when None), its most similar docs in other
        groups: {id: [(id, score), ...]}."""
        rows = np.arange(len(self)) if rows is None else rows
        ids = self.ids
        by_id = np.empty(len(ids), dtype=np.int64)  # a row's place in id order: ties' order
        by_id[np.argsort(ids, kind="stable")] = np.arange(len(ids))
        width = max(1, len(ids).bit_length())  # bits for a row; 14 for 1 - score: int64 fits
        found: dict[int, list[tuple[int, float]]] = {}
        for r, c, scores in self._pairs(rows):
            # best first within each row (ties: the lower id), then the first few of each row:
            # one sort of a key (row, 1 - score in 4 decimals, other's place in id order)
            distance = np.rint((1.0 - scores) * 10_000).astype(np.int64)
            key = (r << (width + 14)) | (distance << width) | by_id[c]
            order = np.argsort(key)
            r, c, scores = r[order], c[order], scores[order]
            starts = np.flatnonzero(np.r_[True, r[1:] != r[:-1]])
            rank = np.arange(len(r)) - np.repeat(starts, np.diff(np.r_[starts, len(r)]))
            top = rank < MAX_LINKS_PER_PLEDGE
            for i, j, score in zip(
                ids[r[top]].tolist(), ids[c[top]].tolist(), scores[top].tolist(), strict=True
            ):
                found.setdefault(i, []).append((j, score))
        return found

    def offers(self, rows: np.ndarray) -> dict[int, list[tuple[int, float]]]:
        """For every doc similar to one of ``rows``: those of ``rows`` it is similar to, as
        links it may now take {id: [(id of the row's doc, score)]} (the cosine is symmetric)."""
        ids = self.ids
        found: dict[int, list[tuple[int, float]]] = {}
        for r, c, scores in self._pairs(rows):
            for i, j, score in zip(ids[c].tolist(), ids[r].tolist(), scores.tolist(), strict=True):
                found.setdefault(i, []).append((j, score))
        return found

    def dumps(self) -> bytes:
        out = io.BytesIO()
        np.savez(
            out,
            ids=self.ids,
            groups=self.groups,
            masks=self.masks,
            data=self.matrix.data,
            indices=self.matrix.indices,
            indptr=self.matrix.indptr,
            shape=np.array(self.matrix.shape, dtype=np.int64),
            vocabulary=np.frombuffer("\n".join(self.vocabulary).encode(), dtype=np.uint8),
            idf=self.idf,
            bits=np.array(list(self.bits.items()), dtype=np.int64).reshape(-1, 2),
        )
        return out.getvalue()

    @classmethod
    def loads(cls, data: bytes) -> Block:
        stored = np.load(io.BytesIO(data), allow_pickle=False)
        words = bytes(stored["vocabulary"]).decode()
        matrix = sparse.csr_matrix(
            (stored["data"], stored["indices"], stored["indptr"]), shape=tuple(stored["shape"])
        )
        return cls(
            stored["ids"],
            stored["groups"],
            stored["masks"],
            matrix,
            vocabulary={f: i for i, f in enumerate(words.split("\n"))} if words else {},
            idf=stored["idf"],
            bits={int(a): int(b) for a, b in stored["bits"]},
        )


def _empty(width: int):
    """No rows yet: ids, groups, masks and a matrix ``width`` features wide."""
    none = np.array([], dtype=np.int64)
    return none, none.copy(), none.copy(), sparse.csr_matrix((0, width), dtype=np.float64)


def best(links: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """The MAX_LINKS_PER_PLEDGE best links, best first (ties: the lower id), as ``links`` keeps
    them."""
    return sorted(links, key=lambda link: (-link[1], link[0]))[:MAX_LINKS_PER_PLEDGE]


def similar_pairs(docs: list[Doc]) -> dict[int, list[tuple[int, float]]]:
    """For each doc id, its most similar docs in other groups: [(id, score), ...]. All docs
    are compared with one another: call it once per block."""
    if len(docs) < 2:
        return {}
    return Block.build(docs).links()


def _area_masks(docs: list[Doc], bits: dict) -> np.ndarray:
    """Each doc's areas as bits (two docs share an area when their masks share a bit), new
    areas given the next bit in ``bits``. A block of one topic has a few dozen areas; past 63
    distinct areas, bits are shared, which can only let more pairs through the area test, never
    fewer."""
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
    """Recompute the similar-pledge links (derived data) of every pledge in a source, and store
    every block; or, given ``programs`` (an import's changed programs), only the links that
    their change can move. Returns how many links it wrote."""
    from django.db import connection

    from .freshness import data_changed
    from .models import PledgeSimilarity, SimilarityBlock

    if programs is None:
        PledgeSimilarity.objects.all().delete()
        SimilarityBlock.objects.all().delete()
        written = 0
        for area in _areas(_candidates()):
            block = Block.build(_block_docs(_candidates().filter(primary_area=area)))
            written += _write(block.links() if len(block) > 1 else {})
            _store(area, block)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # the planner's row counts, after a rewrite
                cursor.execute("ANALYZE pledges_pledgesimilarity")
    else:
        written = _refresh_programs(programs)
    data_changed()  # a bulk change: no signals
    return written


def _refresh_programs(programs) -> int:
    """After some programs changed: their pledges' rows are made again in their blocks, and the
    links their change can move are computed against the whole block; every other link stays.
    A pledge that linked to one of theirs is computed again in full; one that is similar to one
    of theirs now takes it among its links where it ranks. Pledges an editor changed since the
    block was stored are made again the same way. The other rows keep the word weights of the
    block's last full computation (a changed program moves them a little); a full run
    (``refresh_similarities()``) evens them out."""
    from django.db.models import Q

    from .models import Pledge, PledgeSimilarity

    mine = Pledge.objects.filter(program__in=programs)
    mine_ids = set(mine.values_list("pk", flat=True))
    touched = PledgeSimilarity.objects.filter(Q(pledge__in=mine) | Q(other__in=mine))
    lost = set(touched.values_list("pledge_id", flat=True)) - mine_ids  # linked to theirs
    touched.delete()
    candidates = _candidates()
    written = 0
    for area in _areas(candidates.filter(Q(pk__in=lost) | Q(program__in=programs))):
        block, own = _current_block(area, mine_ids)
        if len(block) < 2:
            _store(area, block)
            continue
        again = np.union1d(own, block.index(lost))
        found = block.links(again)
        redo = set(block.ids[again].tolist())
        whole = len(redo) == len(block)  # a first import: every row is computed anyway
        offers = {} if whole else block.offers(own)
        offers = {pk: links for pk, links in offers.items() if pk not in redo}
        kept: dict[int, list[tuple[int, float]]] = {}
        for pid, oid, score in PledgeSimilarity.objects.filter(pledge__in=list(offers)).values_list(
            "pledge_id", "other_id", "score"
        ):
            kept.setdefault(pid, []).append((oid, score))
        for pk, links in offers.items():
            now = best(kept.get(pk, []) + links)
            if now != best(kept.get(pk, [])):
                found[pk] = now
        PledgeSimilarity.objects.filter(pledge__in=list(found)).delete()
        written += _write(found)
        _store(area, block)
    return written


def _current_block(area: int, mine_ids: set[int]) -> tuple[Block, np.ndarray]:
    """The area's stored block brought up to date (built whole when none is stored): rows of
    pledges that left it go, and rows are made again for ``mine_ids``, for pledges changed
    since it was stored and for pledges it lacks. Returns it, and the indexes of the rows made
    again."""
    from .models import SimilarityBlock

    here = _candidates().filter(primary_area=area)
    stored = SimilarityBlock.objects.filter(area=area).first()
    if stored is None:
        block = Block.build(_block_docs(here))
        return block, block.index(mine_ids)
    block = Block.loads(bytes(stored.vectors))
    current = set(here.values_list("pk", flat=True))
    changed = set(here.filter(updated_at__gte=stored.saved_at).values_list("pk", flat=True))
    held = set(block.ids.tolist())
    redo = (mine_ids & current) | changed | (current - held)
    block.drop((held - current) | redo)
    before = len(block)
    block.add(_block_docs(here.filter(pk__in=redo)))
    return block, np.arange(before, len(block))


def _store(area: int, block: Block) -> None:
    from django.utils import timezone

    from .models import SimilarityBlock

    SimilarityBlock.objects.update_or_create(
        area_id=area, defaults={"vectors": block.dumps(), "saved_at": timezone.now()}
    )


def _candidates():
    """The pledges that may be linked: in their source and not rejected."""
    from .models import Pledge

    return Pledge.objects.in_source().exclude(status=Pledge.Status.REJECTED)


def _areas(pledges) -> list[int]:
    return sorted(set(pledges.values_list("primary_area", flat=True).distinct()))


def _block_docs(pledges) -> list[Doc]:
    """The pledges as docs, with their most specific areas."""
    areas_of = _specific_areas(pledges)
    return [
        Doc(pk, program_id, text, details, areas_of.get(pk, frozenset()))
        for pk, program_id, text, details in pledges.values_list(
            "pk", "program_id", "text", "details"
        ).iterator(chunk_size=5000)
    ]


def _write(links: dict) -> int:
    """Store ``links``; how many were written. On PostgreSQL through COPY (a whole country's
    two million links in seconds, not a model object and a quoted value each)."""
    from django.db import connection

    from .models import PledgeSimilarity

    rows = ((pid, oid, score) for pid, found in links.items() for oid, score in found)
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(PledgeSimilarity._meta.db_table)
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} (pledge_id, other_id, score) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
    else:
        PledgeSimilarity.objects.bulk_create(
            (
                PledgeSimilarity(pledge_id=pid, other_id=oid, score=score)
                for pid, oid, score in rows
            ),
            batch_size=5000,
        )
    return sum(len(found) for found in links.values())
