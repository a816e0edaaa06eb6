"""The manifest of fixtures/programs/: which file is which party's program for which place.

A CSV file, one program per line:

    file,party,municipality,title,period,source_url,retrieved

party is an abbreviation or name; municipality is where the program applies: a municipality
(four-digit code or name) or, for a regional election, a region (two-digit code or name: "12",
"Region Skåne"); period "2022–2026"
(or empty: then the period the text states, if any), retrieved a date (YYYY-MM-DD) or empty.
What the manifest says wins over what the parser detects; a disagreement is reported.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from .parsing import Lexicon

COLUMNS = ["file", "party", "municipality", "title", "period", "source_url", "retrieved"]
PERIOD_RE = re.compile(r"^((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)$")


class ManifestError(ValueError):
    def __init__(self, path: Path | str, line: int | None, message: str):
        self.path, self.line, self.message = str(path), line, message
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")


@dataclass(frozen=True)
class ManifestEntry:
    line: int
    file: Path
    party: str  # abbreviation
    municipality: str | None  # code, for a municipal program
    region: str | None  # code, for a regional program
    title: str
    period_start: int | None
    source_url: str
    retrieved: dt.date | None

    @property
    def slug(self) -> str:
        return self.file.stem


def read_manifest(path: Path, lexicon: Lexicon) -> list[ManifestEntry]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ManifestError(path, None, "manifestet finns inte") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ManifestError(path, line, "ogiltig UTF-8; spara manifestet som UTF-8") from None
    rows = csv.reader(text.splitlines())
    try:
        header = next(rows)
    except StopIteration:
        raise ManifestError(
            path, 1, f"manifestet är tomt; första raden ska vara {','.join(COLUMNS)}"
        ) from None
    if [h.strip() for h in header] != COLUMNS:
        raise ManifestError(path, 1, f"fel rubrikrad; den ska vara {','.join(COLUMNS)}")
    entries: list[ManifestEntry] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(rows, start=2):
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) != len(COLUMNS):
            raise ManifestError(
                path, line, f"{len(row)} fält, väntade {len(COLUMNS)} ({','.join(COLUMNS)})"
            )
        cells = dict(zip(COLUMNS, (c.strip() for c in row), strict=True))
        if cells["file"] in seen:
            raise ManifestError(
                path, line, f"{cells['file']} står redan på rad {seen[cells['file']]}"
            )
        seen[cells["file"]] = line
        entries.append(_entry(path, line, cells, lexicon))
    if not entries:
        raise ManifestError(path, None, "manifestet har inga program")
    return entries


def _entry(path: Path, line: int, cells: dict[str, str], lexicon: Lexicon) -> ManifestEntry:
    def fail(message):
        raise ManifestError(path, line, message)

    name = cells["file"]
    if not name or "/" in name or "\\" in name or name.startswith("."):
        fail(f"ogiltigt filnamn {name!r}; ange en fil i samma mapp som manifestet")
    file = path.parent / name
    if not file.is_file():
        fail(f"filen {name} finns inte i {path.parent}")
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*\.txt", name):
        fail(f"filnamnet {name!r} ska bestå av a–z, 0–9 och bindestreck och sluta på .txt")
    party = lexicon.party(cells["party"]) if cells["party"] else None
    if party is None:
        fail(f"okänt parti {cells['party']!r}; ange en förkortning som M, S eller MP")
    key = cells["municipality"]
    place = (lexicon.municipality(key) or lexicon.region(key)) if key else None
    if place is None:
        fail(
            f"okänd kommun eller region {key!r}; ange kommunkod (t.ex. 1880), regionkod "
            "(t.ex. 12) eller namn"
        )
    period_start = None
    if cells["period"]:
        m = PERIOD_RE.match(cells["period"])
        if not m or int(m.group(2)) - int(m.group(1)) != 4:
            fail(f"ogiltig mandatperiod {cells['period']!r}; skriv t.ex. 2022–2026")
        period_start = int(m.group(1))
    if cells["source_url"]:
        parts = urlparse(cells["source_url"])
        if parts.scheme not in ("http", "https") or not parts.netloc:
            fail(f"ogiltig källadress {cells['source_url']!r}; ange en http(s)-adress")
    retrieved = None
    if cells["retrieved"]:
        try:
            retrieved = dt.date.fromisoformat(cells["retrieved"])
        except ValueError:
            fail(f"ogiltigt datum {cells['retrieved']!r}; skriv ÅÅÅÅ-MM-DD")
    return ManifestEntry(
        line=line,
        file=file,
        party=party.abbreviation,
        municipality=place.code if place.kind == "municipality" else None,
        region=place.code if place.kind == "region" else None,
        title=cells["title"],
        period_start=period_start,
        source_url=cells["source_url"],
        retrieved=retrieved,
    )
