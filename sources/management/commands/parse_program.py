import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pledges.parsing import Lexicon, ProgramTextError, parse_program
from sources.reading import FORMATS, read_document


class Command(BaseCommand):
    help = (
        "Läser ett program (PDF, webbsida, Word eller text; formatet känns igen på innehållet) "
        "och visar löftena med sida. Skriver ingenting till databasen."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="programmet: PDF, HTML, DOCX eller text i UTF-8")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="skriv ut ett JSON-objekt"
        )

    def handle(self, *args, file, as_json=False, **options):
        try:
            data = Path(file).read_bytes()
        except FileNotFoundError:
            raise CommandError(f"{file}: filen finns inte") from None
        except OSError as exc:
            raise CommandError(f"{file}: kan inte läsas ({exc.strerror})") from None
        try:
            document = read_document(data, file)
        except ProgramTextError as exc:
            raise CommandError(str(exc)) from None
        result = parse_program(document.text, Lexicon.from_fixtures())
        if as_json:
            out = {"format": document.format, "pages": document.pages, **result.as_dict()}
            self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"Format:   {FORMATS[document.format]}"
            + (f", {document.pages} sidor" if document.pages else "")
        )
        self.stdout.write(f"Titel:    {result.title or '–'}")
        self.stdout.write(f"Parti:    {result.party or 'anges inte i texten'}")
        self.stdout.write(f"Kommun:   {result.municipality or 'anges inte i texten'}")
        self.stdout.write(f"Period:   {result.period or 'anges inte i texten'}")
        self.stdout.write(f"Löften:   {len(result.pledges)}\n")
        self.stdout.write(
            f"{'#':>3}  {'typ':<10} {'säkerhet':>8}  {'område':<20} {'sida':>4} {'tecken':<12} text"
        )
        for i, p in enumerate(result.pledges, start=1):
            text = p.text if len(p.text) <= 70 else p.text[:69] + "…"
            self.stdout.write(
                f"{i:>3}  {p.kind:<10} {p.confidence:>8.2f}  {p.primary_area:<20} "
                f"{p.page or '':>4} {f'{p.start}–{p.end}':<12} {text}"
            )
