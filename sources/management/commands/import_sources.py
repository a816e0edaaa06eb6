import csv
import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from municipalities.models import Municipality, Region
from parties.models import Party
from pledges.forms import PeriodField
from pledges.locking import ImportBusy, one_import_at_a_time
from pledges.similarity import refresh_similarities
from sources import importing
from sources.importing import Result

COLUMNS = ("source", "party", "place", "period")
RESULTS = [Result.CREATED, Result.UPDATED, Result.UNCHANGED, Result.FAILED]


class RowError(ValueError):
    pass


class Command(BaseCommand):
    help = (
        "Läser in program i mängd från en CSV-fil med kolumnerna source (adress eller sökväg), "
        "party (förkortning eller namn), place (kommun- eller regionkod eller namn), period "
        "(t.ex. 2026–2030; får vara tom) och valfritt title. Varje rad hämtas, läses, tolkas "
        "och laddas som ett utkast för sig: en dålig rad stoppar inte de andra och lämnar "
        "inget halvladdat. Kan köras igen: oförändrade program lämnas som de är."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv", type=Path, help="CSV-fil (UTF-8, komma eller semikolon)")

    def handle(self, *args, csv: Path, **options):
        rows = self._rows(csv)
        counts = dict.fromkeys(RESULTS, 0)
        started = time.monotonic()
        width = len(str(len(rows)))
        changed = []  # programs created or updated: their similar pledges are recomputed
        for number, row in rows:
            outcome, message, program = self._import(row, csv.parent)
            if outcome in (Result.CREATED, Result.UPDATED):
                changed.append(program)
            counts[outcome] += 1
            done = sum(counts.values())
            bar = "#" * (20 * done // len(rows))
            line = (
                f"[{bar:<20}] {done:>{width}}/{len(rows)}  rad {number}: "
                f"{Result(outcome).label:<11} {row.get('source', '')}"
            )
            self.stdout.write(line + (f" – {message}" if message else ""))
        if counts[Result.CREATED] or counts[Result.UPDATED]:
            self.stdout.write("Räknar om liknande löften …")
            try:
                with one_import_at_a_time(self.stdout.write):
                    refresh_similarities(changed)
            except ImportBusy as exc:
                raise CommandError(f"liknande löften räknades inte om: {exc}") from None
        summary = ", ".join(f"{n} {Result(k).label}" for k, n in counts.items() if n)
        self.stdout.write(f"{len(rows)} rader på {time.monotonic() - started:.1f} s: {summary}.")
        if counts[Result.FAILED]:
            failed = counts[Result.FAILED]
            raise CommandError(
                f"{failed} av {len(rows)} rader misslyckades (se ovan); rätta dem och kör "
                "kommandot igen: det som redan lästs in lämnas som det är"
            )

    def _rows(self, path: Path) -> list[tuple[int, dict]]:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise CommandError(f"{path}: filen finns inte") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path}: kan inte läsas som UTF-8 ({exc})") from None
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        reader = csv.DictReader(text.splitlines(), dialect=dialect)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise CommandError(
                f"{path}:1: kolumn saknas: {', '.join(missing)} (behövs: {', '.join(COLUMNS)})"
            )
        rows = [(n, row) for n, row in enumerate(reader, start=2) if any(row.values())]
        if not rows:
            raise CommandError(f"{path}: inga rader att läsa in")
        return rows

    def _import(self, row: dict, base: Path) -> tuple[str, str, object]:
        """(result, message, the program or None)."""
        try:
            fields = self._fields(row)
            location = (row["source"] or "").strip()
            if not location:
                raise RowError("source är tom; ange en adress eller en sökväg")
            if location.startswith(("http://", "https://")):
                source = importing.new_source(url=location, confirmed=True, **fields)
            else:
                path = Path(location) if Path(location).is_absolute() else base / location
                try:
                    data = path.read_bytes()
                except OSError:
                    raise RowError(f"filen {location} finns inte eller kan inte läsas") from None
                source = importing.new_source(data=data, name=path.name, confirmed=True, **fields)
        except RowError as exc:
            return Result.FAILED, str(exc), None
        outcome = importing.run(source, refresh=False)
        # The reason names the source; the progress line already does.
        return outcome.result, outcome.message.removeprefix(f"{location}: "), source.program

    def _fields(self, row: dict) -> dict:
        key = (row.get("party") or "").strip()
        party = Party.objects.filter(Q(abbreviation__iexact=key) | Q(name__iexact=key)).first()
        if party is None:
            raise RowError(f"okänt parti {key!r}; ange partiets förkortning eller namn")
        place = (row.get("place") or "").strip()
        by_code_or_name = Q(code=place) | Q(name__iexact=place)
        municipality = Municipality.objects.filter(by_code_or_name).first()
        region = None if municipality else Region.objects.filter(by_code_or_name).first()
        if municipality is None and region is None:
            raise RowError(f"okänd kommun eller region {place!r}; ange kod eller namn")
        try:
            period_start = PeriodField().clean(row.get("period") or "")
        except ValidationError:
            raise RowError(
                f"mandatperioden {row.get('period')!r} ska skrivas som 2026–2030"
            ) from None
        return {
            "party": party,
            "municipality": municipality,
            "region": region,
            "period_start": period_start,
            "title": (row.get("title") or "").strip()[:300],
        }
