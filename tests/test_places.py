"""A municipality's and a region's page, and its agreement page, one election period at a
time and bounded in size however many programs and pledges the place has."""

import pytest

from municipalities.views import PLEDGES_PER_TOPIC
from parties.models import Party
from pledges.models import Program
from tests.builders import a_pledge, a_program


@pytest.fixture
def gnesta(reference_db):
    """Gnesta (0461): S and M in 2022 (S with 8 pledges on förskola), S in 2018."""
    from municipalities.models import Municipality

    place = Municipality.objects.get(code="0461")
    s, m = Party.objects.get(abbreviation="S"), Party.objects.get(abbreviation="M")
    s22 = a_program(slug="s-2022", party=s, municipality=place, period_start=2022)
    m22 = a_program(slug="m-2022", party=m, municipality=place, period_start=2022)
    s18 = a_program(slug="s-2018", party=s, municipality=place, period_start=2018)
    for i in range(8):
        a_pledge(s22, f"Bygga förskola nummer {i}")
    a_pledge(m22, "Sänka skatten", area="skatt-ekonomi")
    a_pledge(s18, "Ett gammalt löfte om förskolan")
    return place


def test_the_newest_period_is_shown_with_its_grid_and_the_first_pledges_of_each_topic(
    client, gnesta
):
    response = client.get("/kommuner/gnesta/")
    assert response.status_code == 200
    found = response.context["found"]
    assert found.periods == [2022, 2018] and found.period == 2022
    assert [p.slug for p in response.context["columns"]] == ["s-2022", "m-2022"]
    topics = {t["area"].slug: t for t in response.context["topics"]}
    assert topics["forskola"]["total"] == 8
    assert len(topics["forskola"]["first"]) == PLEDGES_PER_TOPIC < 8
    assert [n for n, *_shade_url_program in topics["forskola"]["cells"]] == [8, 0]
    page = response.content.decode()
    assert "Visa alla 8 löften om" in page
    assert "kommun=gnesta&amp;period=2022&amp;omrade=forskola" in page
    assert "gammalt löfte" not in page  # 2018 is one click away
    assert 'href="?period=2018"' in page


def test_another_period_and_a_bad_one(client, gnesta):
    older = client.get("/kommuner/gnesta/?period=2018")
    assert "gammalt löfte" in older.content.decode()
    assert [p.slug for p in older.context["columns"]] == ["s-2018"]
    empty = client.get("/kommuner/gnesta/?period=2030")
    assert (
        empty.status_code == 200 and "inga program från den här perioden" in empty.content.decode()
    )
    bad = client.get("/kommuner/gnesta/?period=tjugo")
    assert bad.status_code == 400 and "årtal" in bad.content.decode()
    assert client.get("/kommuner/gnesta/samstammighet/?period=x").status_code == 400


def test_agreement_compares_the_programs_of_one_period(client, gnesta):
    response = client.get("/kommuner/gnesta/samstammighet/")
    assert [(r["a"].slug, r["b"].slug) for r in response.context["rows"]] == [("s-2022", "m-2022")]
    older = client.get("/kommuner/gnesta/samstammighet/?period=2018")
    assert older.context["rows"] == []
    assert "samma period" in older.content.decode()


def test_the_region_filter_lists_a_regions_pledges(client, reference_db):
    from municipalities.models import Region

    region = Region.objects.get(code="01")
    program = a_program(slug="r", municipality=None, region=region, period_start=2022)
    a_pledge(program, "Kortare köer till vårdcentralen", area="halso-och-sjukvard")
    a_pledge(a_program(slug="k"), "Fler förskolor")
    response = client.get(f"/loften/?region={region.slug}")
    assert [p.text for p in response.context["page"].object_list] == [
        "Kortare köer till vårdcentralen"
    ]
    assert Program.objects.count() == 2


def test_lists_follow_places_in_swedish_order_then_party(client, reference_db):
    from municipalities.models import Municipality
    from pledges.ranking import refresh_ranks, swedish_key

    assert sorted(["Örebro", "Ale", "Åre", "Älvkarleby", "Zinkgruvan"], key=swedish_key) == [
        "Ale",
        "Zinkgruvan",
        "Åre",
        "Älvkarleby",
        "Örebro",
    ]
    s, m = Party.objects.get(abbreviation="S"), Party.objects.get(abbreviation="M")
    for code, party in (("1880", s), ("2321", m), ("1440", s), ("2321", s)):  # Örebro Åre Ale
        program = a_program(
            slug=f"{code}-{party.slug}",
            party=party,
            municipality=Municipality.objects.get(code=code),
        )
        a_pledge(program, f"Löfte i {code} av {party.abbreviation}")
    listed = [p.program.slug for p in client.get("/loften/").context["page"].object_list]
    assert listed == ["1440-s", "2321-s", "2321-m", "1880-s"]  # Ale, Åre (S before M), Örebro
    ale = Municipality.objects.get(code="1440")
    ale.name = "Ökommunen"  # renamed: its programs move once the ranks are refreshed
    ale.save()
    assert refresh_ranks() == 3  # Ale, and the places between it and Ö moved up one
    listed = [p.program.slug for p in client.get("/loften/").context["page"].object_list]
    assert listed == ["2321-s", "2321-m", "1440-s", "1880-s"]


def test_a_topics_first_pledges_let_every_party_take_its_turn(client, gnesta):
    """S has eight pledges on förskola, M one: the taste of the topic is S's first, M's first,
    then S's second (not S's first three), in party order within each turn."""
    m22 = Program.objects.get(slug="m-2022")
    a_pledge(m22, "Fler förskollärare i förskolan")
    topics = {t["area"].slug: t for t in client.get("/kommuner/gnesta/").context["topics"]}
    first = topics["forskola"]["first"]
    assert [(p.program.slug, p.text) for p in first] == [
        ("s-2022", "Bygga förskola nummer 0"),
        ("m-2022", "Fler förskollärare i förskolan"),
        ("s-2022", "Bygga förskola nummer 1"),
    ]


def test_a_cell_counts_what_its_list_shows(client, gnesta):
    """A pledge counts under every topic it touches, a sub-area under its topic, as the list
    filtered by that topic finds it: the grid's number is the length of the list it links to."""
    from pledges.models import PolicyArea

    s22 = Program.objects.get(slug="s-2022")
    pledge = a_pledge(s22, "Fler pedagoger i förskola och skola")
    school = PolicyArea.objects.get(slug="grundskola")
    sub = PolicyArea.objects.filter(parent__isnull=False).first()
    pledge.areas.add(school, sub)
    response = client.get("/kommuner/gnesta/")
    topics = {t["area"].slug: t for t in response.context["topics"]}
    for slug in ("forskola", "grundskola", sub.parent.slug):
        n, _shade, url, _party = topics[slug]["cells"][0]
        listed = client.get(url.replace("&amp;", "&"))
        assert listed.context["page"].paginator.count == n, (slug, n)
    assert topics["forskola"]["total"] == 9 and topics["grundskola"]["total"] == 1


def test_the_party_and_home_pages_count_as_their_links_list(client, gnesta):
    """The party page's and the home page's pledges per topic count a pledge under every
    topic it touches, as the list and the topic's page find it."""
    from pledges.models import PolicyArea

    s22 = Program.objects.get(slug="s-2022")
    a_pledge(s22, "Fler pedagoger i förskola och skola").areas.add(
        PolicyArea.objects.get(slug="grundskola")
    )
    party = client.get("/partier/s/")
    counts = {area.slug: area.n for area in party.context["topics"]}
    assert counts["forskola"] == 10 and counts["grundskola"] == 1  # 8 + the old one + this
    assert party.context["total"] == 10  # pledges, each once
    listed = client.get("/loften/?parti=s&omrade=grundskola")
    assert listed.context["page"].paginator.count == 1
    home = {area.slug: area.n for area in client.get("/").context["areas"]}
    assert home["grundskola"] == 1 and home["forskola"] == 10


def test_one_pledge_more_than_shown_is_said_in_the_singular(client, gnesta):
    """A topic that one pledge only touches shows none of its own: "Visa 1 löfte om …"."""
    from pledges.models import PolicyArea

    s22 = Program.objects.get(slug="s-2022")
    a_pledge(s22, "Fler pedagoger i förskola och skola").areas.add(
        PolicyArea.objects.get(slug="grundskola")
    )
    page = client.get("/kommuner/gnesta/").content.decode()
    assert "Visa 1 löfte om Grundskola" in page and "Visa alla 1 " not in page
    english = client.get("/en/kommuner/gnesta/").content.decode()
    assert "Show 1 pledge on" in english
