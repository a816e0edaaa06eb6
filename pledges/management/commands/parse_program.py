import json

from django.core.management.base import BaseCommand, CommandError

from pledges.parsing import Lexicon, ProgramTextError, parse_program, read_program


class Command(BaseCommand):
    help = "Tolkar en programtext och visar löftena. Skriver ingenting till databasen."

    def add_arguments(self, parser):
        parser.add_argument("file", help="programtext i UTF-8")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="skriv ut ett JSON-objekt"
        )

    def handle(self, *args, file, as_json=False, **options):
        try:
            text = read_program(file)
        except ProgramTextError as exc:
            raise CommandError(str(exc)) from None
        result = parse_program(text, Lexicon.from_fixtures())
        if as_json:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"Titel:    {result.title or '–'}")
        self.stdout.write(f"Parti:    {result.party or 'anges inte i texten'}")
        self.stdout.write(f"Kommun:   {result.municipality or 'anges inte i texten'}")
        self.stdout.write(f"Period:   {result.period or 'anges inte i texten'}")
        self.stdout.write(f"Löften:   {len(result.pledges)}\n")
        self.stdout.write(
            f"{'#':>3}  {'typ':<10} {'säkerhet':>8}  {'område':<20} {'tecken':<12} text"
        )
        for i, p in enumerate(result.pledges, start=1):
            text = p.text if len(p.text) <= 70 else p.text[:69] + "…"
            self.stdout.write(
                f"{i:>3}  {p.kind:<10} {p.confidence:>8.2f}  {p.primary_area:<20} "
                f"{f'{p.start}–{p.end}':<12} {text}"
            )
