"""What the parser knows about the world: parties, municipalities and policy areas.

The lexicon is built from the reference fixtures (the default, so that parsing is the same on
every machine and needs no database) or from any iterable of plain records, e.g. database rows.
Detection only reports what the text states; when it states nothing, the answer is ``None``.
Over 300 lines because place, party and period detection share the records and the word
matching they are built on; splitting them would spread one set of rules over three files.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

# Municipality names that are also ordinary Swedish words or first names. They only count
# when the text makes clear the place is meant ("Mark kommun", "i Vara", "Bergsborna").
AMBIGUOUS_PLACE_NAMES = frozenset(
    "Ale Berg Boden Eda Flen Habo Heby Hjo Kil Kinda Mark Mora Nora Orsa Osby Sala Salem "
    "Vara Ydre Åre".split()
)
# Endings that turn a place name into its people ("västeråsare", "Örebroarna", "huddingebor").
DEMONYM_ENDINGS = ("are", "arna", "aren", "ares", "arnas", "bo", "bor", "borna", "bon", "bons")


@dataclass(frozen=True)
class PartyEntry:
    abbreviation: str
    name: str
    stems: tuple[str, ...]
    local_to: str | None = None  # a local party: the municipality or region code it runs in


@dataclass(frozen=True)
class MunicipalityEntry:
    code: str
    name: str
    kind: str = "municipality"


@dataclass(frozen=True)
class RegionEntry:
    code: str
    name: str  # "Region Skåne", "Västra Götalandsregionen"
    forms: tuple[str, ...]  # the names a text uses for it: "Skåne", "Västra Götaland"
    kind: str = "region"


@dataclass(frozen=True)
class AreaEntry:
    slug: str
    name: str
    stems: tuple[str, ...]
    parent: str | None = None  # a sub-area's top-level topic


@dataclass
class Lexicon:
    parties: list[PartyEntry]
    municipalities: list[MunicipalityEntry]
    areas: list[AreaEntry]
    fallback_area: str = "ovrigt"
    regions: list[RegionEntry] = field(default_factory=list)
    _party_re: re.Pattern | None = field(default=None, repr=False)
    _place_re: re.Pattern | None = field(default=None, repr=False)
    _region_re: re.Pattern | None = field(default=None, repr=False)

    # --- construction ---------------------------------------------------------------------

    @classmethod
    def from_fixtures(cls, directory: Path = FIXTURES) -> Lexicon:
        def load(name):
            with open(directory / name, encoding="utf-8") as fh:
                return [row["fields"] for row in json.load(fh)]

        return cls(
            parties=[
                PartyEntry(
                    p["abbreviation"],
                    p["name"],
                    split_stems(p["name_stems"]),
                    _nk(p.get("municipality")) or _nk(p.get("region")),
                )
                for p in load("parties.json")
            ],
            municipalities=[
                MunicipalityEntry(m["code"], m["name"]) for m in load("municipalities.json")
            ],
            areas=[
                AreaEntry(a["slug"], a["name"], split_stems(a["stems"]), _nk(a.get("parent")))
                for a in load("policy_areas.json")
            ],
            regions=[
                RegionEntry(r["code"], r["name"], tuple(r["name_forms"].split("\n")))
                for r in load("regions.json")
            ],
        )

    def party(self, key: str) -> PartyEntry | None:
        """A party by abbreviation or name (case-insensitive)."""
        key = key.strip().casefold()
        for p in self.parties:
            if key in (p.abbreviation.casefold(), p.name.casefold()):
                return p
        return None

    def municipality(self, key: str) -> MunicipalityEntry | None:
        """A municipality by its four-digit code or its name (case-insensitive)."""
        key = key.strip().casefold()
        for m in self.municipalities:
            if key in (m.code, m.name.casefold()):
                return m
        return None

    def region(self, key: str) -> RegionEntry | None:
        """A region by its two-digit code or its name ("Region Skåne", "Skåne"), also by its
        county's ("Uppsala län", "Stockholms län")."""
        key = key.strip().casefold()
        keys = {key}
        if key.endswith(" län"):
            county = key.removesuffix(" län")
            keys |= {county, county.removesuffix("s")}
        for r in self.regions:
            if keys & {r.code, r.name.casefold(), *(f.casefold() for f in r.forms)}:
                return r
        return None

    def topic_of(self, slug: str) -> str:
        """The top-level topic an area belongs to (itself when it is one)."""
        for a in self.areas:
            if a.slug == slug:
                return a.parent or a.slug
        return slug

    # --- detection ------------------------------------------------------------------------

    @property
    def party_re(self) -> re.Pattern:
        if self._party_re is None:
            stems = sorted({s for p in self.parties for s in p.stems}, key=len, reverse=True)
            self._party_re = re.compile(
                r"(?<![\w-])[\w-]*?(?:" + "|".join(re.escape(s) for s in stems) + r")\w*",
                re.IGNORECASE,
            )
        return self._party_re

    def is_abbreviation(self, word: str) -> bool:
        """A party's abbreviation written as one ("SD", "KD"; not "s" or "m")."""
        return word.isupper() and any(word == p.abbreviation for p in self.parties)

    def party_in_word(self, word: str) -> PartyEntry | None:
        low = word.casefold()
        for p in self.parties:
            if any(s in low for s in p.stems):
                return p
        return None

    def detect_party(self, text: str, place_code: str | None = None) -> PartyEntry | None:
        """The party the text speaks for: the one it names most often. A tie (coalition
        partners listed once each) states no party.

        A party named as the subject of "vill" ("Liberalerna vill", "Västeråsmoderaterna
        arbetar för att") counts three times: that is the party speaking, not one discussed.
        A local party counts only in a text about its own municipality or region
        (``place_code``): "Sjukvårdspartiet" in Västernorrland is not the one in Västra
        Götaland.
        """
        counts: Counter[str] = Counter()
        for m in self.party_re.finditer(text):
            party = self.party_in_word(m.group())
            if party is None or (party.local_to and party.local_to != place_code):
                continue
            weight = 3 if SPEAKS_RE.match(text, m.end()) else 1
            counts[party.abbreviation] += weight
        ranked = counts.most_common(2)
        if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
            return None  # nobody named, or parties only listed side by side: not stated
        return next(p for p in self.parties if p.abbreviation == ranked[0][0])

    @property
    def place_re(self) -> re.Pattern:
        if self._place_re is None:
            names = sorted((m.name for m in self.municipalities), key=len, reverse=True)
            self._place_re = re.compile(
                r"(?<![\wÅÄÖåäö-])(?P<name>"
                + "|".join(re.escape(n) for n in names)
                + r")(?P<rest>[\wÅÄÖåäö]*)",
                re.IGNORECASE,
            )
        return self._place_re

    @property
    def region_re(self) -> re.Pattern:
        if self._region_re is None:
            forms = sorted(
                {f for r in self.regions for f in (r.name, *r.forms)}, key=len, reverse=True
            )
            self._region_re = re.compile(
                r"(?<![\wÅÄÖåäö-])(?P<region>region\s+)?(?P<form>"
                + "|".join(re.escape(f) for f in forms)
                + r")(?:(?P<lan>s?\s+läns?|s?regionen)|s)?(?![\wåäö])",
                re.IGNORECASE,
            )
        return self._region_re

    def _region_mentions(self, text: str) -> tuple[Counter, list[tuple[int, int]]]:
        """Mentions of each region (by code) and the spans they take, which are then no
        longer read as municipalities ("Region Stockholm" is not Stockholm)."""
        by_form: dict[str, RegionEntry] = {}
        for r in self.regions:
            for f in (r.name, *r.forms):
                by_form[f.casefold()] = r
        municipal = {m.name.casefold() for m in self.municipalities}
        counts: Counter[str] = Counter()
        spans = []
        for m in self.region_re.finditer(text):
            form = m.group("form")
            if form[0].islower() and form.casefold() != "vgr":
                continue
            region = by_form[form.casefold()]
            explicit = m.group("region") or m.group("lan") or form == region.name
            if not explicit and form.casefold() in municipal:
                continue  # "Uppsala" alone is the municipality
            counts[region.code] += EXPLICIT_REGION if explicit else 1
            spans.append((m.start(), m.end()))
        return counts, spans

    def detect_place(self, text: str) -> MunicipalityEntry | RegionEntry | None:
        """The municipality or region the text is about, or None where it is not plain.

        A region is meant when it is named ("Region Skåne", "Västra Götalandsregionen",
        "Skåne"), with the words of a region ("regionen", "landstinget"), more often than any
        municipality and than the text speaks of "kommunen": a municipality's
        program that names its region in passing ("lönerna i Skåne") is not the region's, nor is
        one that compares regions (each other region named counts against the first). A
        region's name never counts as the municipality of the same name. A municipality is
        meant when it is named, unless the text names a region outright ("Stockholms läns")
        or twice and never speaks of a municipality: then the city it names is where the region's
        program looks, not what it is about, and the place is left for an editor.
        """
        region_counts, spans = self._region_mentions(text)
        masked = list(text)
        for a, b in spans:
            masked[a:b] = " " * (b - a)
        municipality, m_count = self._municipality_with_count("".join(masked))
        if not region_counts:
            return municipality
        code, named = region_counts.most_common(1)[0]
        # other regions named take from it: a text that compares regions ("Skåne och Halland
        # har vuxit, Blekinge inte") is not one region's program
        others = sum(region_counts.values()) - named
        region_words = len(REGION_WORDS_RE.findall(text))
        municipal_words = len(MUNICIPAL_WORDS_RE.findall(text))
        if named - others + region_words > max(m_count, municipal_words):
            return next(r for r in self.regions if r.code == code)
        if municipal_words == 0 and named >= EXPLICIT_REGION:
            return None
        return municipality

    def detect_municipality(self, text: str) -> MunicipalityEntry | None:
        place = self.detect_place(text)
        return place if isinstance(place, MunicipalityEntry) else None

    def _municipality_with_count(self, text: str) -> tuple[MunicipalityEntry | None, float]:
        """The municipality the text is about: the one it names most often.

        Counts the name ("Örebro", "Huddinges"), its people ("västeråsare", "Örebroarna") and a
        local party named after it ("Västeråsmoderaterna"), and twice the name as the
        municipality ("Tierps kommun", "Västerås stad"), half its people written as a common
        noun ("vårgårdabor"); a name inside another word ("Boråsmodellen") does not count.
        """
        by_name = {m.name.casefold(): m for m in self.municipalities}
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        for m in self.place_re.finditer(text):
            name, rest = m.group("name"), m.group("rest")
            entry = by_name[name.casefold()]
            rest_low = rest.casefold()
            demonym = rest_low in DEMONYM_ENDINGS
            party_compound = bool(rest) and self.party_in_word(rest) is not None
            if rest_low not in ("", "s") and not demonym and not party_compound:
                continue
            if not (demonym or party_compound) and name != entry.name:
                continue  # a bare name must be written as a name: "Örebro", not "örebro"
            if entry.name in AMBIGUOUS_PLACE_NAMES and not (
                demonym
                or party_compound
                or KOMMUN_RE.match(text, m.end("name"))
                or re.search(r"\b(i|till|från)\s$", text[max(0, m.start() - 6) : m.start()])
            ):
                continue
            # "Tierps kommun" names the municipality as plainly as "Region Uppsala" its region;
            # "nya och gamla vårgårdabor" speaks of people, and only once is not enough
            if KOMMUN_RE.match(text, m.end("name")):
                counts[entry.code] += 2
            else:
                counts[entry.code] += 0.5 if demonym and name[0].islower() else 1
            first.setdefault(entry.code, m.start())
        if not counts:
            return None, 0
        best = max(counts, key=lambda c: (counts[c], -first[c]))
        if counts[best] < 1:
            return None, 0
        return next(m for m in self.municipalities if m.code == best), counts[best]


PERIOD_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:-|–|—|till)\s*((?:19|20)?\d\d)(?!\d)")
# "inför valet 2026", "Valmanifest 2022", "Val 2026": the period that election opens.
ELECTION_YEAR_RE = re.compile(
    r"\b(?:val|valet|valår|valåret|valmanifest|valprogram|valplattform|valmaterial)\s*"
    r"((?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)


def detect_period(text: str) -> str | None:
    """The election period the text states, as "2022–2026", else None.

    Read from a span of years ("2022–2026", "2022 - 26"; "mandatperioden 2023–2026" counts the
    first budget year) or from the election it is written for ("inför valet 2026").
    """
    for m in PERIOD_RE.finditer(text):
        start = int(m.group(1))
        end_raw = m.group(2)
        end = int(end_raw) if len(end_raw) == 4 else start // 100 * 100 + int(end_raw)
        if end % 4 == 2 and end - start in (3, 4):
            return format_period(end - 4)
    for m in ELECTION_YEAR_RE.finditer(text):
        year = int(m.group(1))
        if year % 4 == 2:
            return format_period(year)
    return None


def format_period(start: int) -> str:
    return f"{start}–{start + 4}"


# The words of a region's and of a municipality's politics, named without their names.
REGION_WORDS_RE = re.compile(r"\b(regionen|regionens|regionfullmäktige|landsting\w*)\b", re.I)
MUNICIPAL_WORDS_RE = re.compile(r"\b(kommun|kommunens?|kommunfullmäktige|kommunal\w*)\b", re.I)
# The weight of a region named outright ("Region Skåne", "Skåne län", "Västra Götalandsregionen").
EXPLICIT_REGION = 2
# After a party's name: it is the one speaking ("Liberalerna vill").
SPEAKS_RE = re.compile(r"\s+(vill|arbetar|verkar|lovar)\b")
# After a place name: the municipality is meant ("Mark kommun", "Västerås stad").
KOMMUN_RE = re.compile(r"s?\s+(kommun|stad)\b")


def _nk(value):
    """A natural key as fixtures write it (["0180"]) or a plain value, or None."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def split_stems(value: str) -> tuple[str, ...]:
    return tuple(s.strip().casefold() for s in value.splitlines() if s.strip())
