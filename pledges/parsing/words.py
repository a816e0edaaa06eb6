"""Swedish words: tokens, stems and the overlap measures built on them."""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

import snowballstemmer

WORD_RE = re.compile(r"[0-9A-Za-zÅÄÖåäöÉéÜü]+(?:-[0-9A-Za-zÅÄÖåäöÉéÜü]+)*")

STOPWORDS = frozenset(
    """
    och i att det som en på är av för med till den har de inte om ett han men var jag
    sig från vi så kan man när år säger hon under också efter eller nu sin där vid mot
    ska skall måste behöver bör vill kommer få får blir bli vara varit ha hade detta
    dessa denna deras dess hans hennes vår våra vårt även samt mer mera mest
    alla allt andra annan annat bara både därför då dem ens ju just kanske
    mellan några något många hela hur in ingen inget inom mycket nya ny nytt redan sedan
    sådan sådana sätt själv själva t ex exempel bl a dvs osv utan vilka vilken vilket
    vad varje vissa genom kring utifrån enligt ut upp över alltid aldrig ofta gärna
    """.split()
)

_stemmer = snowballstemmer.stemmer("swedish")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word.lower())


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD_RE.findall(text)]


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry meaning, in order (stop words dropped)."""
    return [stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1]


@lru_cache(maxsize=8192)
def ngram_profile(text: str, n: int = 4) -> Counter[str]:
    """Character n-grams of the meaningful words, with word edges marked (cached: callers
    only read the result).

    Swedish glues words into compounds and inflects them, so "ledsagning" and
    "ledsagarservice", or "våld" and "våldsutsatta", share n-grams though no whole word.
    """
    joined = " " + " ".join(x for x in words(text) if x not in STOPWORDS) + " "
    return Counter(joined[i : i + n] for i in range(len(joined) - n + 1))


def cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    norm = math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
    return dot / norm
