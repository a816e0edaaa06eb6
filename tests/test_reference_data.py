import pytest

from municipalities.models import County, Municipality
from parties.models import Party
from pledges.models import PolicyArea, PolicyAreaAlias


@pytest.fixture
def ref(loaded_db):
    return None


def test_all_290_municipalities_and_21_counties(ref):
    assert Municipality.objects.count() == 290
    assert County.objects.count() == 21
    for m in Municipality.objects.select_related("county"):
        assert m.code[:2] == m.county.code, m


@pytest.mark.parametrize(
    "code, name, county",
    [
        ("1880", "Örebro", "Örebro län"),
        ("1980", "Västerås", "Västmanlands län"),
        ("0126", "Huddinge", "Stockholms län"),
        ("0180", "Stockholm", "Stockholms län"),
        ("1480", "Göteborg", "Västra Götalands län"),
        ("2584", "Kiruna", "Norrbottens län"),
        ("0980", "Gotland", "Gotlands län"),
    ],
)
def test_known_codes(ref, code, name, county):
    m = Municipality.objects.get(code=code)
    assert (m.name, m.county.name) == (name, county)


def test_riksdag_and_local_parties(ref):
    national = Party.objects.filter(municipality__isnull=True, region__isnull=True)
    assert set(national.values_list("abbreviation", flat=True)) == {
        "S",
        "M",
        "SD",
        "C",
        "V",
        "KD",
        "L",
        "MP",
    }
    local = Party.objects.exclude(pk__in=national)
    assert local.exists()
    assert all(bool(p.municipality_id) != bool(p.region_id) for p in local)
    assert all(p.colour.startswith("#") and len(p.colour) == 7 for p in Party.objects.all())


def test_policy_areas_keep_the_seed_slugs(ref, seed_spec):
    slugs = set(PolicyArea.objects.values_list("slug", flat=True))
    aliases = set(PolicyAreaAlias.objects.values_list("slug", flat=True))
    assert set(seed_spec["areas"]) <= slugs | aliases  # renamed areas keep their old address
    assert {"aldreomsorg", "trygghet", "ovrigt"} <= slugs
    for area in PolicyArea.objects.exclude(slug="ovrigt"):
        assert area.description and area.stems.strip(), area
