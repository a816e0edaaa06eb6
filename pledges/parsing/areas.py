"""Stage 5, topics: a pledge's topic from its own words first, then its details and section.

Each area has word stems (editable data). A stem matches inside a word, so compounds and
inflected forms count ("våld" finds "våldsutsatta"; "socialsekreterar" finds
"socialsekreterarna"); a stem written "^unga$" must start and end a word; a stem with a space is
a phrase. Areas form a two-level taxonomy: a sub-area ("Missbruk och beroende") scores for its
top-level topic ("Socialtjänst och försörjningsstöd"). The primary area is always a top-level
topic; the sub-areas that matched are listed after it. What matches nothing goes to the
fallback ("Övrigt"), never to a guess.
"""

from __future__ import annotations

import re
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


def matched(area: AreaEntry, text: str) -> list[str]:
    """The area's stems that occur in ``text`` (substring tests: fast on long programs)."""
    if not text:
        return []
    haystack = words_of(text)
    return [s for s in area.stems if stem_needle(s) in haystack]


# What may follow a word's head: an inflection ("skolorna", "bostäderna"), not another word.
MAX_INFLECTION = 4


def text_weight(stems: list[str], text: str) -> int:
    """The weight of stems found in a pledge's own words. A stem at the head of its word counts
    more than one in front of another word in a compound: Swedish puts the head last, so
    "landsbygdsskolorna" is about schools and "Skånetrafiken" about transport."""
    haystack = words_of(text)
    total = 0
    for s in stems:
        at = haystack.find(stem_needle(s))
        end = at + len(stem_needle(s).rstrip())
        rest = haystack.find(" ", end) - end
        total += TEXT_WEIGHT if rest <= MAX_INFLECTION else MODIFIER_WEIGHT
    return total


def hits(area: AreaEntry, text: str) -> int:
    return len(matched(area, text))


@dataclass
class Classification:
    areas: list[str]  # primary topic first, then matched sub-areas and other topics
    primary: str
    in_text: bool  # the primary topic was found in the pledge's own words


def classify(
    areas: list[AreaEntry], fallback: str, text: str, details: str = "", section: str = ""
) -> Classification:
    # Per topic: [score, hits in the text, -order]. A sub-area adds to its topic. On a tie the
    # topic listed first in the taxonomy wins: services (schools, care) come before the broad
    # topics (business, finances, democracy) whose words turn up everywhere.
    topics: dict[str, list] = {}
    subs: list[tuple[int, str, str]] = []
    for order, area in enumerate(areas):
        if area.slug == fallback:
            continue
        found = matched(area, text)
        t = len(found)
        score = text_weight(found, text) + DETAILS_WEIGHT * hits(area, details)
        score += SECTION_WEIGHT * (hits(area, section) > 0)
        if not score:
            continue
        topic = area.parent or area.slug
        entry = topics.setdefault(topic, [0, 0, -order])
        entry[0] += score
        entry[1] += t
        if area.parent:
            subs.append((score, area.slug, topic))
    if not topics:
        return Classification([fallback], fallback, in_text=False)
    ranked = sorted(topics.items(), key=lambda kv: kv[1], reverse=True)
    top_score = ranked[0][1][0]
    primary = ranked[0][0]
    chosen = [primary]
    chosen += [slug for score, slug, topic in sorted(subs, reverse=True) if topic == primary]
    chosen += [
        slug
        for slug, (score, t, _) in ranked[1:]
        if t or score >= max(SECTION_WEIGHT, top_score / 2)
    ]
    return Classification(chosen[:MAX_AREAS], primary, in_text=ranked[0][1][1] > 0)
