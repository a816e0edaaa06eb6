"""Topics as a tree (CAP topics, sub-areas, old addresses), regions, display text and quote."""

import shutil
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils.html import escape

from municipalities.models import Municipality, Region
from parties.models import Party
from pledges.building import build_program, lexicon_from_db
from pledges.loading import LoadReport, load_program_data
from pledges.manifest import read_manifest
from pledges.models import Pledge, PolicyArea, Program, SourceChange
from pledges.parsing import Lexicon

BEFORE = [
    ("municipalities", "0001_initial"),
    ("parties", "0002_editors"),
    ("pledges", "0004_editors"),
]

REGION_TEXT = """Vår politik för Region Skåne

Socialdemokraterna i Region Skåne vill:

- korta väntetiderna i vården
- bygga ut kollektivtrafiken i hela Skåne
"""


# --- the migration -------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_migration_turns_old_areas_into_a_tree():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    County = old.get_model("municipalities", "County")
    OldMunicipality = old.get_model("municipalities", "Municipality")
    OldParty = old.get_model("parties", "Party")
    OldArea = old.get_model("pledges", "PolicyArea")
    OldProgram = old.get_model("pledges", "Program")
    OldPledge = old.get_model("pledges", "Pledge")
    county = County.objects.create(code="18", name="Örebro län")
    place = OldMunicipality.objects.create(code="1880", name="Örebro", slug="orebro", county=county)
    party = OldParty.objects.create(
        abbreviation="M", slug="m", name="Moderaterna", short_name="M", colour="#1B49DD"
    )
    areas = {
        slug: OldArea.objects.create(slug=slug, name=name, order=i)
        for i, (slug, name) in enumerate(
            [
                ("vald", "Våld i nära relationer"),
                ("boende", "Hemlöshet och boende"),
                ("halsa", "Psykisk hälsa"),
                ("aldreomsorg", "Äldreomsorg"),
                ("ovrigt", "Övrigt"),
            ]
        )
    }
    text = "Vi vill:\n\n- stoppa   våldet\n- fler bostäder\n"
    program = OldProgram.objects.create(
        slug="p", party=party, municipality=place, title="P", original_text=text, checksum="x"
    )

    def old_pledge(key, words, area):
        start = text.index(words)
        pledge = OldPledge.objects.create(
            program=program,
            key=key,
            text=words,
            kind="list_item",
            start=start,
            end=start + len(words),
            primary_area=areas[area],
            confidence=0.9,
        )
        pledge.areas.add(areas[area])

    old_pledge("a", "stoppa   våldet", "vald")
    old_pledge("b", "fler bostäder", "boende")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    hemloshet = PolicyArea.objects.get(slug="hemloshet")  # renamed, same row
    assert hemloshet.pk == areas["boende"].pk
    assert hemloshet.parent.slug == "socialtjanst" and hemloshet.parent.cap_code == 13
    assert PolicyArea.objects.get(slug="psykisk-halsa").parent.slug == "halso-och-sjukvard"
    assert PolicyArea.objects.get(slug="vald").parent.slug == "socialtjanst"
    assert PolicyArea.objects.topics().count() == 20
    assert not PolicyArea.objects.filter(slug__in=["boende", "halsa"]).exists()

    pledge = Pledge.objects.get(key="a")
    assert pledge.primary_area.slug == "socialtjanst"  # re-pointed to the topic
    assert {a.slug for a in pledge.areas.all()} == {"vald", "socialtjanst"}
    assert pledge.quote == "stoppa våldet"  # the source span, white space normalised
    assert Pledge.objects.get(key="b").primary_area.slug == "socialtjanst"

    from django.test import Client

    response = Client().get("/omraden/boende/")
    assert response.status_code == 301 and response["Location"] == "/omraden/hemloshet/"


# --- topics --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, section, topic",
    [
        # the longest reading of the same letters wins
        ("Öppna en polisstation i centrum", "", "trygghet"),
        ("Vård och omsorg på lika villkor", "", "aldreomsorg"),
        ("Höj föreningsbidragen", "", "idrott-fritid"),
        ("Ett socialt företag i varje kommundel", "", "socialtjanst"),
        ("Fler boendemiljöer med grönområden", "", "bostader-stadsbyggnad"),
        # one word counts once for an area, however many of its stems it holds
        ("Fri kollektivtrafik på fritiden för unga", "", "trafik"),
        # the head of a compound names its topic; a suffix does not make a compound
        ("Bevara byskolorna", "", "grundskola"),
        ("Bättre rehabilitering efter stroke", "", "halso-och-sjukvard"),
        ("Kortare köer till barnhälsovården", "", "halso-och-sjukvard"),
        ("Minska beroendet av fossila bränslen", "", "miljo-klimat"),
        # local procurement is business policy, not the municipality's finances
        ("Mer lokal upphandling", "", "naringsliv-jobb"),
        ("Fler lokala inköp till kommunens kök", "", "naringsliv-jobb"),
        # the section decides when the pledge's own words say nothing
        ("Röj sly och klipp buskar", "Trygghet på gator och torg", "trygghet"),
    ],
)
def test_topic_of_general_phrases(lexicon, text, section, topic):
    from pledges.parsing.areas import classify

    assert classify(lexicon.areas, lexicon.fallback_area, text, "", section).primary == topic


def test_old_area_address_redirects(client, loaded_db):
    response = client.get("/omraden/boende/")
    assert response.status_code == 301 and response["Location"] == "/omraden/hemloshet/"
    response = client.get("/en/omraden/halsa/")
    assert response.status_code == 301 and response["Location"] == "/en/omraden/psykisk-halsa/"
    assert client.get("/omraden/finns-inte/").status_code == 404


def test_primary_areas_are_topics_and_topic_page_lists_sub_areas(client, loaded_db):
    assert not Pledge.objects.filter(primary_area__parent__isnull=False).exists()
    socialtjanst = PolicyArea.objects.get(slug="socialtjanst")
    response = client.get("/omraden/socialtjanst/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Delområden" in html and "/omraden/vald/" in html
    # the topic counts its sub-areas' pledges and shows the latest of them
    on_violence = set(Pledge.objects.public().filter(areas__slug="vald"))
    in_topic = Pledge.objects.public().filter(
        areas__in=[socialtjanst, *socialtjanst.children.all()]
    )
    assert response.context["total"] == in_topic.distinct().count() > len(on_violence) > 0
    newest = max(on_violence, key=lambda p: p.pk)
    assert response.context["latest"][0].pk >= newest.pk
    assert all(p.primary_area == socialtjanst for p in on_violence)


def test_english_topic_names(client, loaded_db):
    html = client.get("/en/omraden/socialtjanst/").content.decode()
    assert "<h1>Social services and income support</h1>" in html
    assert "Socialtjänst och försörjningsstöd" not in html
    html = client.get("/omraden/socialtjanst/").content.decode()
    assert "<h1>Socialtjänst och försörjningsstöd</h1>" in html
    html = client.get("/en/loften/").content.decode()
    assert "Social services and income support" in html


def test_area_fixture_follows_until_an_editor_changes_it(loaded_db, editor):
    area = PolicyArea.objects.get(slug="trafik")
    area.description = "Redaktörens beskrivning."
    area._history_user = editor
    area.save()
    PolicyArea.objects.filter(slug="energi").update(description="Gammal beskrivning.")
    call_command("load_data", stdout=StringIO(), stderr=StringIO())
    assert PolicyArea.objects.get(slug="trafik").description == "Redaktörens beskrivning."
    assert PolicyArea.objects.get(slug="energi").description != "Gammal beskrivning."


def test_lexicon_from_db_is_the_fixtures_lexicon(loaded_db):
    """`make fixtures` reads the lexicon from the reference fixtures (no database needed);
    imports read it from the database, which `load_data` fills from the same fixtures: one
    source, so a text parses the same either way until an editor adds a party or an area."""
    db, files = lexicon_from_db(), Lexicon.from_fixtures(settings.FIXTURES_DIR)
    assert set(db.parties) == set(files.parties)
    assert set(db.municipalities) == set(files.municipalities)
    assert set(db.areas) == set(files.areas)
    assert set(db.regions) == set(files.regions)
    assert db.fallback_area == files.fallback_area


# --- regions -------------------------------------------------------------------------------


def test_program_is_for_a_municipality_or_a_region(loaded_db):
    program = Program.objects.first()
    region = Region.objects.get(code="12")
    with pytest.raises(IntegrityError), transaction.atomic():
        Program.objects.filter(pk=program.pk).update(region=region)  # both
    with pytest.raises(IntegrityError), transaction.atomic():
        Program.objects.filter(pk=program.pk).update(municipality=None)  # neither
    party = Party.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Party.objects.filter(pk=party.pk).update(
            municipality=Municipality.objects.first(), region=region
        )


def test_manifest_with_a_region_makes_a_region_program(loaded_db, tmp_path, client):
    (tmp_path / "skane-s-halsa.txt").write_text(REGION_TEXT, encoding="utf-8")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(
        "file,party,municipality,title,period,source_url,retrieved\n"
        "skane-s-halsa.txt,S,Region Skåne,,2026–2030,,\n",
        encoding="utf-8",
    )
    lexicon = Lexicon.from_fixtures(settings.FIXTURES_DIR)
    [entry] = read_manifest(manifest, lexicon)
    assert (entry.municipality, entry.region) == (None, "12")
    built = build_program(entry, lexicon)
    head = built.fixture[0]["fields"]
    assert head["region"] == ["12"] and head["municipality"] is None
    program = load_program_data(built.fixture, manifest, LoadReport())
    assert program.place == Region.objects.get(code="12") and program.municipality is None

    response = client.get("/regioner/region-skane/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Region Skåne</h1>" in html and "Korta väntetiderna i vården" in html
    html = client.get(program.get_absolute_url()).content.decode()
    assert 'href="/regioner/region-skane/"' in html
    assert client.get("/regioner/region-skane/samstammighet/").status_code == 200
    assert client.get("/en/regioner/region-skane/").status_code == 200
    assert client.get("/api/program/").status_code == 200
    assert client.get("/loften/export.csv").status_code == 200


def test_manifest_names_region_by_code(loaded_db, tmp_path):
    (tmp_path / "skane.txt").write_text(REGION_TEXT, encoding="utf-8")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(
        "file,party,municipality,title,period,source_url,retrieved\nskane.txt,S,12,,,,\n",
        encoding="utf-8",
    )
    [entry] = read_manifest(manifest, Lexicon.from_fixtures(settings.FIXTURES_DIR))
    assert entry.region == "12"


def test_region_page_without_programs(client, loaded_db):
    response = client.get("/regioner/region-stockholm/")
    assert response.status_code == 200
    assert "Vi har inga program från den här regionen ännu." in response.content.decode()


# --- display text and quote ----------------------------------------------------------------


def test_pledge_shows_display_text_and_quote(client, loaded_db):
    pledge = Pledge.objects.public().filter(kind="list_item", quote__regex=r"^[a-zåäö]").first()
    assert pledge.text[0].isupper() and pledge.text != pledge.quote
    Pledge.objects.filter(pk=pledge.pk).update(page=3)
    html = client.get(pledge.get_absolute_url()).content.decode()
    assert f"<h1>{escape(pledge.text)}</h1>" in html
    assert f"<mark>{escape(pledge.source_span)}</mark>" in html and "s. 3" in html
    # in a list the quote is left out when it says no more than the pledge shown ...
    listed = f"/loften/?kommun={pledge.program.municipality.slug}"
    assert (
        f'<q class="pledge-quote">{escape(pledge.quote)}</q>'
        not in client.get(listed).content.decode()
    )
    # ... and shown under it when it does
    Pledge.objects.filter(pk=pledge.pk).update(quote=pledge.quote + " senast 2026")
    quoted = f'<q class="pledge-quote">{escape(pledge.quote)} senast 2026</q>'
    assert quoted in client.get(listed).content.decode()


@pytest.fixture
def reimport(tmp_path, loaded_db):
    out = tmp_path / "parsed"
    shutil.copytree(settings.FIXTURES_DIR / "parsed", out)

    def run():
        report = StringIO()
        call_command(
            "load_data", *sorted(str(p) for p in out.glob("*.json")), stdout=report, stderr=report
        )
        return report.getvalue()

    return run


def test_locked_pledge_with_only_a_new_display_form_gets_no_source_change(reimport):
    pledge = Pledge.objects.filter(kind="list_item").order_by("pk").first()
    # As an import before display texts left it: its text was the quote, no "quote" key.
    old = {k: v for k, v in pledge.parsed.items() if k not in ("quote", "page")}
    old["text"] = pledge.quote
    Pledge.objects.filter(pk=pledge.pk).update(locked=True, text="Redaktörens lydelse", parsed=old)
    reimport()
    pledge.refresh_from_db()
    assert pledge.text == "Redaktörens lydelse"
    assert not SourceChange.objects.exists()
    # a new display form alone (same quote) is no source change either
    new_style = {**pledge.parsed, "quote": pledge.quote, "text": "Annan form"}
    Pledge.objects.filter(pk=pledge.pk).update(parsed=new_style)
    reimport()
    assert not SourceChange.objects.exists()


def test_upload_of_a_regional_program_proposes_the_detected_place(
    editor_client, loaded_db, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sources.models import Source
    from tests.conftest import run_worker

    form = {
        "party": Party.objects.get(abbreviation="S").pk,
        "municipality": "",
        "region": Region.objects.get(code="01").pk,  # the text is about Region Skåne
        "title": "",
        "period_start": "",
        "url": "",
        "retrieved": "",
        "file": SimpleUploadedFile("skane.txt", REGION_TEXT.encode(), "text/plain"),
    }
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post("/admin/sources/source/add/", form)
    run_worker()
    source = Source.objects.get()
    assert source.state == "review" and source.region.code == "01"  # the editor's choice stays
    page = editor_client.get(f"/admin/sources/source/{source.pk}/change/").content.decode()
    assert "Texten nämner mest Region Skåne, men Region Stockholm är vald." in page
    both = {**form, "municipality": Municipality.objects.get(code="1880").pk}
    both["file"] = SimpleUploadedFile("skane.txt", REGION_TEXT.encode(), "text/plain")
    response = editor_client.post("/admin/sources/source/add/", both)
    assert "Välj antingen en kommun eller en region." in response.content.decode()
