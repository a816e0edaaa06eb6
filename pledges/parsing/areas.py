"""Policy areas for a pledge, from its words, its details and its section heading.

Each area has word stems (editable data). A stem matches inside a word, so compounds and
inflected forms count ("våld" finds "våldsutsatta" and "relationsvåld"; "socialsekreterar" finds
"socialsekreterarna"); a stem written "^unga$" must start and end a word; a stem with a space is
a phrase. What matches no area goes to the fallback area ("Övrigt"), never to a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import AreaEntry

TEXT_WEIGHT = 3
DETAILS_WEIGHT = 1
SECTION_WEIGHT = 2
MAX_AREAS = 3


@lru_cache(maxsize=4096)
def stem_pattern(stem: str) -> re.Pattern:
    word_start = stem.startswith("^")
    word_end = stem.endswith("$")
    core = re.escape(stem.strip("^$")).replace(r"\ ", r"[\s\xa0]+")
    left = r"(?<![\wåäöé])" if word_start else ""
    right = r"(?![\wåäöé])" if word_end else ""
    return re.compile(left + core + right, re.IGNORECASE)


def matched(area: AreaEntry, text: str) -> list[str]:
    """The area's stems that occur in ``text``."""
    if not text:
        return []
    return [s for s in area.stems if stem_pattern(s).search(text)]


def hits(area: AreaEntry, text: str) -> int:
    return len(matched(area, text))


@dataclass
class Classification:
    areas: list[str]  # primary first
    primary: str
    in_text: bool  # the primary area was found in the pledge's own words


def classify(
    areas: list[AreaEntry], fallback: str, text: str, details: str = "", section: str = ""
) -> Classification:
    scored = []
    for order, area in enumerate(areas):
        if area.slug == fallback:
            continue
        found = matched(area, text)
        t = len(found)
        score = TEXT_WEIGHT * t + DETAILS_WEIGHT * hits(area, details)
        score += SECTION_WEIGHT * (hits(area, section) > 0)
        if score:
            # On a tie the more specific word wins: "fältassistent" over "anställ".
            specificity = max((len(s) for s in found), default=0)
            scored.append((score, t, specificity, -order, area.slug))
    if not scored:
        return Classification([fallback], fallback, in_text=False)
    scored.sort(reverse=True)
    top = scored[0][0]
    chosen = [slug for score, t, _, _, slug in scored if t or score >= max(SECTION_WEIGHT, top / 2)]
    chosen = chosen[:MAX_AREAS]
    return Classification(chosen, chosen[0], in_text=scored[0][1] > 0)
