import pytest

from pledges.parsing.lexicon import detect_period


@pytest.mark.parametrize(
    "text, code",
    [
        ("Vi vill att Örebro kommun satsar.", "1880"),
        ("Det gäller alla Örebroarna.", "1880"),
        ("Fler västeråsare ska få jobb. Västerås stad ska ...", "1980"),
        ("Västeråsmoderaterna arbetar för att: ...", "1980"),
        ("Boråsmodellen har införts i Västerås.", "1980"),  # a name inside a word does not count
        ("Vi behöver mark för bostäder och det ska vara enkelt.", None),  # not Mark kommun
        ("Mark kommun behöver fler förskolor.", "1463"),
        ("Inget ställe nämns här.", None),
        ("Fler Friska År i Flen och kulturplanen.", "0482"),
        ("Upplands Väsby behöver fler bostäder.", "0114"),
    ],
)
def test_municipality(text, code, lexicon):
    found = lexicon.detect_municipality(text)
    assert (found.code if found else None) == code


@pytest.mark.parametrize(
    "text, abbreviation",
    [
        ("Moderaterna vill ...", "M"),
        ("Västeråsmoderaterna arbetar för att ...", "M"),
        ("Vi i Miljöpartiet vill ... Till skillnad från Moderaterna ... Miljöpartiet vill", "MP"),
        ("En liberal syn på valfrihet.", None),
        ("Vi vill ha fler poliser.", None),
        # coalition partners listed once each: the text does not say who speaks
        ("Vi har styrt tillsammans med Moderaterna, Liberalerna och Kristdemokraterna.", None),
    ],
)
def test_party(text, abbreviation, lexicon):
    found = lexicon.detect_party(text)
    assert (found.abbreviation if found else None) == abbreviation


@pytest.mark.parametrize(
    "text, period",
    [
        ("program för 2022 - 2026", "2022–2026"),
        ("mandatperioden 2018–2022", "2018–2022"),
        ("2026-26", None),
        ("mellan 2010 och 2014 ökade", None),
        ("Budget 2023-2024", None),
        ("valet 2022–26", "2022–2026"),
    ],
)
def test_period(text, period):
    assert detect_period(text) == period


@pytest.mark.parametrize(
    "text, period",
    [
        ("Vårt program inför valet 2026", "2026–2030"),
        ("mandatperioden 2023–2026", "2022–2026"),
        ("Valmanifest 2022", "2022–2026"),
        ("Valet 2023 ställdes in", None),
    ],
)
def test_period_from_the_election(text, period):
    assert detect_period(text) == period


@pytest.mark.parametrize(
    "text, kind, name",
    [
        (
            "Region Stockholm ska korta vårdköerna. Regionen behöver fler vårdplatser.",
            "region",
            "Region Stockholm",
        ),
        (
            "Västra Götalandsregionen och regionfullmäktige ska besluta.",
            "region",
            "Västra Götalandsregionen",
        ),
        ("Stockholm behöver fler bostäder. I Stockholm bor många.", "municipality", "Stockholm"),
        ("Uppsala kommun ska bygga skolor i Uppsala.", "municipality", "Uppsala"),
        ("Stockholmsregionen behöver fler vårdplatser.", "region", "Region Stockholm"),
        # a municipal program that mentions its region once ("samverkan med Region Uppsala")
        (
            "Fler lärare i Tierps kommun. Nära samverkan med Region Uppsala kring elevhälsan.",
            "municipality",
            "Tierp",
        ),
    ],
)
def test_region_or_municipality(text, kind, name, lexicon):
    place = lexicon.detect_place(text)
    assert (place.kind, place.name) == (kind, name)


@pytest.mark.parametrize(
    "text, name",
    [
        # a municipality's program that names its region in passing
        (
            "Lärarlönerna ska upp till genomsnittet i Skåne. Kommunen ska bygga fler "
            "seniorbostäder och kommunens fritidsgårdar ska vara öppna.",
            None,
        ),
        (
            "Miljöpartiet vill att Västra Götalandsregionen går före. Att Lidköping satsar på "
            "solceller på kommunens tak och att kommunen köper elbilar.",
            "Lidköping",
        ),
        # a region's program named outright, never speaking of a municipality: the city it
        # names does not make it the city's
        (
            "Liberalerna Stockholms läns program. Stockholm behöver fler tvärbanor. Bygg ut "
            "tunnelbanan i Stockholm. Stockholm är en vattenstad.",
            None,
        ),
        (
            "Region Gotlands processer ska bli snabbare. Fler bostäder på Gotland. Gotland "
            "ligger mitt i Östersjön. Stärk försvaret på Gotland.",
            None,
        ),
        # a municipality's program comparing regions it might belong to
        (
            "Skåne och Halland har vuxit medan Blekinge legat still. Sölvesborg ska på sikt "
            "tillhöra Region Skåne. Akuta transporter från Blekinge ska gå till Kristianstad. "
            "Landstinget ska samverka med kommunen. Fler bostäder i Sölvesborg.",
            "Sölvesborg",
        ),
        # its people named as a common noun, once: not enough
        ("Främja integrationen mellan nya och gamla vårgårdabor.", None),
        (
            "Norrbottens sjukvård ska vara nära. Norrbotten behöver fler vårdcentraler.",
            "Region Norrbotten",
        ),
    ],
)
def test_place_left_for_an_editor_when_it_is_not_plain(text, name, lexicon):
    place = lexicon.detect_place(text)
    assert (place.name if place else None) == name


def test_local_party_only_in_its_own_place(lexicon):
    text = "Knivsta.nu vill bygga en simhall. Knivsta.nu lovar fler förskolor."
    assert lexicon.detect_party(text, "0330").name == "Knivsta.nu"
    assert lexicon.detect_party(text, "1880") is None
    assert lexicon.detect_party(text) is None
