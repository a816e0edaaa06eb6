"""The site in real headless Chromium (Debian's package; `make test` installs it when missing):
axe-core finds no WCAG 2.2 AA violation on any page type, nothing scrolls sideways at 360 or
1280 px, and the compare flow works with the keyboard alone. Screenshots land outside the
repository (SHOTS).
"""

import os
import shutil
import tempfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.conftest import run_worker
from tests.test_public_site import page_urls

# Playwright's sync API runs an event loop in this thread; the database work here happens
# before and after the browser does anything, never concurrently.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

playwright_api = pytest.importorskip("playwright.sync_api", reason="dev dependencies missing")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Outside the repository: $VALLOFTEN_SCREENSHOTS, or valloften-screenshots in the temp folder.
SHOTS = Path(
    os.environ.get("VALLOFTEN_SCREENSHOTS") or Path(tempfile.gettempdir()) / "valloften-screenshots"
)
WIDTHS = [360, 1280]


def submit(page, selector):
    """Click and wait until the page the click leads to has loaded."""
    with page.expect_navigation():
        page.click(selector)


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Chromium is missing: run `make system-deps` (apt-get install chromium)")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db):
    call_command("load_data", stdout=StringIO(), stderr=StringIO())
    return live_server.url


def test_axe_and_overflow_on_every_page_type(browser, site):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    urls = {**page_urls(), "404": "/finns-inte/", "english list": "/en/loften/?q=v%C3%A5ld"}
    for width in WIDTHS:
        page = browser.new_page(viewport={"width": width, "height": 900})
        for name, url in urls.items():
            page.goto(site + url)
            result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
            for violation in result.response["violations"]:
                targets = [n["target"] for n in violation["nodes"]][:3]
                problems.append(f"{width}px {name}: {violation['id']} {targets}")
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                problems.append(f"{width}px {name}: scrolls sideways by {overflow}px")
            slug = name.replace(" ", "-").replace("(", "").replace(")", "")
            page.screenshot(path=str(SHOTS / f"{slug}-{width}.png"), full_page=True)
        page.close()
    assert problems == []


def test_keyboard_only_compare_flow(browser, site):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site + "/jamfor/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # a place, then one of its programs, twice: every step with the keyboard alone

    def tab_to(selector):
        for _ in range(30):
            page.keyboard.press("Tab")
            if page.evaluate(f"document.activeElement.matches({selector!r})"):
                return
        raise AssertionError(f"Tab never reached {selector}")

    for _ in range(2):
        tab_to("#plats")
        page.keyboard.press("ArrowDown")  # Örebro: the first place with programs
        tab_to("#plats ~ button")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "focus must be visible"
        with page.expect_navigation():
            page.keyboard.press("Enter")
        tab_to("#add-program")
        tab_to("#add-program ~ button")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    assert page.url.count("program=") == 2  # the comparison travels in the URL
    assert page.locator(".compare-row").count() > 0
    # from the comparison, reach a pledge by keyboard
    link = page.locator(".cell a").first
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/loften/" in page.url
    assert page.locator("blockquote mark").count() == 1
    page.close()


def test_editor_uploads_reviews_publishes_and_the_public_sees_it(browser, site, tmp_path):
    """One real run: an editor (no superuser) uploads a program, reviews, publishes."""
    stdin = StringIO("redigera-varsamt-2026\n")
    call_command("create_editor", "redaktor", "--password-stdin", stdin=stdin, stdout=StringIO())
    text = tmp_path / "lund.txt"
    text.write_text(
        "Trygg äldreomsorg i Lund\n\nSocialdemokraterna i Lund vill:\n\n"
        "- bygga fler äldreboenden med personal dygnet runt\n"
        "- införa en fast omsorgskontakt i hemtjänsten\n",
        encoding="utf-8",
    )
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "redaktor")
    page.fill("#id_password", "redigera-varsamt-2026")
    submit(page, "input[type=submit]")
    page.goto(site + "/admin/pledges/program/")
    submit(page, "text=Läs in ett program")
    page.set_input_files("#id_file", str(text))
    page.fill("#id_period_start", "2026–2030")
    submit(page, "input[name=_save]")  # party and place are left to the text to propose
    assert "i kö" in page.content()  # the request returns at once; a worker reads it
    run_worker()
    page.reload()
    assert "att bekräfta" in page.content()
    submit(page, "text=Trygg äldreomsorg i Lund")
    assert page.locator("#id_party option[selected]").inner_text() == "Socialdemokraterna"
    page.screenshot(path=str(SHOTS / "source-review-1280.png"), full_page=True)
    submit(page, "input[name=_confirm]")
    run_worker()
    page.reload()
    assert "klar" in page.content()
    submit(page, "text=Trygg äldreomsorg i Lund")
    submit(page, "css=.field-program_link a")
    # nothing is public yet
    public = browser.new_page()
    public.goto(site + "/loften/?kommun=lund")
    assert "bygga fler äldreboenden" not in public.content()
    # review: select all draft pledges, publish them, then publish the program
    page.check("#action-toggle")
    page.select_option("select[name=action]", "publish_selected")
    submit(page, "button[name=index]")
    assert "2 löften publicerade" in page.content()
    page.goto(site + "/admin/pledges/program/?q=Lund")
    page.check("#action-toggle")
    page.select_option("select[name=action]", "make_public")
    submit(page, "button[name=index]")
    public.goto(site + "/loften/?kommun=lund")
    assert "Bygga fler äldreboenden med personal dygnet runt" in public.content()
    public.screenshot(path=str(SHOTS / "published-upload-1280.png"), full_page=True)
    page.close()
    public.close()


def test_filters_fold_on_phones_and_open_beside_the_results_on_wide_screens(browser, site):
    for width, opened in ((360, False), (1280, True)):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(site + "/loften/")
        assert page.evaluate("document.querySelector('details.filter-panel').open") is opened
        results = page.locator("#result-heading").bounding_box()
        if not opened:  # the first result is on the first screen of a phone
            assert results["y"] < 450, results
        page.close()


def test_copy_link_copies_the_clean_address_and_says_so(browser, site):
    context = browser.new_context(
        viewport={"width": 360, "height": 900}, permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    # what a submitted filter form sends: every field, most of them empty
    page.goto(site + "/loften/?kommun=&region=&parti=m&omrade=&q=&ordning=kommun#main")
    button = page.locator("[data-copy-link]")
    assert button.is_visible()
    button.click()
    # a locator's wait, not wait_for_function: the site's CSP allows no string evaluation
    page.locator("#copy-status").filter(has_text="Länken").wait_for()
    assert page.locator("#copy-status").inner_text() == "Länken är kopierad"
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == site + "/loften/?parti=m&ordning=kommun"
    context.close()


def test_without_javascript_there_is_no_copy_button_and_the_filters_open_with_a_tap(browser, site):
    context = browser.new_context(viewport={"width": 360, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/loften/")
    assert not page.locator("[data-copy-link]").is_visible()
    assert not page.locator("#id_parti").is_visible()
    page.click("summary#filter-heading")
    assert page.locator("#id_parti").is_visible()
    context.close()


@pytest.fixture
def news_site():
    """Another origin on this machine (Chromium keeps public pages from framing local ones):
    serves whatever HTML the test puts in ``pages["/"]``."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from threading import Thread

    pages = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = pages.get(self.path, "").encode()
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", pages
    server.shutdown()
    server.server_close()


def test_the_embed_snippet_sizes_its_iframe_on_a_host_page(browser, site, news_site):
    from tests.test_public_site import COMPARE

    address, pages = news_site
    page = browser.new_page(viewport={"width": 360, "height": 900})
    page.goto(site + COMPARE)
    for textarea, grid_only in (("#embed-code", False), ("#embed-code-compact", True)):
        snippet = page.locator(textarea).input_value()
        pages["/"] = f"<!doctype html><html><body><h1>En nyhetssajt</h1>{snippet}</body></html>"
        host = browser.new_page(viewport={"width": 360, "height": 900})
        host.goto(address + "/")
        host.wait_for_function("document.querySelector('iframe').style.height !== ''")
        frame = host.frame_locator("iframe")
        inner = frame.locator("body").evaluate("b => Math.ceil(b.getBoundingClientRect().height)")
        outer = host.evaluate("document.querySelector('iframe').getBoundingClientRect().height")
        assert abs(outer - inner) <= 2, (textarea, outer, inner)
        assert frame.locator(".summary-grid").count() == 1
        assert (frame.locator(".compare-row").count() == 0) is grid_only
        host.close()


def editor_page(browser, site, width):
    """A page logged in as an editor without superuser rights."""
    from django.contrib.auth import get_user_model

    if not get_user_model().objects.filter(username="redaktor").exists():
        stdin = StringIO("redigera-varsamt-2026\n")
        call_command(
            "create_editor", "redaktor", "--password-stdin", stdin=stdin, stdout=StringIO()
        )
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "redaktor")
    page.fill("#id_password", "redigera-varsamt-2026")
    submit(page, "input[type=submit]")
    return page


SIDEWAYS = """[document.documentElement, ...document.querySelectorAll('.results')]
    .map(e => e.scrollWidth - e.clientWidth).filter(d => d > 0)"""


def test_editors_desk_and_pledge_list_fit_and_filter_by_search(browser, site):
    """The start page shows the work waiting; the pledge list fits 1280 and 1600 px without
    sideways scrolling (the page or its table); the municipality filter is a search box."""
    from axe_playwright_python.sync_playwright import Axe

    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for width in (1280, 1600):
        page = editor_page(browser, site, width)
        assert "Löften att granska" in page.content()
        assert page.locator(".desk-task").count() == 5
        page.screenshot(path=str(SHOTS / f"admin-start-{width}.png"), full_page=True)
        page.goto(site + "/admin/pledges/pledge/")
        if page.evaluate(SIDEWAYS):
            problems.append(f"{width}px pledge list scrolls sideways: {page.evaluate(SIDEWAYS)}")
        page.screenshot(path=str(SHOTS / f"admin-pledges-{width}.png"))
        page.close()
    assert problems == []
    page = editor_page(browser, site, 1280)
    # the desk's link to one program's unreviewed pledges
    submit(page, ".desk-task:first-child .desk-lines a >> nth=0")
    assert "status__exact=imported" in page.url and "program=" in page.url
    # the municipality filter: type, choose, and the list is filtered
    page.goto(site + "/admin/pledges/pledge/")
    box = page.locator("#filter-program__municipality__id__exact + .select2")
    box.click()
    page.keyboard.type("Örebr")
    page.wait_for_selector(".select2-results__option:has-text('Örebro')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "program__municipality__id__exact=" in page.url
    assert "Örebro" in page.locator("#filter-program__municipality__id__exact").inner_text()
    rows = page.locator("#result_list tbody tr")
    assert rows.count() > 0
    places = set(page.locator("#result_list td.field-municipality").all_inner_texts())
    assert places == {"Örebro"}
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a"]}})
    violations = [v["id"] for v in result.response["violations"]]
    assert "select-name" not in violations and "label" not in violations
    page.close()
