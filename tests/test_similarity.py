"""Similar pledges are linked at import; the brief's pairs must be linked, unrelated ones not."""

import pytest

from pledges.models import Pledge, PledgeSimilarity

# (program slug, start of the pledge text) for each group that must be linked pairwise
GROUPS = {
    "career posts for social workers": [
        ("orebro-moderaterna-sociala-insatser", "Införa ett program med karriärtjänster"),
        ("orebro-liberalerna-socialpolitik", "Fler socialsekreterare!"),
        (
            "vasteras-moderaterna-nar-den-egna-kraften-inte-racker-till",
            "undersöka möjligheten att införa karriärtjänster",
        ),
    ],
    "Bostad först": [
        (
            "orebro-miljopartiet-social-rattvisa",
            "att Örebro utvärderar och utvecklar konceptet Bostad först",
        ),
        ("vasteras-moderaterna-nar-den-egna-kraften-inte-racker-till", 'genomför "Bostad först"'),
    ],
    "fältassistenter": [
        ("orebro-liberalerna-socialpolitik", "Fler fältassistenter!"),
        (
            "vasteras-moderaterna-nar-den-egna-kraften-inte-racker-till",
            "utveckla insatsen med fältassistenter",
        ),
    ],
    "more social workers": [
        ("orebro-liberalerna-socialpolitik", "Fler socialsekreterare!"),
        ("orebro-miljopartiet-social-rattvisa", "satsa på fler socialsekreterare"),
    ],
    "protected housing": [
        ("orebro-liberalerna-socialpolitik", "Skyddat boende för män!"),
        (
            "vasteras-moderaterna-nar-den-egna-kraften-inte-racker-till",
            "skapa ett nätverk mellan kommuner",
        ),
        ("huddinge-sociala-fragor", "Skyddat boende måste finnas"),
    ],
}

UNRELATED = [
    (
        ("orebro-liberalerna-socialpolitik", "Sprutbyte"),
        ("vasteras-moderaterna-nar-den-egna-kraften-inte-racker-till", "införa Boråsmodellen"),
    ),
    (
        ("orebro-moderaterna-sociala-insatser", "Införa ett program med karriärtjänster"),
        ("vasteras-moderaterna-nar-den-egna-kraften-inte-racker-till", 'genomför "Bostad först"'),
    ),
    (
        ("orebro-miljopartiet-social-rattvisa", "Inget barn ska ställas utan bostad"),
        (
            "vasteras-moderaterna-nar-den-egna-kraften-inte-racker-till",
            "ställa krav på heltidsaktivering",
        ),
    ),
    (
        ("huddinge-sociala-fragor", "Vi vill se ett stärkt anhörigstöd"),
        ("orebro-liberalerna-socialpolitik", "Fler fältassistenter!"),
    ),
]


def pledge(slug, start):
    """A pledge by the start of its source words (its quote: the display form may differ)."""
    return Pledge.objects.get(program__slug=slug, quote__startswith=start)


def linked(a, b):
    return PledgeSimilarity.objects.filter(pledge=a, other=b).exists()


@pytest.mark.parametrize("group", GROUPS)
def test_required_links(loaded_db, group):
    members = [pledge(*m) for m in GROUPS[group]]
    for a in members:
        for b in members:
            if a != b:
                assert linked(a, b), f"{group}: {a} -/- {b}"


@pytest.mark.parametrize("a, b", UNRELATED)
def test_unrelated_not_linked(loaded_db, a, b):
    assert not linked(pledge(*a), pledge(*b))


def test_links_are_symmetric_across_programs_and_share_an_area(loaded_db):
    links = PledgeSimilarity.objects.select_related("pledge", "other")
    assert links.exists()
    for link in links:
        assert link.pledge.program_id != link.other.program_id
        assert set(link.pledge.areas.all()) & set(link.other.areas.all())
        assert PledgeSimilarity.objects.filter(pledge=link.other, other=link.pledge).exists() or (
            link.other.similarities.count() == 5  # the reverse fell outside the other's top five
        )


def test_links_are_recomputed_on_reimport(loaded_db):
    from io import StringIO

    from django.core.management import call_command

    before = sorted(PledgeSimilarity.objects.values_list("pledge_id", "other_id"))
    call_command("load_data", stdout=StringIO())
    assert sorted(PledgeSimilarity.objects.values_list("pledge_id", "other_id")) == before
