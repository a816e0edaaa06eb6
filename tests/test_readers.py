"""What a reader is shown and can trust: the pledge in clean words with the party's own words
under it, the editors' wording marked, no editor's login in public, one review notice per
page, and the index pages (parties, places, topics, programs), Metod and Open Graph tags."""

import re

import pytest
from django.contrib.auth import get_user_model

from municipalities.models import Municipality, Region
from parties.models import Party
from pledges.models import Pledge, Program
from pledges.rendering import quote_in_paragraph, without_markup
from tests.builders import a_pledge, a_program
from tests.test_public_site import page_urls

HEADING_TEXT = (
    "Inledning\n\n- **Skyddat boende för män!**\n\nKommunen ska erbjuda skyddat boende "
    "även för män som utsatts för våld.\n\n- **Nästa rubrik**\n"
)


def test_layout_marks_are_left_out_of_a_quote_but_its_words_kept():
    assert without_markup("- **Fler fältassistenter!**") == "Fler fältassistenter!"
    assert without_markup("## Skolan\n  3. bygga ut") == "Skolan\nbygga ut"
    # a dash inside a line is the source's punctuation, not a list mark
    assert without_markup("bättre - och billigare") == "bättre - och billigare"


def test_a_heading_pledge_is_quoted_with_the_paragraph_under_it():
    start = HEADING_TEXT.index("Skyddat")
    end = HEADING_TEXT.index("!**") + 1
    alone = quote_in_paragraph(HEADING_TEXT, start, end)
    assert alone == "<mark>Skyddat boende för män!</mark>"
    with_paragraph = quote_in_paragraph(HEADING_TEXT, start, end, with_next=True)
    assert with_paragraph.startswith("<mark>Skyddat boende för män!</mark>")
    assert "Kommunen ska erbjuda skyddat boende" in with_paragraph
    assert "**" not in with_paragraph and "Nästa rubrik" not in with_paragraph


@pytest.fixture
def heading_pledge(reference_db):
    program = a_program(HEADING_TEXT, source_url="https://example.se/program", is_public=True)
    start = HEADING_TEXT.index("Skyddat")
    return a_pledge(
        program,
        text="Skyddat boende för män!",
        quote="Skyddat boende för män!",
        details="Kommunen ska erbjuda skyddat boende även för män som utsatts för våld.",
        kind=Pledge.Kind.HEADING,
        start=start,
        end=HEADING_TEXT.index("!**") + 1,
        status=Pledge.Status.PUBLISHED,
        parsed={"text": "Skyddat boende för män!"},
        area="vald",
    )


def test_a_heading_pledge_shows_its_paragraph_in_lists_and_on_its_page(client, heading_pledge):
    listed = client.get("/loften/").content.decode()
    assert "Kommunen ska erbjuda skyddat boende även för män" in listed
    page = client.get(heading_pledge.get_absolute_url()).content.decode()
    quote = re.search(r'<blockquote class="source-quote">(.*?)</blockquote>', page, re.S)[1]
    assert "<mark>Skyddat boende för män!</mark>" in quote
    assert "Kommunen ska erbjuda skyddat boende" in quote
    assert "**" not in quote and "- " not in quote
    assert "https://example.se/program" in page  # the source with the quote


def test_the_editors_wording_is_marked_and_the_source_quoted(client, heading_pledge):
    assert "Redaktionens formulering" not in client.get("/loften/").content.decode()
    heading_pledge.text = "Kommunen ska ha skyddat boende för män"
    heading_pledge.save()
    listed = client.get("/loften/").content.decode()
    assert "Redaktionens formulering" in listed
    assert "Skyddat boende för män!" in listed  # the party's own words under it
    page = client.get(heading_pledge.get_absolute_url()).content.decode()
    assert "Redaktionens formulering" in page


def test_no_editor_login_in_public_only_the_newsroom(client, heading_pledge, settings):
    settings.NEWSROOM_NAME = "Testredaktionen"
    editor = get_user_model().objects.create_user("anna", password="x" * 20)
    heading_pledge.fulfilment = Pledge.Fulfilment.KEPT
    heading_pledge.fulfilment_evidence = "https://example.se/beslut"
    heading_pledge.fulfilment_by = editor
    heading_pledge.publish(editor)
    heading_pledge.save()
    page = client.get(heading_pledge.get_absolute_url()).content.decode()
    assert "av Testredaktionen" in page
    assert "anna" not in page


def test_one_review_notice_per_page_not_a_badge_per_row(client, reference_db):
    program = a_program()
    for i in range(3):
        a_pledge(program, text=f"Bygga förskola nummer {i}", status=Pledge.Status.IMPORTED)
    a_pledge(program, text="Bygga en simhall", status=Pledge.Status.PUBLISHED)
    html = client.get("/loften/").content.decode()
    assert html.count("review-notice") == 1
    assert "3 av de 4 löftena här är tolkade automatiskt" in html
    assert "ej granskat" not in html
    program_page = client.get(program.get_absolute_url()).content.decode()
    assert program_page.count("review-notice") == 1


def test_place_index_lists_every_municipality_and_region_by_county(client, loaded_db):
    html = client.get("/kommuner/").content.decode()
    assert html.count('class="place-card') == Municipality.objects.count() + Region.objects.count()
    assert "Örebro län" in html and "Region Örebro län" in html
    orebro = re.search(r'href="/kommuner/orebro/">Örebro</a>\s*<span class="muted">([^<]*)', html)
    pledges = Pledge.objects.public().filter(program__municipality__slug="orebro").count()
    assert orebro[1].strip() == f"3 program, {pledges} löften"
    assert "inga program ännu" in html  # the places we have nothing from are there too
    found = client.get("/kommuner/?q=v%C3%A4ster").content.decode()
    assert "Västerås" in found and "Örebro</a>" not in found
    nothing = client.get("/kommuner/?q=qqq").content.decode()
    assert "Ingen kommun eller region heter något med" in nothing
    # the home page's plain chooser goes to the municipality's page
    response = client.get("/kommuner/?kommun=gnesta")
    assert response.status_code == 302 and response["Location"] == "/kommuner/gnesta/"
    assert client.get("/kommuner/?kommun=finns-inte").status_code == 200
    regions = client.get("/regioner/").content.decode()
    assert regions.count('class="place-card') == Region.objects.count()


def test_party_index_counts_and_local_parties(client, loaded_db):
    html = client.get("/partier/").content.decode()
    for party in Party.objects.filter(municipality=None, region=None):
        assert party.name in html
    local = Party.objects.exclude(municipality=None).first()
    assert local is not None and f'{local.name}</a> <span class="muted">(' in html
    m = re.search(r'href="/partier/m/">Moderaterna</a>\s*<span class="muted">([^<]*)', html)
    pledges = Pledge.objects.public().filter(program__party__abbreviation="M").count()
    assert m[1].strip() == f"2 program, {pledges} löften · 2 orter"


def test_area_index_lists_topics_with_their_sub_areas(client, loaded_db):
    html = client.get("/omraden/").content.decode()
    assert "Socialtjänst och försörjningsstöd" in html
    assert 'href="/omraden/vald/"' in html  # a sub-area, under its topic
    english = client.get("/en/omraden/").content.decode()
    assert "Social services and income support" in english


def test_program_index_filters_and_hides_drafts(client, loaded_db):
    html = client.get("/program/").content.decode()
    assert html.count('class="party-chip') == Program.objects.filter(is_public=True).count()
    only_m = client.get("/program/?parti=m").context["page"].object_list
    assert {p.party.abbreviation for p in only_m} == {"M"}
    by_place = client.get("/program/?q=v%C3%A4ster%C3%A5s").context["page"].object_list
    assert [p.municipality.name for p in by_place] == ["Västerås"]
    assert client.get("/program/?parti=zzz").status_code == 400
    draft = Program.objects.get(slug="huddinge-sociala-fragor")
    draft.is_public = False
    draft.save()
    assert draft.title not in client.get("/program/").content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft.title not in client.get("/kommuner/huddinge/").content.decode()


def test_municipality_page_names_the_parties_without_a_program(client, loaded_db):
    html = client.get("/kommuner/orebro/").content.decode()
    missing = re.search(r'<p class="missing-parties">(.*?)</p>', html, re.S)[1]
    assert "Socialdemokraterna" in missing and "Örebropartiet" in missing
    assert "Moderaterna" not in missing  # it has a program there
    assert "Sverigedemokraterna" in missing


def test_method_page_in_both_languages_and_linked_from_every_page(client, loaded_db):
    sv = client.get("/metod/").content.decode()
    assert "Vad är ett löfte?" in sv and 'id="granskning"' in sv and "CC BY 4.0" in sv
    en = client.get("/en/metod/").content.decode()
    assert "What is a pledge?" in en and 'id="granskning"' in en
    assert 'href="/metod/"' in client.get("/").content.decode()


def test_home_page_searches_and_chooses_among_all_municipalities(client, loaded_db):
    html = client.get("/").content.decode()
    assert re.search(r'<form class="home-search" action="/loften/"', html)
    assert html.count("<option value=") == Municipality.objects.count()


def test_every_page_has_open_graph_tags(client, loaded_db):
    for name, url in page_urls().items():
        if name.startswith("embed"):  # shown inside another site's page
            continue
        html = client.get(url).content.decode()
        title = re.search(r"<title>(.*?) – Vallöften</title>", html, re.S)[1]
        og = re.search(r'<meta property="og:title" content="([^"]*)">', html)
        assert og and og[1] == title, name
        assert re.search(r'<meta property="og:url" content="http://testserver/', html), name
        assert '<meta property="og:description" content="' in html, name
    pledge = Pledge.objects.public().first()
    html = client.get(pledge.get_absolute_url()).content.decode()
    assert '<meta property="og:type" content="article">' in html


def test_the_admin_offers_a_public_link_only_for_a_public_program(loaded_db):
    from django.contrib.admin.sites import site

    admin = site._registry[Program]
    program = Program.objects.get(slug="huddinge-sociala-fragor")
    assert admin.view_on_site(program) == program.get_absolute_url()
    program.is_public = False
    assert admin.view_on_site(program) is None


def test_a_topic_is_described_in_the_pages_language(client, loaded_db):
    swedish = client.get("/omraden/forskola/").content.decode()
    english = client.get("/en/omraden/forskola/").content.decode()
    assert "Förskola, pedagogisk omsorg och barnomsorg" in swedish
    assert "Preschool, pedagogical care and childcare" in english
    assert "pedagogisk omsorg" not in english
    area = client.get("/api/omraden/?per_sida=100").json()["results"]
    assert {a["slug"]: a["description_en"] for a in area}["forskola"].startswith("Preschool")
