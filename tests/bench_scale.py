"""Benchmark at national scale (`make bench-scale`; not a test).

Builds a whole election's data in its own PostgreSQL database: every municipality and region
in the reference data, the eight Riksdag parties, three periods, about 56 pledges a program
(416,000 pledges at SCALE=1), texts varied from the annotated corpus so that search and
similarity do real work, statuses mixed as in real use. Then serves it with gunicorn as in
production and requests every page type, single client, no cache, and writes a table and a
JSON file: p50/p95 per page type, queries per page, bytes per page, build, import and
similarity times, peak memory.

    SCALE=0.05 python -m tests.bench_scale      # a quick run (about 21,000 pledges)
    python -m tests.bench_scale                 # the whole country

Environment: SCALE (default 1), BENCH_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/valloften_scale; the database is dropped and built again
unless BENCH_REUSE=1), BENCH_JSON (default bench-scale.json), BENCH_REQUESTS (requests per
page type, default 40), BENCH_SIMILARITY=0 to skip computing similar pledges.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import re
import resource
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/valloften_scale"
PERIODS = (2018, 2022, 2026)
RIKSDAG = ("S", "M", "SD", "C", "V", "KD", "L", "MP")
# Shares of pledge statuses and kinds in real use: most imported, some reviewed or published,
# a few rejected; a few normative candidates (hidden until published).
STATUSES = [("imported", 70), ("reviewed", 14), ("published", 12), ("rejected", 4)]
KINDS = [("list_item", 62), ("heading", 10), ("stated", 24), ("normative", 4)]
SUFFIXES = [
    "",
    "",
    " i hela {place}",
    " senast {year}",
    " för alla barn och unga",
    " i samarbete med föreningslivet",
    " i {place}s centrum",
    " med fler anställda",
    " på landsbygden",
    " utan höjd skatt",
]
PREFIXES = ["", "", "", "Vi vill ", "{party} vill ", "Att "]


def env_scale() -> float:
    try:
        scale = float(os.environ.get("SCALE", "1"))
    except ValueError:
        sys.exit("SCALE ska vara ett tal, t.ex. 0.05 eller 1")
    if not 0 < scale <= 1:
        sys.exit("SCALE ska vara större än 0 och högst 1")
    return scale


def setup_django(db_url: str) -> None:
    os.environ["DATABASE_URL"] = db_url
    os.environ["DJANGO_DEBUG"] = "false"  # as served: the same templates, storage and checks
    os.environ["DJANGO_ALLOWED_HOSTS"] = "127.0.0.1,testserver"
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


PLANNER_SETTINGS = {"random_page_cost": "1.1", "work_mem": "32MB"}


def prepare_database(db_url: str, fresh: bool) -> None:
    """The bench's own database: dropped and created again when ``fresh``, and given the
    planner settings the README recommends (and compose.yaml sets) for production, on this
    database only: the server may be shared, and keeps its own."""
    import psycopg

    base, name = db_url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        for setting, value in PLANNER_SETTINGS.items():
            conn.execute(f"ALTER DATABASE \"{name}\" SET {setting} = '{value}'")


# --- building the national dataset -----------------------------------------------------------


def text_pool() -> list[tuple[str, str]]:
    """(pledge text, topic slug) from the annotated corpus and the seeds."""
    pool = []
    for path in sorted((ROOT / "tests" / "corpus" / "annotations").glob("*.json")):
        for p in json.loads(path.read_text("utf-8"))["pledges"]:
            text = " ".join(p["quote"].split()).strip(" .-•*")
            if len(text) > 8:
                pool.append((text[0].upper() + text[1:], p["topic"]))
    return pool


def weighted(rng: random.Random, choices: list[tuple[str, int]]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def build(scale: float, seed: int = 20261122) -> dict:
    """Fill the (migrated, empty) database; returns counts and timings."""
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    from municipalities.models import Municipality, Region
    from parties.models import Party
    from pledges import ranking
    from pledges.loading import LoadReport
    from pledges.models import PolicyArea
    from pledges.reference import load_reference

    started = time.perf_counter()
    load_reference(settings.FIXTURES_DIR, LoadReport())
    rng = random.Random(seed)
    municipalities = list(Municipality.objects.order_by("code"))
    regions = list(Region.objects.order_by("code"))
    if scale < 1:
        municipalities = rng.sample(municipalities, max(1, round(len(municipalities) * scale)))
        regions = rng.sample(regions, max(1, round(len(regions) * scale)))
    parties = list(Party.objects.filter(abbreviation__in=RIKSDAG).order_by("order"))
    areas = {a.slug: a for a in PolicyArea.objects.all()}
    sub_areas: dict[int, list[int]] = {}
    for a in areas.values():
        if a.parent_id:
            sub_areas.setdefault(a.parent_id, []).append(a.pk)
    pool = [(t, areas[s]) for t, s in text_pool() if s in areas]
    now = timezone.now()

    programs, pledges, links = [], [], []
    program_id = pledge_id = 0
    ranks = ranking.place_ranks()
    for place_kind, places in (("m", municipalities), ("r", regions)):
        for place in places:
            place_rank = ranks[place_kind, place.pk]
            for party in parties:
                for period in PERIODS:
                    program_id += 1
                    rank = (
                        place_rank * 1000 + min(party.order, 999)
                    ) * ranking.PROGRAM_DIGITS + program_id
                    slug = f"{place.slug}-{party.slug}-{period}"
                    title = f"{party.short_name} i {place.name}: program {period}–{period + 4}"
                    lines, spans = [f"# {title}", ""], []
                    offset = sum(len(x) + 1 for x in lines)
                    for n in range(rng.randint(20, 92)):
                        text, area = rng.choice(pool)
                        prefix = rng.choice(PREFIXES).format(party=party.short_name)
                        suffix = rng.choice(SUFFIXES).format(place=place.name, year=period + 4)
                        body = (prefix + (text[0].lower() + text[1:] if prefix else text))[:400]
                        body += suffix
                        line = f"- {body}"
                        spans.append((offset + 2, offset + len(line), body, area, n))
                        lines.append(line)
                        offset += len(line) + 1
                    original = "\n".join(lines) + "\n"
                    public = rng.random() > 0.02
                    programs.append(
                        (
                            program_id,
                            slug,
                            party.pk,
                            place.pk if place_kind == "m" else None,
                            place.pk if place_kind == "r" else None,
                            title,
                            period,
                            f"https://example.se/{slug}",
                            original,
                            f"{program_id:064x}",
                            public,
                            rank,
                        )
                    )
                    for start, end, body, area, n in spans:
                        pledge_id += 1
                        status = weighted(rng, STATUSES)
                        kind = weighted(rng, KINDS)
                        pledges.append(
                            (
                                ranking.pledge_rank(rank, n),
                                pledge_id,
                                program_id,
                                f"p{n}-{pledge_id}",
                                body,
                                body,
                                kind,
                                start,
                                end,
                                n,
                                area.pk,
                                round(rng.uniform(0.5, 1.0), 2),
                                status,
                                rng.random() > 0.98 or status in ("reviewed", "published"),
                                rng.random() > 0.02,
                            )
                        )
                        links.append((pledge_id, area.pk))
                        subs = sub_areas.get(area.pk)
                        if subs and rng.random() < 0.3:
                            links.append((pledge_id, rng.choice(subs)))
    with connection.cursor() as django_cursor:
        cur = django_cursor.cursor  # psycopg's own cursor, for COPY
        with cur.copy(
            "COPY pledges_program (id, slug, party_id, municipality_id, region_id, title, "
            "period_start, source_url, original_text, checksum, is_public, rank, file_name, "
            "loaded_digest, created_at, updated_at) FROM STDIN"
        ) as copy:
            for row in programs:
                copy.write_row((*row, row[1] + ".txt", "", now, now))
        with cur.copy(
            'COPY pledges_pledge (list_rank, id, program_id, key, text, quote, kind, start, "end", '
            '"order", primary_area_id, confidence, status, locked, in_source, details, '
            "section, restatements, parsed, fulfilment, fulfilment_evidence, created_at, "
            "updated_at) FROM STDIN"
        ) as copy:
            for row in pledges:
                parsed = json.dumps({"text": row[4]}, ensure_ascii=False)  # the parser's words
                copy.write_row((*row, "", "", "[]", parsed, "not_rated", "", now, now))
        with cur.copy("COPY pledges_pledge_areas (pledge_id, policyarea_id) FROM STDIN") as copy:
            for row in links:
                copy.write_row(row)
        for table in ("pledges_program", "pledges_pledge", "pledges_pledge_areas"):
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        cur.execute("ANALYZE")
    return {
        "municipalities": len(municipalities),
        "regions": len(regions),
        "programs": len(programs),
        "pledges": len(pledges),
        "build_seconds": round(time.perf_counter() - started, 1),
    }


def timed_similarity() -> dict:
    from pledges.similarity import refresh_similarities

    started = time.perf_counter()
    links = refresh_similarities()
    return {"links": links, "similarity_seconds": round(time.perf_counter() - started, 1)}


# programs imported to time the import: enough that one slow commit does not move the figure
IMPORT_SAMPLE = 60


def timed_import(sample: int = IMPORT_SAMPLE) -> dict:
    """Time the real import path (parse + load) for `sample` new programs, and an unchanged
    re-import of them; per program, and extrapolated to 7,000 programs."""
    from django.conf import settings

    from pledges.building import build_program, lexicon_from_db
    from pledges.loading import LoadReport, load_program_data
    from pledges.locking import one_import_at_a_time
    from pledges.manifest import read_manifest

    run = int(time.time())
    lexicon = lexicon_from_db()
    entries = read_manifest(settings.FIXTURES_DIR / "programs" / "manifest.csv", lexicon)
    fixtures = [build_program(entry, lexicon).fixture for entry in entries]
    built = []
    for i in range(sample):
        fixture = json.loads(json.dumps(fixtures[i % len(fixtures)]))
        slug = f"{fixture[0]['fields']['slug']}-bench-{run}-{i}"
        fixture[0]["fields"]["slug"] = slug
        for record in fixture[1:]:
            record["fields"]["program"] = [slug]
        built.append(fixture)
    timings = {}
    for label in ("import_new", "import_unchanged"):
        report = LoadReport()
        started = time.perf_counter()
        for fixture in built:  # each program as an import runs it: its own locked transaction
            with one_import_at_a_time():
                load_program_data(fixture, fixture[0]["fields"]["slug"], report)
        elapsed = time.perf_counter() - started
        pledges = sum(1 for f in built for r in f if r["model"] == "pledges.pledge")
        timings[label] = {
            "programs": len(built),
            "pledges": pledges,
            "seconds": round(elapsed, 2),
            "per_program_ms": round(1000 * elapsed / len(built), 1),
            "extrapolated_7000_minutes": round(7000 * elapsed / len(built) / 60, 1),
            "extrapolated_420k_pledges_minutes": round(420_000 * elapsed / pledges / 60, 1),
        }
    timings["import_one_changed"] = timed_change(built[0])
    return timings


def timed_change(fixture: list[dict]) -> dict:
    """One program imported again with one pledge reworded, as an editor's re-import runs it:
    the load and the similar-pledge links its change moves."""
    from pledges.loading import LoadReport, load_program_data
    from pledges.locking import one_import_at_a_time
    from pledges.models import Program
    from pledges.similarity import refresh_similarities

    fixture = json.loads(json.dumps(fixture))
    pledge = next(r for r in fixture if r["model"] == "pledges.pledge")
    pledge["fields"]["text"] += " och fler platser i förskolan"
    slug = fixture[0]["fields"]["slug"]
    started = time.perf_counter()
    with one_import_at_a_time():
        load_program_data(fixture, slug, LoadReport())
        links = refresh_similarities([Program.objects.get(slug=slug)])
    return {"seconds": round(time.perf_counter() - started, 2), "links_written": links}


# --- serving and measuring -------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def page_urls(rng: random.Random) -> dict[str, list[str]]:
    """For each page type, addresses to request (varied, so that no one row is favoured)."""
    from django.db.models import Max, Min

    from municipalities.models import Municipality, Region
    from parties.models import Party
    from pledges.models import Pledge, PolicyArea, Program

    programs = list(Program.objects.filter(is_public=True).values_list("slug", flat=True))
    places = list(Municipality.objects.filter(programs__isnull=False).distinct())
    regions = list(Region.objects.filter(programs__isnull=False).distinct())
    parties = list(Party.objects.filter(programs__isnull=False).distinct())
    areas = list(PolicyArea.objects.all())
    bounds = Pledge.objects.public().aggregate(lo=Min("pk"), hi=Max("pk"))
    pledge_ids = [rng.randint(bounds["lo"], bounds["hi"]) for _ in range(200)]
    pledge_ids = list(
        Pledge.objects.public().filter(pk__in=pledge_ids).values_list("pk", flat=True)
    )
    total = Pledge.objects.public().count()
    last_page = max(1, total // 25)
    words = ["våld", "förskola", "cykel", "äldreboende", "skatt", "bostäder", "kollektivtrafik"]

    def pick(seq, n=20):
        return [rng.choice(seq) for _ in range(n)]

    def q(**params):
        return "?" + urllib.parse.urlencode(params)

    def compare(n):
        out = []
        for place in pick(places, 10):
            slugs = list(
                Program.objects.filter(municipality=place).values_list("slug", flat=True)[:n]
            )
            out.append("/jamfor/?" + urllib.parse.urlencode([("program", s) for s in slugs]))
        return out

    return {
        "home": ["/"],
        "list": ["/loften/"]
        + [f"/loften/{q(sida=rng.randint(1, last_page))}" for _ in range(10)]
        + [f"/loften/{q(kommun=m.slug)}" for m in pick(places, 5)]
        + [
            f"/loften/{q(parti=p.slug, omrade=a.slug)}"
            for p, a in zip(pick(parties, 5), pick(areas, 5), strict=True)
        ]
        + [f"/loften/{q(period=2022, typ='list_item', ordning='nyast')}"]
        # every order over the whole country, at any page, and with a topic chosen
        + [
            f"/loften/{q(ordning=order, sida=rng.randint(1, 400))}"
            for order in ("parti", "omrade", "nyast", "kommun")
        ]
        + [f"/loften/{q(ordning='parti', omrade=a.slug, sida=50)}" for a in pick(areas, 2)],
        "search": [f"/loften/{q(q=w)}" for w in words]
        + [f"/loften/{q(q=w, kommun=m.slug)}" for w, m in zip(words, pick(places, 7), strict=True)],
        "pledge": [f"/loften/{pk}/" for pk in pledge_ids[:30]],
        "program": [f"/program/{s}/" for s in pick(programs)],
        "party": [f"/partier/{p.slug}/" for p in parties]
        + [f"/partier/{p.slug}/{q(sida=3)}" for p in parties[:3]],
        "municipality": [f"/kommuner/{m.slug}/" for m in pick(places)],
        "region": [f"/regioner/{r.slug}/" for r in pick(regions, 5)],
        "area": [f"/omraden/{a.slug}/" for a in areas],
        "indexes": ["/kommuner/", "/regioner/", "/partier/", "/omraden/", "/metod/"]
        + [f"/kommuner/{q(q=m.name[:3])}" for m in pick(places, 3)],
        "programs": ["/program/", f"/program/{q(sida=len(programs) // 100)}"]
        + [f"/program/{q(parti=p.slug, period=2022)}" for p in pick(parties, 3)]
        + [f"/program/{q(q=m.name)}" for m in pick(places, 3)],
        "compare-3": compare(3),
        "compare-6": compare(6),
        "agreement": [f"/kommuner/{m.slug}/samstammighet/" for m in pick(places, 10)],
        "api-pledges": ["/api/loften/", f"/api/loften/{q(sida=100)}"]
        + [f"/api/loften/{q(kommun=m.slug)}" for m in pick(places, 5)],
        "api-programs": ["/api/program/", f"/api/program/{q(sida=max(1, len(programs) // 100))}"],
        "admin-pledges": ["/admin/pledges/pledge/", f"/admin/pledges/pledge/{q(p=total // 200)}"]
        + [f"/admin/pledges/pledge/{q(q=w)}" for w in words[:3]],
        "admin-programs": [
            "/admin/pledges/program/",
            f"/admin/pledges/program/{q(p=len(programs) // 200)}",
        ],
    }


class Client:
    """A plain HTTP client that keeps its cookies, behind what the app takes for its TLS proxy
    (X-Forwarded-Proto: https), as in production."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: bytes | None = None, headers=None, timeout: float = 120
    ):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        sent = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.perf_counter()
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        data = response.read()
        seconds = time.perf_counter() - started
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        connection.close()
        return response, data, seconds

    def get(self, path: str, timeout: float = 120) -> tuple[int, int, float]:
        response, data, seconds = self.request("GET", path, timeout=timeout)
        return response.status, len(data), seconds

    def login(self, username: str, password: str) -> None:
        _, page, _ = self.request("GET", "/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.decode()).group(1)
        body = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "username": username,
                "password": password,
                "next": "/admin/",
            }
        ).encode()
        response, _, _ = self.request(
            "POST",
            "/admin/login/",
            body,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": "https://127.0.0.1/admin/login/",
            },
        )
        if response.status != 302:
            raise RuntimeError(f"the benchmark's editor could not log in ({response.status})")


def queries_per_page(urls: dict[str, list[str]], editor) -> dict[str, int]:
    """The most queries any address of a page type makes (Django's test client, in process)."""
    from django.db import connection
    from django.test import Client as DjangoClient
    from django.test.utils import CaptureQueriesContext

    client = DjangoClient()
    client.force_login(editor)
    out = {}
    for kind, paths in urls.items():
        worst = 0
        for path in paths[:5]:
            with CaptureQueriesContext(connection) as ctx:
                client.get(path, secure=True)
            worst = max(worst, len(ctx))
        out[kind] = worst
    return out


def start_gunicorn(db_url: str, port: int, keep_pages: bool) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "DJANGO_DEBUG": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "VALLOFTEN_PAGE_CACHE_SECONDS": "3600" if keep_pages else "0",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--timeout",
            "600",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("gunicorn did not start")


def worker_peak_kib(master: subprocess.Popen) -> int:
    """The largest peak resident size of the gunicorn workers (VmHWM)."""
    peak = 0
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children")
    for pid in children.read_text().split() if children.exists() else []:
        status = Path(f"/proc/{pid}/status")
        if status.exists():
            found = re.search(r"VmHWM:\s+(\d+)", status.read_text())
            peak = max(peak, int(found.group(1)) if found else 0)
    return peak


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def measure(
    visitor: Client, editor: Client, urls: dict[str, list[str]], per_type: int
) -> dict[str, dict]:
    """Per page type: a first pass over its addresses (cold: what a new data version costs
    once), then ``per_type`` requests (what every later reader waits; no page is kept whole).
    Readers' pages as a visitor; the admin as a logged-in editor."""
    results = {}
    for kind, paths in urls.items():
        client = editor if kind.startswith("admin") else visitor
        cold = [client.get(path)[2] for path in paths]
        times, sizes, statuses = [], [], set()
        for i in range(per_type):
            status, size, seconds = client.get(paths[i % len(paths)])
            times.append(seconds)
            sizes.append(size)
            statuses.add(status)
        results[kind] = {
            "p50_ms": round(1000 * statistics.median(times), 1),
            "p95_ms": round(1000 * percentile(times, 95), 1),
            "cold_p50_ms": round(1000 * statistics.median(cold), 1),
            "cold_max_ms": round(1000 * max(cold), 1),
            "max_bytes": max(sizes),
            "statuses": sorted(statuses),
        }
        r = results[kind]
        print(
            f"  {kind:<16} p50 {r['p50_ms']:>8.1f} ms  p95 {r['p95_ms']:>8.1f} ms  "
            f"kall p50 {r['cold_p50_ms']:>8.1f} ms  {max(sizes) // 1024:>6} KiB  "
            f"{sorted(statuses)}",
            flush=True,
        )
    return results


def throughput(port: int, path: str, seconds: float = 8.0, threads: int = 4) -> float:
    """Requests per second for ``path`` from ``threads`` clients at once."""
    import threading

    done = [0] * threads
    deadline = time.monotonic() + seconds

    def run(k):
        client = Client(port)
        while time.monotonic() < deadline:
            status, _, _ = client.get(path)
            if status == 200:
                done[k] += 1

    workers = [threading.Thread(target=run, args=(k,)) for k in range(threads)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    return round(sum(done) / seconds, 1)


def measure_export(client: Client) -> dict:
    started = time.perf_counter()
    status, size, _ = client.get("/loften/export.csv", timeout=1800)
    return {"status": status, "bytes": size, "seconds": round(time.perf_counter() - started, 1)}


def main() -> None:
    scale = env_scale()
    db_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    per_type = int(os.environ.get("BENCH_REQUESTS", "40"))
    report: dict = {"scale": scale, "database": db_url.rsplit("@", 1)[-1]}
    reuse = os.environ.get("BENCH_REUSE") == "1"
    prepare_database(db_url, fresh=not reuse)
    # the shared cache as in production: Redis (its own database number, emptied first)
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
    os.environ["VALLOFTEN_REDIS_URL"] = redis_url
    setup_django(db_url)
    from django.core.cache import cache

    cache.clear()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from pledges.models import Pledge

    call_command("migrate", verbosity=0)
    if not reuse or not Pledge.objects.exists():
        print(f"Bygger data i skala {scale} …", flush=True)
        report["build"] = build(scale)
        print(f"  {report['build']}", flush=True)
    if os.environ.get("BENCH_SIMILARITY", "1") == "1":
        print("Likhet …", flush=True)
        report["similarity"] = timed_similarity()
        print(f"  {report['similarity']}", flush=True)
    from django.db import connection

    with connection.cursor() as cursor:
        # as after any bulk load (and as autovacuum leaves a table in use): the planner's
        # statistics, and the visibility map that lets a page's ids come from an index alone
        cursor.execute("VACUUM ANALYZE")
    report["pledges"] = Pledge.objects.count()
    print(f"Import (riktig väg, {IMPORT_SAMPLE} program) …", flush=True)
    report["import"] = timed_import()
    print(f"  {report['import']}", flush=True)
    User = get_user_model()
    editor, _ = User.objects.get_or_create(
        username="bench", defaults={"is_staff": True, "is_superuser": True}
    )
    editor.set_password("bench-password-0")
    editor.save()
    call_command("collectstatic", interactive=False, verbosity=0)
    urls = page_urls(random.Random(7))
    report["queries"] = queries_per_page(urls, editor)
    port = free_port()
    server = start_gunicorn(db_url, port, keep_pages=False)
    try:
        visitor, editor_client = Client(port), Client(port)
        editor_client.login("bench", "bench-password-0")
        print(f"Sidor ({per_type} anrop per sidtyp, en klient, inga sidor i cachen):", flush=True)
        report["pages"] = measure(visitor, editor_client, urls, per_type)
        print("Export av hela landet (CSV) …", flush=True)
        report["export_csv"] = measure_export(visitor)
        print(f"  {report['export_csv']}", flush=True)
        report["worker_peak_mib"] = round(worker_peak_kib(server) / 1024, 1)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    port = free_port()
    server = start_gunicorn(db_url, port, keep_pages=True)
    try:
        page = urls["pledge"][0]
        Client(port).get(page)
        report["throughput"] = {
            "cached_page_rps": throughput(port, page),
            "static_file_rps": throughput(port, "/static/css/site.css"),
        }
        t = report["throughput"]
        t["ratio"] = round(t["cached_page_rps"] / max(t["static_file_rps"], 0.1), 2)
        print(f"Sida ur cachen mot statisk fil (4 klienter): {t}", flush=True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    report["bench_peak_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print_table(report)
    out = Path(os.environ.get("BENCH_JSON", "bench-scale.json"))
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"\nSkrev {out}")


def print_table(report: dict) -> None:
    print(
        f"\n| sidtyp | p50 ms | p95 ms | kall p50 ms | frågor | KiB |  ({report['pledges']} löften)"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for kind, r in report["pages"].items():
        print(
            f"| {kind} | {r['p50_ms']} | {r['p95_ms']} | {r['cold_p50_ms']} | "
            f"{report['queries'].get(kind, '')} | {r['max_bytes'] // 1024} |"
        )


if __name__ == "__main__":
    main()
