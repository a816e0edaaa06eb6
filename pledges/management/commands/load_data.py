from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from pledges.loading import FixtureError, LoadReport, Tally, load_program_fixture
from pledges.locking import ImportBusy, one_import_at_a_time
from pledges.ranking import refresh_ranks
from pledges.reference import load_reference
from pledges.similarity import refresh_similarities

# What makes a program's similar pledges worth recomputing.
CHANGES = (
    Tally.PROGRAMS_CREATED,
    Tally.PLEDGES_CREATED,
    Tally.PLEDGES_CHANGED,
    Tally.PLEDGES_GONE,
    Tally.PLEDGES_BACK,
    Tally.CONFLICTS,
)


class Command(BaseCommand):
    help = (
        "Laddar referensdata (län, kommuner, partier, politikområden) och programmens fixturer. "
        "Kan köras om och om igen: redaktörernas ändringar skrivs aldrig över, löften som "
        "försvunnit ur källan markeras i stället för att raderas. Allt eller inget."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "fixtures",
            nargs="*",
            type=Path,
            help="programfixturer att ladda (standard: alla i fixtures/parsed/)",
        )
        parser.add_argument("--dry-run", action="store_true", help="visa vad som skulle hända")

    def handle(self, *args, fixtures: list[Path], dry_run: bool, **options):
        paths = fixtures or sorted((settings.FIXTURES_DIR / "parsed").glob("*.json"))
        if not paths:
            raise CommandError("inga programfixturer i fixtures/parsed/; kör make fixtures")
        report = LoadReport()
        try:
            with one_import_at_a_time(self.stderr.write):
                load_reference(settings.FIXTURES_DIR, report)
                refresh_ranks()  # a renamed place or a reordered party moves its programs
                changed = []  # similar pledges are recomputed for these programs' topics only
                for path in paths:
                    before = {t: report.counts[str(t)] for t in CHANGES}
                    program = load_program_fixture(path, report)
                    if any(report.counts[str(t)] != n for t, n in before.items()):
                        changed.append(program)
                if changed:
                    report.add(Tally.SIMILAR_LINKS, refresh_similarities(changed))
                if dry_run:
                    transaction.set_rollback(True)
        except FixtureError as exc:
            raise CommandError(f"{exc} (databasen är oförändrad)") from None
        except ImportBusy as exc:
            raise CommandError(str(exc)) from None
        for note in report.notes:
            self.stderr.write(note)
        prefix = "Torrkörning, inget sparat. " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(prefix + report.summary()))
