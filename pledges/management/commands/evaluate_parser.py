import json
import statistics
import time
import tracemalloc
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pledges.parsing import Lexicon, parse_program, read_program, words


class Command(BaseCommand):
    help = (
        "Mäter tolkaren mot en handannotering (standard: tests/data/seed_pledges.json): "
        "hittade kärnlöften med exakta positioner, rätt huvudområde, extra fynd, tid och minne."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--annotation",
            type=Path,
            default=settings.BASE_DIR / "tests" / "data" / "seed_pledges.json",
        )
        parser.add_argument("--repeat", type=int, default=20, help="antal tidtagningsvarv")

    def handle(self, *args, annotation: Path, repeat: int, **options):
        try:
            spec = json.loads(annotation.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"{annotation}: kan inte läsas ({exc})") from None
        lexicon = Lexicon.from_fixtures(settings.FIXTURES_DIR)
        texts = {
            p["file"]: read_program(settings.PROGRAMS_DIR / p["file"]) for p in spec["programs"]
        }
        totals = {"core": 0, "exact": 0, "text_found": 0, "area": 0, "extra_explicit": 0}
        self.stdout.write(
            f"{'program':<62} {'löften':>6} {'kärna':>5} {'exakt':>5} {'område':>6} {'extra':>5}"
        )
        for prog in spec["programs"]:
            text = texts[prog["file"]]
            result = parse_program(text, lexicon)
            spans = {(p.start, p.end): p for p in result.pledges}
            texts_found = {p.text for p in result.pledges}
            core = [
                x for x in prog["pledges"] if x["kind"] != "normative" and x["duplicate_of"] is None
            ]
            exact = [x for x in core if (x["start"], x["end"]) in spans]
            by_text = [
                x
                for x in core
                if " ".join(x["text"].split()).rstrip(".") in {t.rstrip(".") for t in texts_found}
            ]
            area = [x for x in exact if spans[(x["start"], x["end"])].primary_area in x["areas"]]
            annotated = {(x["start"], x["end"]) for x in prog["pledges"]}
            annotated_texts = {x["text"] for x in prog["pledges"]}
            extra = [
                p
                for p in result.pledges
                if p.kind != "normative"
                and (p.start, p.end) not in annotated
                and p.text not in annotated_texts
            ]
            for key, value in (
                ("core", core),
                ("exact", exact),
                ("text_found", by_text),
                ("area", area),
                ("extra_explicit", extra),
            ):
                totals[key] += len(value)
            self.stdout.write(
                f"{prog['file'][:62]:<62} {len(result.pledges):>6} {len(core):>5} {len(exact):>5} "
                f"{len(area):>6} {len(extra):>5}"
            )
            for p in extra:
                self.stdout.write(f"    extra: {p.kind} {p.start}–{p.end} {p.text[:70]}")
        self.stdout.write(
            f"\nKärnlöften: {totals['exact']}/{totals['core']} med exakta positioner, "
            f"{totals['text_found']}/{totals['core']} med rätt text; "
            f"huvudområde bland de annoterade: {totals['area']}/{totals['exact']} "
            f"({100 * totals['area'] / max(1, totals['exact']):.1f} %); "
            f"explicita fynd utan annotering: {totals['extra_explicit']}."
        )
        timings = []
        for _ in range(repeat):
            words.ngram_profile.cache_clear()  # every round parses cold, as a new text would
            words.stem.cache_clear()
            t0 = time.perf_counter()
            for text in texts.values():
                parse_program(text, lexicon)
            timings.append(time.perf_counter() - t0)
        tracemalloc.start()
        for text in texts.values():
            parse_program(text, lexicon)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        chars = sum(len(t) for t in texts.values())
        self.stdout.write(
            f"Tid för alla {len(texts)} program ({chars} tecken): median "
            f"{1000 * statistics.median(timings):.1f} ms, min {1000 * min(timings):.1f} ms "
            f"över {repeat} varv; största minnestillskott {peak / 1024:.0f} KiB."
        )
