"""Real sources in: the readers (PDF, HTML, DOCX, text), fetching, and the bulk import."""

from __future__ import annotations

import csv
import io
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import docx
import pytest
from django.core.management import CommandError, call_command
from reportlab.pdfgen import canvas

from pledges.models import Pledge, Program
from pledges.parsing import Lexicon, ProgramTextError, parse_program
from pledges.parsing.evaluation import load_corpus
from sources.fetch import fetch
from sources.models import Source
from sources.reading import read_document
from tests.corpus.tool import HERE as CORPUS
from tests.layouts import CHROME_BOTTOM, CHROME_TOP, program_html, program_pdf

LONG_TEXTS = [
    "region-vastra-gotaland-regionens-framtid-partiprogram.txt",
    "kungsbacka-v-kommunprogram-2018-2022.txt",
    "tyreso-kd-kommunpolitiskt-program.txt",
    "vaxjo-sd-inriktningsprogram.txt",
    "kramfors-mp-valmanifest-2022.txt",
]
FURNITURE = (
    "Valprogram 2026",
    "Dela på",
    "nyhetsbrev",
    "kakor",
    "Integritetspolicy",
    "Senaste nyheterna",
    "Bli medlem",
    "Storgatan",
)


@pytest.fixture(scope="module")
def corpus():
    return {t.file: t for t in load_corpus(CORPUS)}


@pytest.fixture(scope="module")
def lex():
    return Lexicon.from_fixtures()


def found(text: str, lex) -> list:
    return parse_program(text, lex).pledges


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def same(a: str, b: str) -> bool:
    """Mostly the same words: a pledge set in another layout may gain or lose a wrapped part."""
    shared = len(words(a) & words(b))
    return shared >= 0.8 * len(words(a)) and shared >= 0.5 * len(words(b))


def share_found(text, other: list, lex) -> float:
    """Of the real pledges (annotated) the parser finds in the clean text, the share it finds
    again in another layout of the same program."""
    gold = [g["quote"] for g in text.annotation["pledges"]]
    clean = [p.display for p in found(text.text, lex) if any(same(g, p.display) for g in gold)]
    again = [p.display for p in other]
    return sum(any(same(p, q) for q in again) for p in clean) / max(1, len(clean))


# --- readers -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", LONG_TEXTS)
def test_a_printed_pdf_gives_what_the_clean_text_gives(corpus, lex, name):
    """Two columns, a running header, page numbers and hyphenated words: at least 95 % of the
    pledges of the clean text, each with its page, and no page furniture in any pledge."""
    text = corpus[name].text
    document = read_document(program_pdf(text), name.replace(".txt", ".pdf"))
    pledges = found(document.text, lex)
    assert share_found(corpus[name], pledges, lex) >= 0.95
    assert document.format == "pdf" and document.pages >= 1
    assert document.text.count("\f") == document.pages
    assert all(1 <= p.page <= document.pages for p in pledges)
    for p in pledges:
        assert not any(f in p.text for f in FURNITURE), p.text
        assert "\ufffe" not in p.text and "- " not in p.display.replace(" - ", " ")


@pytest.mark.parametrize("name", LONG_TEXTS)
def test_a_party_web_page_gives_what_the_clean_text_gives(corpus, lex, name):
    text = corpus[name].text
    document = read_document(program_html(text, "Vår politik").encode(), name)
    assert document.format == "html" and document.title.startswith("Vår politik")
    assert not any(f in document.text for f in FURNITURE)  # no site chrome reaches the parser
    assert share_found(corpus[name], found(document.text, lex), lex) >= 0.95
    starts = [a[0] for a in document.anchors]
    assert starts == sorted(starts) and {a[2] for a in document.anchors} >= {"h1", "p"}


def test_a_pdf_pledge_has_its_page(lex):
    pages = "\n\n".join(
        f"Kapitel {n}\n\nVi vill:\n\n- bygga {n} nya förskolor i kommunen\n\n" + "Text. " * 400
        for n in range(1, 4)
    )
    document = read_document(program_pdf(pages), "kapitel.pdf")
    by_text = {p.display: p.page for p in found(document.text, lex)}
    assert by_text["Bygga 1 nya förskolor i kommunen"] == 1
    assert by_text["Bygga 3 nya förskolor i kommunen"] > by_text["Bygga 2 nya förskolor i kommunen"]


def test_a_word_file_is_read_with_its_headings_and_lists(lex):
    document = docx.Document()
    document.add_heading("Valprogram för Lund", level=1)
    document.add_paragraph("Socialdemokraterna i Lund vill:")
    document.add_paragraph("bygga fler äldreboenden", style="List Bullet")
    document.add_paragraph("anställa fler undersköterskor", style="List Bullet")
    buf = io.BytesIO()
    document.save(buf)
    read = read_document(buf.getvalue(), "lund.docx")
    assert read.format == "docx" and read.text.startswith("Valprogram för Lund\n\n")
    assert [p.display for p in found(read.text, lex)] == [
        "Bygga fler äldreboenden",
        "Anställa fler undersköterskor",
    ]


def test_the_format_is_known_by_content_not_by_name():
    pdf = program_pdf("Vi vill bygga fler förskolor i hela kommunen.")
    assert read_document(pdf, "program.txt").format == "pdf"
    html = program_html("Vi vill bygga fler förskolor i hela kommunen, " * 5, "Politik")
    assert read_document(html.encode(), "program.pdf").format == "html"
    assert read_document(b"Vi vill bygga.\n", "program.html").format == "text"


def _scanned_pdf() -> bytes:
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    for _ in range(3):
        pdf.rect(50, 50, 400, 600, fill=1)  # a picture of a page, no text layer
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def _encrypted_pdf() -> bytes:
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, encrypt="hemligt")
    pdf.drawString(50, 700, "Vi vill bygga fler förskolor.")
    pdf.save()
    return buf.getvalue()


def _zip() -> bytes:
    buf = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("bild.png", b"\x89PNG")
    return buf.getvalue()


@pytest.mark.parametrize(
    "data, message",
    [
        (_scanned_pdf(), "inget textlager"),
        (_encrypted_pdf(), "lösenordsskyddad"),
        (program_pdf("Vi vill bygga fler förskolor. " * 50)[:900], "trasig"),
        (f"<html><body>{CHROME_TOP}{CHROME_BOTTOM}</body></html>".encode(), "ingen huvudtext"),
        (_zip(), "okänd filtyp"),
        (b"\x00\x01\x02binary", "okänd filtyp"),
        (b"  \n", "tom"),
    ],
    ids=["scanned", "encrypted", "broken", "no-main-content", "zip", "binary", "empty"],
)
def test_bad_sources_get_one_clear_line(data, message):
    with pytest.raises(ProgramTextError) as err:
        read_document(data, "program.bin")
    assert str(err.value).startswith("program.bin") and message in str(err.value)
    assert "\n" not in str(err.value)


def test_parse_program_reads_a_pdf_and_gives_pages(tmp_path):
    path = tmp_path / "program.pdf"
    path.write_bytes(program_pdf("Kultur\n\nVi vill:\n\n- bygga ett nytt bibliotek i Lund\n"))
    out = StringIO()
    call_command("parse_program", str(path), "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["format"] == "pdf" and result["pages"] == 1
    assert [(p["text"], p["page"]) for p in result["pledges"]] == [
        ("Bygga ett nytt bibliotek i Lund", 1)
    ]
    (tmp_path / "scan.pdf").write_bytes(_scanned_pdf())
    with pytest.raises(CommandError, match=r"scan\.pdf: PDF-filen har inget textlager"):
        call_command("parse_program", str(tmp_path / "scan.pdf"))


# --- fetching ------------------------------------------------------------------------------


class Site(BaseHTTPRequestHandler):
    """A party site on localhost: programs, errors, redirects and a robots.txt."""

    pages: dict = {}
    agents: list = []

    def do_GET(self):
        self.agents.append(self.headers.get("User-Agent", ""))
        page = self.pages.get(self.path)
        if page is None:
            self.send_response(404)
            self.end_headers()
            return
        status, headers, body = page
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        if callable(body):
            body(self.wfile)
        else:
            self.wfile.write(body)

    def log_message(self, *args):
        pass


def _trickle(out):
    import time

    try:
        for _ in range(40):
            out.write(b"x")
            out.flush()
            time.sleep(0.1)
    except (BrokenPipeError, ConnectionResetError):
        pass


def _endless(out):
    try:
        for _ in range(10_000):
            out.write(b"x" * 65536)
    except (BrokenPipeError, ConnectionResetError):
        pass


@pytest.fixture
def site():
    program = program_html(
        "Trygghet i Lund\n\nSocialdemokraterna i Lund vill:\n\n- anställa fler "
        "fältassistenter i Lund\n- öppna fritidsgårdarna på helger\n",
        "Trygghet i Lund",
    ).encode()
    Site.pages = {
        "/robots.txt": (200, {}, b"User-agent: *\nDisallow: /privat/\n"),
        "/program": (200, {"Content-Type": "text/html; charset=utf-8"}, program),
        "/program.pdf": (
            200,
            {"Content-Type": "application/pdf"},
            program_pdf("Vi vill:\n\n- bygga fler förskolor i Lund\n"),
        ),
        "/flyttad": (301, {"Location": "/program"}, b""),
        "/slinga": (302, {"Location": "/slinga2"}, b""),
        "/slinga2": (302, {"Location": "/slinga"}, b""),
        "/stor": (200, {"Content-Length": str(200 * 1024 * 1024)}, b""),
        "/strom": (200, {}, _endless),
        "/langsam": (200, {}, _trickle),
        "/privat/program": (200, {}, program),
        "/kakor": (
            200,
            {"Content-Type": "text/html"},
            f"<html><body>{CHROME_TOP}</body></html>".encode(),
        ),
    }
    Site.agents = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_fetch_follows_a_redirect_and_names_the_project(site):
    fetched = fetch(site + "/flyttad")
    assert fetched.url == site + "/program" and b"fler" in fetched.data
    assert all(agent.startswith("Valloften/") for agent in Site.agents)


@pytest.mark.parametrize(
    "path, message",
    [
        ("/finns-inte", "sidan finns inte (HTTP 404)"),
        ("/slinga", "omdirigerar i en slinga"),
        ("/stor", "större än 5 MB"),
        ("/strom", "större än 5 MB"),
        ("/privat/program", "robots.txt tillåter inte"),
    ],
)
def test_fetch_refuses_with_a_clear_line(site, settings, path, message):
    settings.FETCH_MAX_BYTES = 5 * 1024 * 1024
    with pytest.raises(ProgramTextError) as err:
        fetch(site + path)
    assert str(err.value).startswith(site + path) and message in str(err.value)


def test_a_server_that_trickles_is_given_up_on(site, monkeypatch):
    monkeypatch.setattr("sources.fetch.TOTAL_SECONDS", 1)
    with pytest.raises(ProgramTextError, match="överföringen tog mer än 1 s"):
        fetch(site + "/langsam")


def test_fetch_refuses_other_schemes_and_private_addresses(settings):
    with pytest.raises(ProgramTextError, match="bara adresser som börjar med http"):
        fetch("file:///etc/passwd")
    settings.FETCH_ALLOW_PRIVATE = False
    with pytest.raises(ProgramTextError, match="internt nät"):
        fetch("http://127.0.0.1:6379/")
    with pytest.raises(ProgramTextError, match="internt nät"):
        fetch("http://169.254.169.254/latest/meta-data/")


def test_the_connection_itself_must_be_public(site, settings):
    """Neither a URL that parsers read differently nor DNS that changes its answer between the
    check and the connection reaches an internal address."""
    from unittest import mock

    settings.FETCH_ALLOW_PRIVATE = False
    port = site.rsplit(":", 1)[1]
    with pytest.raises(ProgramTextError, match="internt nät"):
        fetch(f"http://127.0.0.1:{port}\\@example.com/program")
    with (
        mock.patch("sources.fetch._check_address"),
        pytest.raises(ProgramTextError, match="internt nät"),
    ):  # as if the name had resolved to a public address when it was checked
        fetch(site + "/program")
    assert Site.agents == []  # nothing was asked of the internal server


def test_an_unreachable_server_is_a_clear_line():
    with pytest.raises(ProgramTextError, match=r"kan inte nås|svarade inte i tid"):
        fetch("http://127.0.0.1:9/program")  # the discard port: nothing listens


# --- in bulk -------------------------------------------------------------------------------


def write_csv(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source", "party", "place", "period", "title"])
        writer.writerows(rows)
    return path


def test_import_sources_reports_each_row_and_goes_on_after_a_bad_one(loaded_db, site, tmp_path):
    (tmp_path / "malmo.txt").write_text(
        "Socialdemokraterna i Malmö vill:\n\n- bygga fler bostäder i Malmö\n", encoding="utf-8"
    )
    sheet = write_csv(
        tmp_path / "program.csv",
        [
            [site + "/program", "S", "Lund", "2026–2030", ""],
            [site + "/program.pdf", "Moderaterna", "1281", "2026-2030", "Förskolan"],
            ["malmo.txt", "S", "1280", "", "Malmö"],
            [site + "/finns-inte", "S", "Lund", "", "Borta"],
            [site + "/kakor", "S", "Lund", "", "Kakor"],
            [site + "/program", "XYZ", "Lund", "", ""],
            [site + "/program", "S", "Atlantis", "", ""],
        ],
    )
    before = Program.objects.count(), Pledge.objects.count()
    out = StringIO()
    with pytest.raises(CommandError, match="4 av 7 rader misslyckades"):
        call_command("import_sources", str(sheet), stdout=out)
    lines = out.getvalue().splitlines()
    assert "rad 2: skapad" in lines[0] and "2 löften" in lines[0]
    assert "rad 3: skapad" in lines[1] and "rad 4: skapad" in lines[2]
    assert "rad 5: misslyckad" in lines[3] and "HTTP 404" in lines[3]
    assert "rad 6: misslyckad" in lines[4] and "ingen huvudtext" in lines[4]
    assert "okänt parti 'XYZ'" in lines[5] and "okänd kommun eller region 'Atlantis'" in lines[6]
    assert "7 rader" in lines[-1] and "3 skapad, 4 misslyckad" in lines[-1]
    assert Program.objects.count() == before[0] + 3
    lund = Program.objects.get(
        municipality__name="Lund", party__abbreviation="S", title="Trygghet i Lund"
    )
    assert not lund.is_public and lund.period_start == 2026 and lund.pledges.count() == 2
    source = Source.objects.get(program=lund)
    assert source.format == "html" and source.file_name == "program.html" and source.sha256
    with source.file.open("rb") as original:
        assert original.read().startswith(b"<!DOCTYPE html>")
    pdf = Program.objects.get(title="Förskolan").pledges.get()
    assert pdf.text == "Bygga fler förskolor i Lund" and pdf.page == 1
    assert Source.objects.filter(state="failed").count() == 2  # each with its reason
    # Run again: what is in is unchanged, nothing is duplicated
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import_sources", str(sheet), stdout=out)
    assert "3 oförändrad, 4 misslyckad" in out.getvalue().splitlines()[-1]
    assert Program.objects.count() == before[0] + 3


def test_import_sources_refuses_a_sheet_without_its_columns(tmp_path, db):
    sheet = tmp_path / "fel.csv"
    sheet.write_text("adress;parti\nhttps://example.se;S\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"fel\.csv:1: kolumn saknas: source, party, place"):
        call_command("import_sources", str(sheet))
