"""How the public site looks and travels: party chips (their contrast computed from the same
colours the party stylesheet serves), the logo and favicon, the pledge list with results first
and its filters once, the compare grid and the agreement table reflowing on phones, the
self-sizing embed and its compact variant, and the copy-link button."""

import json
import re
import struct
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client

from parties.colours import DARK_INK, LIGHT_INK, MINIMUM_CONTRAST, contrast, ink_for
from parties.models import Party
from tests.test_public_site import COMPARE, L_OREBRO, M_OREBRO

EMBED = COMPARE.replace("/jamfor/", "/jamfor/inbaddning/")
RULE_RE = re.compile(
    r"\.p-([\w-]+) \{ --party-colour: (#[0-9A-Fa-f]{6}); --party-ink: (#[0-9a-f]{6}); \}"
)


# --- party chips ----------------------------------------------------------------------------


def test_contrast_follows_wcag():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # WCAG's own example
    assert contrast("#0b4f94", "#0b4f94") == 1


def test_every_reference_party_gets_a_readable_chip():
    parties = json.loads((settings.FIXTURES_DIR / "parties.json").read_text(encoding="utf-8"))
    for record in parties:
        colour = record["fields"]["colour"]
        ink = ink_for(colour)
        assert contrast(colour, ink) >= MINIMUM_CONTRAST, (record["fields"]["abbreviation"], colour)


@pytest.mark.parametrize("colour", ["#777777", "#af649b", "#009933", "#dddd00", "#e8112d"])
def test_even_mid_tones_get_a_readable_ink(colour):
    """Mid-tones are the hard case: only black or white can reach 4.5:1 with every colour."""
    assert max(contrast(colour, DARK_INK), contrast(colour, LIGHT_INK)) >= MINIMUM_CONTRAST
    assert contrast(colour, ink_for(colour)) >= MINIMUM_CONTRAST


def test_the_served_party_stylesheet_only_has_readable_chips(client, loaded_db):
    """What the browser gets: every party's colour and ink, as the stylesheet serves them,
    including a colour an editor chose."""
    Party.objects.filter(slug="c").update(colour="#7A7A7A")  # an editor's grey
    css = client.get("/partier/farger.css").content.decode()
    rules = RULE_RE.findall(css)
    assert {slug for slug, *_ in rules} == set(Party.objects.values_list("slug", flat=True))
    for slug, colour, ink in rules:
        assert contrast(colour, ink) >= MINIMUM_CONTRAST, (slug, colour, ink)


def test_the_greens_and_the_blues_are_told_apart_by_their_abbreviation(client, loaded_db):
    html = client.get(COMPARE).content.decode()
    assert '<span class="party-chip p-m" aria-hidden="true">M</span>' in html
    assert '<span class="party-chip p-l" aria-hidden="true">L</span>' in html
    listing = client.get("/loften/?parti=mp").content.decode()
    assert '<span class="party-chip p-mp" aria-hidden="true">MP</span>' in listing
    assert "party-dot" not in html + listing


# --- logo and favicon ---------------------------------------------------------------------------


def test_every_page_links_a_favicon_and_shows_the_logo(client, loaded_db):
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
    assert 'href="/static/img/favicon-32.png" type="image/png" sizes="32x32"' in html
    brand = re.search(r'<a class="brand" href="/">(.*?)</a>', html, re.S).group(1)
    assert '<svg class="brand-mark"' in brand and 'aria-hidden="true"' in brand
    assert '<span class="brand-name">Vallöften</span>' in brand  # the link's name is the site's


def test_the_favicons_are_what_they_say(settings):
    svg = Path(finders.find("img/favicon.svg")).read_text(encoding="utf-8")
    assert svg.startswith("<svg") and 'viewBox="0 0 32 32"' in svg
    for name, size in (("img/favicon-32.png", 32), ("img/apple-touch-icon.png", 180)):
        data = Path(finders.find(name)).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", name
        assert struct.unpack(">II", data[16:24]) == (size, size), name


def test_whitenoise_serves_the_favicon(settings, db):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    client = Client()  # a fresh handler: WhiteNoise reads its settings when it starts
    for url, kind in (
        ("/static/img/favicon.svg", "image/svg+xml"),
        ("/static/img/favicon-32.png", "image/png"),
    ):
        response = client.get(url)
        response.close()  # a file response: let go of the file
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith(kind), url


# --- the pledge list on phones ------------------------------------------------------------------


def test_the_list_shows_its_filters_once_folded_before_the_results(client, loaded_db):
    html = client.get("/loften/?kommun=orebro").content.decode()
    panel = html.index('<details class="filter-panel" data-open-wide>')
    assert panel < html.index('class="results"')  # one tap away, not a screen of selects
    assert '<details class="filter-panel" data-open-wide open' not in html
    assert '<summary id="filter-heading">Filtrera <span class="count">(1 valt)</span>' in html
    # each filter once: a select whose options say how many pledges they give
    assert 'class="facet' not in html and html.count('name="parti"') == 1
    assert re.search(r'<option value="m">Moderaterna \(\d+\)</option>', html)
    assert re.search(r'<option value="orebro" selected>Örebro \(\d+\)</option>', html)


def test_the_counts_beside_the_options_follow_the_other_filters(client, loaded_db):
    response = client.get("/loften/?kommun=orebro&parti=m")
    choices = dict(response.context["filterset"].form.fields["parti"].widget.choices)
    listed = response.context["total"]
    assert choices["m"] == f"Moderaterna ({listed})"
    everywhere = client.get("/loften/?parti=m").context["total"]
    assert listed < everywhere  # Örebro's count, not the country's
    kinds = dict(response.context["filterset"].form.fields["typ"].widget.choices)
    assert kinds[""] == "Alla typer"  # the empty choice has no count


# --- phones: the compare grid and the agreement table reflow ----------------------------------


def test_grid_cells_name_their_column_for_the_narrow_layout(client, loaded_db):
    html = client.get(COMPARE).content.decode()
    assert 'data-label="M, Örebro"' in html and 'data-label="L, Örebro"' in html
    assert 'data-label="M, Västerås"' in html
    assert "table-scroll" not in html  # nothing to scroll sideways
    agreement = client.get("/kommuner/orebro/samstammighet/").content.decode()
    assert 'data-label="Totalt"' in agreement
    assert 'data-label="Socialtjänst och försörjningsstöd"' in agreement
    assert "table-scroll" not in agreement


# --- the embed ----------------------------------------------------------------------------------


def test_the_embed_posts_its_height_and_can_still_be_framed(client, loaded_db):
    response = client.get(EMBED)
    html = response.content.decode()
    assert '<script src="/static/js/embed.js" defer></script>' in html
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert 'class="compare cols-3"' in html  # the full embed has every pledge


def test_the_compact_embed_has_only_the_grid_linking_to_the_full_comparison(client, loaded_db):
    response = client.get(EMBED + "&kompakt=1")
    html = response.content.decode()
    assert "X-Frame-Options" not in response
    assert 'class="summary-grid"' in html and "compare-row" not in html
    full = f"/jamfor/?program={M_OREBRO}&amp;program={L_OREBRO}"
    assert f'<a href="{full}' in html
    assert re.search(r'<a href="/jamfor/\?[^"]*#row-socialtjanst" target="_top">', html)
    assert '<script src="/static/js/embed.js" defer></script>' in html


def test_the_compare_page_offers_both_embeds_with_a_resizing_host_script(client, loaded_db):
    response = client.get(COMPARE)
    context = response.context
    html = response.content.decode()
    for name, url in (("embed", context["embed_url"]), ("compact", context["compact_url"])):
        snippet = context[f"{name}_snippet"]
        assert f'<iframe src="{url.replace("&", "&amp;")}"' in snippet
        # the host script listens only to our origin, only to our message type, and resizes
        # only the iframe that sent the message
        assert 'event.origin !== "http://testserver"' in snippet
        assert 'event.data.type !== "valloften:height"' in snippet
        assert "frame.contentWindow === event.source" in snippet
    assert context["compact_url"].endswith("&kompakt=1")
    textareas = re.findall(r"<textarea[^>]*>(.*?)</textarea>", html, re.S)
    assert [unescape(t) for t in textareas] == [
        context["embed_snippet"],
        context["compact_snippet"],
    ]


# --- copy link ----------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [COMPARE, "/loften/?parti=m"])
def test_copy_link_button_is_hidden_without_javascript_and_announces(client, loaded_db, url):
    html = client.get(url).content.decode()
    button = re.search(r"<button[^>]*data-copy-link[^>]*>(.*?)</button>", html).group(0)
    assert " hidden>" in button and 'type="button"' in button
    assert 'data-copied="Länken är kopierad"' in button
    assert '<span id="copy-status" class="copy-status" role="status" aria-live="polite">' in html
    assert '<script src="/static/js/site.js" defer></script>' in html
