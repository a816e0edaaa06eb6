"""Stage 5, topics: a pledge's topic from its own words first, then its details and section.

Each area has word stems (editable data). A stem matches inside a word, so compounds and
inflected forms count ("våld" finds "våldsutsatta"; "socialsekreterar" finds
"socialsekreterarna"); a stem written "^unga$" must start and end a word; a stem with a space is
a phrase. Where stems of several areas find the same letters, the longest reading wins
("kulturskolan" is culture, not school; "polisstation" is the police, not transport), and one
place counts once per area. A stem at the head of its word (followed only by an inflection)
counts more than one in front of another word in a compound. Areas form a two-level taxonomy:
a sub-area ("Missbruk och beroende") scores for its top-level topic ("Socialtjänst och
försörjningsstöd"). The primary area is always a top-level topic; the sub-areas that matched
are listed after it. A tie is broken by a context the caller gives (the topics of the
neighbouring pledges and of the title), else by the order of the taxonomy. What matches
nothing goes to the fallback ("Övrigt"), never to a guess.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import AreaEntry

TEXT_WEIGHT = 3
MODIFIER_WEIGHT = 2
DETAILS_WEIGHT = 1
SECTION_WEIGHT = 2
MAX_AREAS = 3


NON_WORD_RE = re.compile(r"[^\w]+")


@lru_cache(maxsize=8192)
def words_of(text: str) -> str:
    """The text as its words, lower case, one space apart and around: " våld i nära relationer "."""
    return " " + NON_WORD_RE.sub(" ", text.casefold()).strip() + " "


@lru_cache(maxsize=4096)
def stem_needle(stem: str) -> str:
    """A stem as a substring to look for in ``words_of(text)``: "^" and "$" become the spaces
    around a word ("^unga$" → " unga "), and punctuation inside it a space, as in the text."""
    core = words_of(stem.strip("^$")).strip()
    return (" " if stem.startswith("^") else "") + core + (" " if stem.endswith("$") else "")


@dataclass(frozen=True)
class Match:
    """A stem found in a text: where its letters stand in ``words_of(text)``."""

    start: int
    end: int
    stem: str
    area: int  # index of the area in the taxonomy

    def overlaps(self, other: Match) -> bool:
        return self.start < other.end and other.start < self.end

    def longer(self, other: Match) -> bool:
        return self.end - self.start > other.end - other.start


GRAM = 3  # stems are looked up by the first letters of their needle (``needle_index``)


_built: tuple[list[AreaEntry], tuple] | None = None  # the last areas indexed, and their index


def needle_index(areas: list[AreaEntry]) -> tuple[dict[str, list[tuple]], list[tuple]]:
    """Every area's stems as (position in the taxonomy's list of stems, needle, offset of its
    letters, their length, stem, area index),
    by the needle's first GRAM characters, and those shorter than that: a text is then only
    searched for the stems whose first letters it has, not for all 450. Built once for a
    lexicon's list of areas."""
    global _built
    if _built is not None and _built[0] is areas:
        return _built[1]
    by_gram: dict[str, list[tuple]] = {}
    short: list[tuple] = []
    position = itertools.count()
    for index, area in enumerate(areas):
        for s in area.stems:
            needle = stem_needle(s)
            core = needle.strip()
            if not core:
                continue
            entry = (next(position), needle, needle.index(core[0]), len(core), s, index)
            if len(needle) < GRAM:
                short.append(entry)
            else:
                by_gram.setdefault(needle[:GRAM], []).append(entry)
    _built = (areas, (by_gram, short))
    return by_gram, short


def find_all(areas: list[AreaEntry], text: str) -> list[Match]:
    """Every place where a stem of an area occurs in ``text``, read the longest way: a stem
    overlapping a longer stem of another area does not count ("kulturskola" is not "skola",
    "trygghetsboende" is not "trygghet"), and one place counts once per area (the stems
    "landsbygd" and "landsbygden" find one word)."""
    if not text:
        return []
    haystack = words_of(text)
    by_gram, short = needle_index(areas)
    grams = {haystack[i : i + GRAM] for i in range(len(haystack) - GRAM + 1)}
    candidates = [e for g in grams.intersection(by_gram) for e in by_gram[g]] + short
    candidates.sort()  # in the taxonomy's order, as the areas and their stems are listed
    found: list[Match] = []
    for _position, needle, lead, length, s, index in candidates:
        at = haystack.find(needle)
        while at >= 0:
            found.append(Match(at + lead, at + lead + length, s, index))
            at = haystack.find(needle, at + 1)
    found.sort(key=lambda m: (m.start - m.end, m.start))
    kept: list[Match] = []
    for m in found:
        if any(k.overlaps(m) and (k.area == m.area or k.longer(m)) for k in kept):
            continue
        kept.append(m)
    return kept


# What may follow a word's head: an inflection ("skolorna", "bostäderna", "demokratiska"),
# not another word. Endings of nouns, adjectives and verbs, each also with a genitive "s".
_ENDINGS = (
    "a e n r t an en et na ar er or arna erna orna aren erne ren rna "
    "are ast aste iga igt ig isk iska iskt ad at ade ande ende de te da ta "
    # and the suffixes that make a word of a root, not a compound ("rehabilit-ering")
    "era erar erat erad erade ering eringen eringar ing ingen ingar ning ningen ningar "
    "lig ligt liga het heten ska sk skt"
).split()
INFLECTIONS = frozenset(["", "s", *_ENDINGS, *(e + "s" for e in _ENDINGS)])


# Heads of a compound too general to carry a topic of their own: "förskoleverksamheten",
# "skollokaler", "äldreomsorgspersonalen" are about what stands before them.
GENERIC_HEADS = ("verksamhet", "lokal", "personal", "plats", "frågor", "fråga", "område")
GENERIC_HEAD_RE = re.compile(rf"^[es]?({'|'.join(GENERIC_HEADS)})(en|er|erna|na|ar|arna|et|s)?$")


def at_head(haystack: str, m: Match) -> bool:
    """Whether the stem ends its word but for an inflection ("skolorna") or a generic head
    ("förskoleverksamheten"), rather than stands in front of another word in a compound
    ("Skånetrafiken" is about transport)."""
    rest = haystack[m.end : haystack.find(" ", m.end)]
    return rest in INFLECTIONS or bool(GENERIC_HEAD_RE.match(rest))


# A trailing purpose clause ("…, så att det lönar sig att jobba"), but not the complement of a
# verb of striving ("arbeta för att …", "jobbar vi för att …"), which says what is promised.
PURPOSE_RE = re.compile(r" (för|så|i syfte) att ")
STRIVING = frozenset("arbeta arbetar jobba jobbar verka verkar kämpa kämpar sträva strävar".split())


def purpose_start(haystack: str) -> int:
    """Where a trailing purpose clause starts in ``words_of(text)``, or its length if there is
    none. A purpose clause that opens the text ("För att …, ska …") is not trailing: the text
    goes on to say what."""
    for m in PURPOSE_RE.finditer(haystack, 1):
        if not STRIVING.intersection(haystack[: m.start()].split()[-2:]):
            return m.start()
    return len(haystack)


@dataclass
class Classification:
    areas: list[str]  # primary topic first, then matched sub-areas and other topics
    primary: str
    in_text: bool  # the primary topic was found in the pledge's own words
    tied: tuple[str, ...] = ()  # the topics as strong as the primary (a tie), if any


def classify(
    areas: list[AreaEntry],
    fallback: str,
    text: str,
    details: str = "",
    section: str = "",
    context: tuple[str, ...] = (),
) -> Classification:
    """The topics of a pledge, its primary topic first. ``context`` names the topics the
    pledge's surroundings are about, the likeliest first (``parser.assign_topics``): they only
    break a tie between topics that the pledge's own words, details and section find equally."""
    # Per topic: [score, hits in the text, rank in the context, -order]. A sub-area adds to its
    # topic. On a tie the topic the context names first wins, else the topic listed first in the
    # taxonomy: services (schools, care) come before the broad topics (business, finances,
    # democracy) whose words turn up everywhere.
    topics: dict[str, list] = {}
    subs: list[tuple[int, str, str]] = []
    haystack = words_of(text) if text else ""
    in_text: dict[int, dict[str, int]] = {}
    found = find_all(areas, text)
    # "…, så att det lönar sig att jobba": a trailing purpose clause says why, the words before
    # it what; it counts as details, unless what comes before it names no topic at all.
    purpose = purpose_start(haystack)
    if not any(m.start < purpose for m in found):
        purpose = len(haystack)
    in_purpose: set[tuple[int, str]] = set()
    for m in found:
        if m.start >= purpose:
            in_purpose.add((m.area, m.stem))
            continue
        weight = TEXT_WEIGHT if at_head(haystack, m) else MODIFIER_WEIGHT
        stems = in_text.setdefault(m.area, {})
        stems[m.stem] = max(stems.get(m.stem, 0), weight)
    in_details = Counter(
        m.area for m in {(m.area, m.stem): m for m in find_all(areas, details)}.values()
    )
    in_details.update(area for area, stem in in_purpose if stem not in in_text.get(area, {}))
    in_section = {m.area for m in find_all(areas, section)}
    for order, area in enumerate(areas):
        if area.slug == fallback:
            continue
        t = len(in_text.get(order, {}))
        score = sum(in_text.get(order, {}).values()) + DETAILS_WEIGHT * in_details[order]
        score += SECTION_WEIGHT * (order in in_section)
        if not score:
            continue
        topic = area.parent or area.slug
        entry = topics.setdefault(topic, [0, 0, 0, -order])
        entry[0] += score
        entry[1] += t
        if area.parent:
            subs.append((score, area.slug, topic))
    if not topics:
        return Classification([fallback], fallback, in_text=False)
    for rank, topic in enumerate(context):
        if topic in topics and not topics[topic][2]:
            topics[topic][2] = len(context) - rank
    ranked = sorted(topics.items(), key=lambda kv: kv[1], reverse=True)
    tied = tuple(slug for slug, entry in ranked if entry[:2] == ranked[0][1][:2])
    top_score = ranked[0][1][0]
    primary = ranked[0][0]
    chosen = [primary]
    chosen += [slug for score, slug, topic in sorted(subs, reverse=True) if topic == primary]
    chosen += [
        slug
        for slug, (score, t, *_) in ranked[1:]
        if t or score >= max(SECTION_WEIGHT, top_score / 2)
    ]
    in_text = ranked[0][1][1] > 0
    return Classification(chosen[:MAX_AREAS], primary, in_text, tied if len(tied) > 1 else ())
