import json
import statistics
import time
import tracemalloc
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pledges.parsing import Lexicon, areas, parse_program, read_program, words
from pledges.parsing.evaluation import agreement, load_corpus, seed_core, seed_topics, totals
from pledges.parsing.evaluation import evaluate as evaluate_corpus


def clear_caches() -> None:
    """Forget what earlier texts taught the caches, so that each round parses cold."""
    words.ngram_profile.cache_clear()
    words.stem.cache_clear()
    areas.words_of.cache_clear()


def time_parsing(texts: list[str], lexicon: Lexicon, repeat: int) -> list[float]:
    """Seconds to parse all the texts, once per round; every round parses cold."""
    timings = []
    for _ in range(repeat):
        clear_caches()
        t0 = time.perf_counter()
        for text in texts:
            parse_program(text, lexicon)
        timings.append(time.perf_counter() - t0)
    return timings


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
        parser.add_argument(
            "--corpus",
            type=Path,
            nargs="?",
            const=settings.BASE_DIR / "tests" / "corpus",
            help="mät mot den annoterade korpusen (standard: tests/corpus) i stället för fröna",
        )
        parser.add_argument(
            "--json", type=Path, help="skriv korpusens siffror som JSON till den här filen"
        )
        parser.add_argument(
            "--errors",
            choices=["dev", "test"],
            help="lista missade och felaktiga löften för en del av korpusen",
        )
        parser.add_argument(
            "--agreement",
            type=Path,
            nargs="?",
            const=settings.BASE_DIR / "tests" / "corpus" / "second",
            help="jämför en andra läsares blinda annoteringar (standard: tests/corpus/second) "
            "med de första, bredvid tolkaren på samma texter",
        )

    def handle(self, *args, annotation: Path, repeat: int, **options):
        if repeat < 1:
            raise CommandError("--repeat ska vara minst 1")
        if options["corpus"]:
            return self.corpus(
                options["corpus"], repeat, options["json"], options["errors"], options["agreement"]
            )
        if options["json"] or options["errors"] or options["agreement"]:
            raise CommandError(
                "--json, --errors och --agreement gäller korpusen: lägg till --corpus"
            )
        lexicon = Lexicon.from_fixtures(settings.FIXTURES_DIR)
        try:
            spec = json.loads(annotation.read_text("utf-8"))
            texts = {
                p["file"]: read_program(settings.PROGRAMS_DIR / p["file"]) for p in spec["programs"]
            }
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise CommandError(f"{annotation}: kan inte läsas ({exc})") from None
        counts = {"core": 0, "exact": 0, "text_found": 0, "area": 0, "extra_explicit": 0}
        self.stdout.write(
            f"{'program':<62} {'löften':>6} {'kärna':>5} {'exakt':>5} {'område':>6} {'extra':>5}"
        )
        for prog in spec["programs"]:
            text = texts[prog["file"]]
            result = parse_program(text, lexicon)
            spans = {(p.start, p.end): p for p in result.pledges}
            texts_found = {p.text for p in result.pledges}
            core = seed_core(prog)
            exact = [x for x in core if (x["start"], x["end"]) in spans]
            by_text = [
                x
                for x in core
                if " ".join(x["text"].split()).rstrip(".") in {t.rstrip(".") for t in texts_found}
            ]
            area = [
                x
                for x in exact
                if spans[(x["start"], x["end"])].primary_area in seed_topics(x["areas"], lexicon)
            ]
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
                counts[key] += len(value)
            self.stdout.write(
                f"{prog['file'][:62]:<62} {len(result.pledges):>6} {len(core):>5} {len(exact):>5} "
                f"{len(area):>6} {len(extra):>5}"
            )
            for p in extra:
                self.stdout.write(f"    extra: {p.kind} {p.start}–{p.end} {p.text[:70]}")
        self.stdout.write(
            f"\nKärnlöften: {counts['exact']}/{counts['core']} med exakta positioner, "
            f"{counts['text_found']}/{counts['core']} med rätt text; "
            f"huvudämne bland de annoterade: {counts['area']}/{counts['exact']} "
            f"({100 * counts['area'] / max(1, counts['exact']):.1f} %); "
            f"explicita fynd utan annotering: {counts['extra_explicit']}."
        )
        timings = time_parsing(list(texts.values()), lexicon, repeat)
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

    def summarise(self, label: str, part: list) -> dict:
        """Print one line of totals and the metadata counts; return them as figures."""
        total, meta = totals(part)
        with_candidates = total.recalled_with_candidates / max(1, total.annotated)
        self.stdout.write(
            f"{label}: täckning {100 * total.recall:.1f} % "
            f"({total.recalled}/{total.annotated}; med normativa kandidater "
            f"{100 * with_candidates:.1f} %), precision {100 * total.precision:.1f} % "
            f"({total.correct}/{total.found}), "
            f"rätt huvudämne {100 * total.topic_accuracy:.1f} %, "
            f"i Övrigt {100 * total.fallback_share:.1f} %, normativa kandidater "
            f"{total.candidates}."
        )
        for key in ("party", "place", "period", "title"):
            counts = {v: meta[(key, v)] for v in ("right", "null", "wrong")}
            self.stdout.write(
                f"  {key}: rätt {counts['right']}, tomt {counts['null']}, fel {counts['wrong']}"
            )
        return {
            "texts": len(part),
            "annotated": total.annotated,
            "found": total.found,
            "candidates": total.candidates,
            "recall": round(total.recall, 3),
            "recall_with_candidates": round(with_candidates, 3),
            "precision": round(total.precision, 3),
            "topic_accuracy": round(total.topic_accuracy, 3),
            "fallback_share": round(total.fallback_share, 3),
            "metadata": {f"{k}_{v}": n for (k, v), n in sorted(meta.items())},
        }

    def agreement(self, corpus: list, directory: Path, lexicon: Lexicon) -> dict:
        """A second reader's blind annotations against the first, beside the parser on the same
        texts: how far people agree is the ceiling the parser's figures are read against."""
        try:
            by_split = agreement(corpus, directory, lexicon)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise CommandError(f"{directory}: den andra läsarens annoteringar ({exc})") from None
        if not by_split:
            raise CommandError(f"{directory}: inga andra annoteringar av korpusens texter")
        report = {}
        for split in ("dev", "test"):
            if split not in by_split:
                continue
            readers, parser = by_split[split]
            self.stdout.write(f"\n== två läsare, {split} ({len(readers)} texter) ==")
            report[split] = {
                "second_reader": self.summarise("Andra läsaren mot den första", readers),
                "parser": self.summarise("Tolkaren på samma texter", parser),
            }
        return report

    def corpus(
        self,
        directory: Path,
        repeat: int,
        json_path: Path | None,
        errors: str | None,
        agreement_dir: Path | None = None,
    ):
        lexicon = Lexicon.from_fixtures(settings.FIXTURES_DIR)
        try:
            corpus = load_corpus(directory)
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(f"{directory}: korpusen kan inte läsas ({exc})") from None
        scores = evaluate_corpus(corpus, lexicon)
        report = {}
        header = (
            f"{'text':<58} {'ann.':>4} {'hitt.':>5} {'täckn.':>6} {'precis.':>7} {'ämne':>5} "
            f"{'övr.':>5} {'parti':>5} {'plats':>5} {'period':>6} {'titel':>5}"
        )
        for split in ("dev", "test"):
            part = scores.get(split, [])
            self.stdout.write(f"\n== {split} ({len(part)} texter) ==\n{header}")
            for s in part:
                m = s.metadata
                self.stdout.write(
                    f"{s.file[:58]:<58} {s.annotated:>4} {s.found:>5} {100 * s.recall:>5.0f}% "
                    f"{100 * s.precision:>6.0f}% {100 * s.topic_accuracy:>4.0f}% "
                    f"{100 * s.fallback_share:>4.0f}% {m['party']:>5} {m['place']:>5} "
                    f"{m['period']:>6} {m['title']:>5}"
                )
                if errors == split:
                    for quote in s.misses:
                        self.stdout.write(f"    missat: {' '.join(quote.split())[:100]}")
                    for kind, rule, text in s.false:
                        self.stdout.write(f"    fel ({kind}, {rule}): {text[:100]}")
                    for quote, want, got in s.wrong_topic:
                        self.stdout.write(
                            f"    ämne {got} ≠ {want}: {' '.join(quote.split())[:80]}"
                        )
            report[split] = self.summarise(f"Totalt {split}", part)
        if agreement_dir:
            report["agreement"] = self.agreement(corpus, agreement_dir, lexicon)
        texts = [c.text for c in corpus]
        median = statistics.median(time_parsing(texts, lexicon, repeat))
        report["speed"] = {
            "texts": len(texts),
            "chars": sum(len(t) for t in texts),
            "median_seconds": round(median, 4),
            "programs_per_second": round(len(texts) / median, 1),
        }
        self.stdout.write(
            f"\nFart: {len(texts)} texter ({report['speed']['chars']} tecken) på "
            f"{1000 * median:.0f} ms (median av {repeat} varv), "
            f"{report['speed']['programs_per_second']:.0f} program per sekund."
        )
        if json_path:
            try:
                json_path.write_text(
                    json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8"
                )
            except OSError as exc:
                raise CommandError(f"{json_path}: kan inte skrivas ({exc.strerror})") from None
