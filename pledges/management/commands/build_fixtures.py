from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pledges.building import build_program, dump_fixture
from pledges.manifest import ManifestError, read_manifest
from pledges.parsing import Lexicon, ProgramTextError


class Command(BaseCommand):
    help = (
        "Tolkar varje program i manifestet till fixturfiler (fixtures/parsed/<program>.json). "
        "Samma indata ger samma bytes. Skriver ingenting om något program inte går att läsa."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--manifest",
            type=Path,
            default=settings.PROGRAMS_DIR / "manifest.csv",
            help="manifestet (standard: fixtures/programs/manifest.csv)",
        )
        parser.add_argument(
            "--out",
            type=Path,
            default=settings.FIXTURES_DIR / "parsed",
            help="mapp för fixturerna (standard: fixtures/parsed)",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="skriv inget; avsluta med fel om fixturerna inte stämmer med texterna",
        )

    def handle(self, *args, manifest: Path, out: Path, check: bool, **options):
        lexicon = Lexicon.from_fixtures(settings.FIXTURES_DIR)
        try:
            entries = read_manifest(manifest, lexicon)
            built = [build_program(entry, lexicon) for entry in entries]
        except (ManifestError, ProgramTextError) as exc:
            raise CommandError(str(exc)) from None

        wanted = {out / f"{b.entry.slug}.json": dump_fixture(b.fixture) for b in built}
        stale = [p for p in sorted(out.glob("*.json")) if p not in wanted] if out.is_dir() else []
        changed = [
            p for p, text in wanted.items() if not p.is_file() or p.read_text("utf-8") != text
        ]

        for b in built:
            for note in b.disagreements:
                self.stderr.write(
                    f"{manifest}:{b.entry.line}: {b.entry.file.name}: {note} (manifestet gäller)"
                )
            counts = {}
            for p in b.parsed.pledges:
                counts[p.kind] = counts.get(p.kind, 0) + 1
            detail = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
            self.stdout.write(f"{b.entry.slug}: {len(b.parsed.pledges)} löften ({detail})")

        if check:
            if changed or stale:
                names = ", ".join(p.name for p in changed + stale)
                raise CommandError(f"fixturerna är inaktuella ({names}); kör make fixtures")
            self.stdout.write(self.style.SUCCESS("Fixturerna stämmer med texterna."))
            return
        out.mkdir(parents=True, exist_ok=True)
        for path in changed:
            tmp = path.with_suffix(".json.tmp")
            tmp.write_text(wanted[path], encoding="utf-8")
            tmp.replace(path)
        for path in stale:
            path.unlink()
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(wanted)} fixturer: {len(changed)} skrivna, "
                f"{len(wanted) - len(changed)} oförändrade, {len(stale)} borttagna."
            )
        )
