"""A tie between topics in a pledge's own words is broken by its surroundings."""

import pytest

from pledges.parsing import parse_program

TIED = "bygga en konsthall vid Centralskolan"  # art (kultur) and a school (grundskola), equally


def topic_of(text, lexicon, words=TIED):
    result = parse_program(text, lexicon)
    return next(p.primary_area for p in result.pledges if p.text == words)


@pytest.mark.parametrize(
    "before, after, topic",
    [
        ("utöka bibliotekets öppettider", "fler konserter för barn", "kultur"),
        ("fler lärare i klassrummen", "läxhjälp för alla elever", "grundskola"),
        # only the pledge after it names a topic of its own
        ("fler lärare", "fler konserter för barn", "grundskola"),
    ],
)
def test_neighbours_break_a_tie(lexicon, before, after, topic):
    text = f"Vårt program för Ekby\n\nVi vill:\n\n- {before}\n- {TIED}\n- {after}\n"
    assert topic_of(text, lexicon) == topic


def test_title_breaks_a_tie_when_the_neighbours_say_nothing(lexicon):
    text = f"Kulturpolitik för Ekby\n\nVi vill:\n\n- {TIED}\n"
    assert parse_program(text, lexicon).title == "Kulturpolitik för Ekby"
    assert topic_of(text, lexicon) == "kultur"
    # no context: the topic listed first in the taxonomy
    assert topic_of(f"Vi vill:\n\n- {TIED}\n", lexicon) == "grundskola"


def test_context_never_overrides_a_clear_topic(lexicon):
    text = (
        "Kulturpolitik för Ekby\n\nVi vill:\n\n- utöka bibliotekets öppettider\n"
        "- fler poliser\n- fler konserter för barn\n"
    )
    assert topic_of(text, lexicon, "fler poliser") == "trygghet"


@pytest.mark.parametrize(
    "words, topic",
    [
        # a generic head ("-verksamheten", "-lokalerna") leaves the topic to what stands before it
        ("höja kvaliteten i förskoleverksamheten och undervisningen", "forskola"),
        # a head with a topic of its own decides it ("skolbussar" are transport)
        ("fler skolbussar i Ekby", "trafik"),
    ],
)
def test_a_generic_head_keeps_the_topic_of_its_compound(lexicon, words, topic):
    assert topic_of(f"Vi vill:\n\n- {words}\n", lexicon, words) == topic


@pytest.mark.parametrize(
    "words, topic",
    [
        # a trailing purpose clause says why: the topic is what comes before it
        (
            "sänka kommunalskatten så att det lönar sig att gå från bidrag till jobb",
            "skatt-ekonomi",
        ),
        # … unless nothing before it names a topic
        ("ta tillbaka kontrollen för att ge alla äldre en trygg hemtjänst", "aldreomsorg"),
        # "arbeta för att …" is what is promised, not why
        ("arbeta för att fler unga får sommarjobb i kommunen", "naringsliv-jobb"),
    ],
)
def test_a_purpose_clause_says_why_not_what(lexicon, words, topic):
    assert topic_of(f"Vi vill:\n\n- {words}\n", lexicon, words) == topic


@pytest.mark.parametrize(
    "items, topic",
    [
        # named by neither its words nor a section: the pledge before it speaks
        (["fler lärare i klassrummen", "fasta vikarier", "fler konserter för barn"], "grundskola"),
        # … or the one after it, where the one before names nothing clearly
        (["ta bort krånglet", "fasta vikarier", "fler konserter för barn"], "kultur"),
        # nobody near it names a topic: Övrigt, never a guess
        (["mer sunt förnuft", "fasta vikarier", "ta bort krånglet"], "ovrigt"),
    ],
)
def test_a_pledge_naming_no_topic_takes_its_neighbours(lexicon, items, topic):
    text = "Vi vill:\n\n" + "".join(f"- {item}\n" for item in items)
    pledges = parse_program(text, lexicon).pledges
    pledge = next(p for p in pledges if p.text == "fasta vikarier")
    assert pledge.primary_area == topic
    # less sure than a pledge whose own words name its topic
    assert pledge.confidence < max(p.confidence for p in pledges) or topic == "ovrigt"
