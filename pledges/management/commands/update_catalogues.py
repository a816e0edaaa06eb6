import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

SOURCE_LANGUAGE = "sv"  # the message ids are Swedish: its catalogue maps each id to itself
LANGUAGES = ["sv", "en"]
IGNORE = [".venv", ".venv-lock", "staticfiles", "tests"]


def catalogue(root: Path, lang: str) -> polib.POFile:
    return polib.pofile(str(root / lang / "LC_MESSAGES" / "django.po"))


class Command(BaseCommand):
    help = (
        "Hämtar alla översättbara texter till locale/ (sv och en), fyller den svenska "
        "katalogen och kompilerar. Med --check: ändrar inget, men avslutar med fel om en text "
        "saknas i katalogerna eller saknar engelsk översättning."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true")
        parser.add_argument("--extract-only", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args, check: bool, extract_only: bool, **options):
        locale = Path(settings.LOCALE_PATHS[0])
        if extract_only:
            self.extract(locale)
            return
        if not check:
            self.extract(locale)
            self.fill_source(locale)
            problems = self.untranslated(locale)
            call_command("compilemessages", ignore=IGNORE, verbosity=0)
            if problems:
                raise CommandError("saknar engelsk översättning: " + " | ".join(problems))
            self.stdout.write(self.style.SUCCESS("Katalogerna är kompletta och kompilerade."))
            return
        # makemessages always writes to ./locale, so extract in a throw-away copy.
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "project"
            shutil.copytree(
                settings.BASE_DIR,
                copy,
                ignore=shutil.ignore_patterns(*IGNORE, ".git", "*.sqlite3", "__pycache__"),
            )
            subprocess.run(
                [sys.executable, "manage.py", "update_catalogues", "--extract-only"],
                cwd=copy,
                check=True,
            )
            for lang in LANGUAGES:
                wanted = {(e.msgid, e.msgid_plural) for e in catalogue(copy / "locale", lang)}
                have = {(e.msgid, e.msgid_plural) for e in catalogue(locale, lang)}
                if wanted != have:
                    diff = sorted(m for m, _ in wanted ^ have)
                    raise CommandError(
                        f"locale/{lang} stämmer inte med koden ({' | '.join(diff)}); "
                        "kör make messages"
                    )
        problems = self.untranslated(locale)
        if problems:
            raise CommandError("saknar engelsk översättning: " + " | ".join(problems))
        self.stdout.write(self.style.SUCCESS("Katalogerna är kompletta."))

    def extract(self, locale: Path):
        call_command(
            "makemessages",
            locale=LANGUAGES,
            no_location=True,
            no_obsolete=True,
            ignore_patterns=IGNORE,
            verbosity=0,
        )

    def fill_source(self, locale: Path):
        for lang in LANGUAGES:
            po = catalogue(locale, lang)
            po.metadata_is_fuzzy = False
            po.metadata.update({"Language": lang, "Plural-Forms": "nplurals=2; plural=(n != 1);"})
            po.save()
        po = catalogue(locale, SOURCE_LANGUAGE)
        for entry in po:
            if entry.msgid_plural:
                entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
            else:
                entry.msgstr = entry.msgid
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        po.save()

    def untranslated(self, locale: Path) -> list[str]:
        problems = []
        for lang in LANGUAGES:
            for entry in catalogue(locale, lang):
                done = all(entry.msgstr_plural.values()) if entry.msgid_plural else entry.msgstr
                if not done or "fuzzy" in entry.flags:
                    problems.append(f"{lang}: {entry.msgid}")
        return problems
