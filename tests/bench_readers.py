"""Benchmark of the readers (`make bench`; not a test): every corpus text set as a printed PDF
and as a party web page (tests/layouts.py), read back, parsed, and compared with the clean text.

Prints, per part of the corpus: of the annotated pledges the parser finds in the clean text, the
share it finds again from the PDF and from the web page; pledges holding page furniture or site
chrome; PDF pages read per second. Then the time to import a batch of 50 sources (PDF and HTML,
served by a local HTTP server) with `import_sources` into a scratch SQLite database.

    python -m tests.bench_readers
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    scratch = Path(tempfile.mkdtemp(prefix="valloften-bench-"))
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch / 'bench.sqlite3'}"
    os.environ["VALLOFTEN_MEDIA_ROOT"] = str(scratch / "media")
    os.environ["VALLOFTEN_FETCH_ALLOW_PRIVATE"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    accuracy()
    batch(scratch)


def accuracy() -> None:
    from pledges.parsing import Lexicon, parse_program
    from pledges.parsing.evaluation import load_corpus
    from sources.reading import read_document
    from tests.corpus.tool import HERE
    from tests.layouts import program_html, program_pdf
    from tests.test_sources import FURNITURE, same

    lex = Lexicon.from_fixtures()
    totals: dict = {}
    pdf_pages, pdf_seconds = 0, 0.0
    for text in load_corpus(HERE):
        gold = [g["quote"] for g in text.annotation["pledges"]]
        clean = [
            p.display
            for p in parse_program(text.text, lex).pledges
            if any(same(g, p.display) for g in gold)
        ]
        pdf = program_pdf(text.text)
        started = time.perf_counter()
        document = read_document(pdf, text.file)
        pdf_seconds += time.perf_counter() - started
        pdf_pages += document.pages
        html = read_document(program_html(text.text, "Vår politik").encode(), text.file)
        for kind, doc in (("pdf", document), ("html", html)):
            found = [p.display for p in parse_program(doc.text, lex).pledges]
            row = totals.setdefault((text.split, kind), [0, 0, 0])
            row[0] += len(clean)
            row[1] += sum(any(same(p, q) for q in found) for p in clean)
            row[2] += sum(any(f in p for f in FURNITURE) for p in found)
    print("del   format  funna i ren text  funna igen   andel  med sidhuvud/krom")
    for (split, kind), (n, again, chrome) in sorted(totals.items()):
        print(
            f"{split:<5} {kind:<7} {n:>16} {again:>11} {100 * again / max(1, n):>6.1f} %"
            f" {chrome:>18}"
        )
    print(f"PDF: {pdf_pages} sidor på {pdf_seconds:.2f} s, {pdf_pages / pdf_seconds:.0f} sidor/s")


def batch(scratch: Path) -> None:
    import csv
    import threading
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
    from io import StringIO

    from django.core.management import call_command

    from pledges.parsing.evaluation import load_corpus
    from tests.corpus.tool import HERE
    from tests.layouts import program_html, program_pdf

    site = scratch / "site"
    site.mkdir()
    rows = []
    texts = [t for t in load_corpus(HERE) if t.manifest.get("municipality")][:50]
    for n, text in enumerate(texts):
        stem = Path(text.file).stem
        if n % 2:
            (site / f"{stem}.pdf").write_bytes(program_pdf(text.text))
            name = f"{stem}.pdf"
        else:
            (site / f"{stem}.html").write_text(program_html(text.text, stem), encoding="utf-8")
            name = f"{stem}.html"
        rows.append((name, text.manifest["party"], text.manifest["municipality"]))

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = partial(Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    sheet = scratch / "batch.csv"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source", "party", "place", "period", "title"])
        for name, party, place in rows:
            writer.writerow([f"{base}/{name}", party, place, "", Path(name).stem])
    call_command("migrate", verbosity=0)
    call_command("load_data", stdout=StringIO())
    for run in ("första", "andra (oförändrad)"):
        out = StringIO()
        started = time.perf_counter()
        try:
            call_command("import_sources", str(sheet), stdout=out)
        except Exception as exc:  # a failed row is part of the result
            out.write(f"{exc}\n")
        seconds = time.perf_counter() - started
        lines = out.getvalue().strip().splitlines()
        print(f"Batch av {len(rows)} källor, {run} körningen: {seconds:.1f} s")
        for line in lines:
            if "misslyckad " in line or line.startswith(f"{len(rows)} rader"):
                print("  " + line)
    server.shutdown()


if __name__ == "__main__":
    sys.exit(main())
