"""The parser on page shapes it was not developed against (samples in tests/data/)."""

import pytest

from pledges.parsing import parse_program, read_program
from tests.conftest import data_file


def parse(name, lexicon):
    text = read_program(data_file(name))
    return text, parse_program(text, lexicon)


def test_bullets_wrapped_over_several_lines(lexicon):
    text, result = parse("wrapped_bullets.txt", lexicon)
    assert [p.text for p in result.pledges] == [
        "anställa fler fältassistenter som arbetar kvällar och helger i alla stadsdelar",
        "bygga fler trygghetsboenden för äldre med personal dygnet runt",
        "införa en äldreombudsman",
    ]
    first = result.pledges[0]
    assert text[first.start : first.end].endswith("alla stadsdelar")  # no trailing comma
    assert "\n" in text[first.start : first.end]  # the span covers both lines
    assert result.party == "Socialdemokraterna" and result.municipality == "Lund"
    assert all(p.kind == "list_item" for p in result.pledges)


def test_list_without_bullet_marks_after_lead_in(lexicon):
    _, result = parse("unmarked_list.txt", lexicon)
    assert [p.text for p in result.pledges] == [
        "Fler platser på äldreboenden",
        "Fast omsorgskontakt i hemtjänsten",
        "Avgiftsfria trygghetslarm för alla över 80 år",
    ]
    assert {p.primary_area for p in result.pledges} == {"aldreomsorg"}
    # "Det vill vi ändra på." has nothing to commit to: not a pledge
    assert result.party == "Centerpartiet"  # named only in the last line


def test_headings_that_repeat_bullets_are_merged_into_them(lexicon):
    text, result = parse("headings_repeat_bullets.txt", lexicon)
    assert [(p.kind, p.text) for p in result.pledges] == [
        ("list_item", "Fler fältassistenter"),
        ("list_item", "Bostad först för unga hemlösa"),
    ]
    assert result.pledges[0].details.startswith("Fältassistenterna behövs i varje stadsdel")
    assert result.pledges[1].details.startswith("Unga som saknar bostad")
    for p in result.pledges:
        ((start, end),) = p.restatements
        assert text[start:end] == p.text  # the bold heading, kept as a restatement
    assert result.party is None and result.municipality is None  # never invented


def test_past_achievements_are_not_pledges(lexicon):
    _, result = parse("achievements.txt", lexicon)
    assert [p.text for p in result.pledges] == [
        "öppna en fritidsgård i Sätra",
        "korta köerna till BUP",
    ]


def test_party_named_only_in_footer(lexicon):
    _, result = parse("footer_party.txt", lexicon)
    assert result.party == "Vänsterpartiet"
    assert result.municipality == "Malmö"
    stated = [p.text for p in result.pledges if p.kind == "stated"]
    assert stated == [
        "Vi vill att kommunen öppnar ett akutboende som har öppet dygnet runt.",
        "Vi vill också att alla som blir vräkta får ett erbjudande om stöd inom en vecka.",
    ]
    assert not any(p.text.startswith(("Kontakt", "©")) for p in result.pledges)


def test_web_copy_leftovers_are_not_the_title(lexicon):
    result = parse_program(
        "Bild\n\nsol-has-bg sol-light-text\n\nOmsorg\n\nVi vill:\n- satsa på hemtjänsten\n", lexicon
    )
    assert result.title == "Omsorg"
    assert [p.text for p in result.pledges] == ["satsa på hemtjänsten"]


def test_crlf_nbsp_and_page_break(lexicon):
    text, result = parse("crlf_nbsp_pagebreak.txt", lexicon)
    items = [p for p in result.pledges if p.kind == "list_item"]
    assert [p.text for p in items] == ["ställa krav på heltidsaktivering", "införa hembesök"]
    for p in result.pledges:
        assert "\r" not in text[p.start : p.end][-1:]
        assert not text[p.start].isspace()
    stated = next(p for p in result.pledges if p.kind == "stated")
    assert stated.text == (
        "Vi vill att fler unga får ett första jobb genom sommarjobb som kommunen ordnar "
        "tillsammans med näringslivet."
    )
    assert result.municipality == "Borås" and result.party == "Moderaterna"


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Vi vill bygga ett hållbart samhälle, där alla får plats.", []),  # a vision
        ("Vi vill inte ha några gräddfiler i vården.", ["stated"]),
        ("Alla som vill ska få hjälp.", ["normative"]),
        ("För att vi ska kunna hjälpa fler krävs resurser.", []),
        ("Vill vi verkligen ha det så?", []),
        ("Socialdemokraterna vill bygga fler äldreboenden.", ["stated"]),
        ("Vi har infört gratis simskola.", []),
        ("Vi vill också framhålla att ideella insatser är ovärderliga.", []),
        ("Vi vill bygga vidare på t.ex. Fler Friska År i skolorna.", ["stated"]),
    ],
)
def test_sentence_kinds(sentence, expected, lexicon):
    result = parse_program(f"Rubrik\n\nEn mening först. {sentence}\n", lexicon)
    assert [p.kind for p in result.pledges] == expected


@pytest.mark.parametrize(
    "text, topic, sub_area",
    [
        ("stöd till våldsutsatta kvinnor", "socialtjanst", "vald"),
        ("fler socialsekreterarna i utredningsenheten", "socialtjanst", "personal"),
        ("bygga fler cykelbanor", "trafik", None),
        ("Bostad först för hemlösa", "socialtjanst", "hemloshet"),
        ("sänka skatten med 50 öre", "skatt-ekonomi", None),
        ("bygga tre vindkraftparker", "energi", None),
        ("ordna något annat", "ovrigt", None),
    ],
)
def test_topics_are_inflection_and_compound_aware(text, topic, sub_area, lexicon):
    """The primary area is a top-level topic; a matched sub-area follows it."""
    pledge = parse_program(f"Rubrik\n\nVi vill:\n- {text}\n", lexicon).pledges[0]
    assert pledge.primary_area == topic
    if sub_area:
        assert pledge.areas[:2] == [topic, sub_area]


def test_priorities_are_pledges_and_a_list_of_candidates_is_not(lexicon):
    _, result = parse("shapes/priorities_and_candidates.txt", lexicon)
    assert [p.text for p in result.pledges] == [
        "att nya förskolor byggs i Ekenässjön och Landsbryggan",
        "att gång- och cykelvägen till Holsby färdigställs",
        "att sänka avgiften för kulturskolan",
    ]


def test_a_description_and_a_ranking_wished_for_are_not_pledges(lexicon):
    _, result = parse("shapes/described_not_committed.txt", lexicon)
    stated = [p.text for p in result.pledges if p.kind != "normative"]
    assert stated == ["Vi vill bygga ett nytt badhus i Limmared."]  # the ranking: for review


def test_the_election_the_program_and_the_menu_are_not_pledges(lexicon):
    """A site's menu after "• Hem", what the party says of its campaign, its program or the
    majority it hopes for, last term's results, a problem with a demand in a relative clause
    and wishes for a state are no pledges; a "Säg nej till …" sentence and the list are."""
    _, result = parse("shapes/about_the_election.txt", lexicon)
    shown = [p for p in result.pledges if p.kind != "normative"]
    assert [p.text for p in shown] == [
        "Säg nej till nedläggningen av biblioteket i Ljungaverk.",
        "bygga en ny förskola i Fränsta",
        "sänka taxan för hemtjänsten",
    ]
    # the wishes for a state are at most candidates for an editor
    assert {p.text for p in result.pledges if p.kind == "normative"} <= {
        "Medarbetarna ska trivas på jobbet.",
        "Ånge ska också ha ett blomstrande föreningsliv.",
    }


def test_the_partys_statutes_are_not_pledges(lexicon):
    """What the party is and how it works ("Partiet skall verka för …", "… skall prägla
    partiets arbete") promises nothing about the region, nor do the principles listed with
    it; its list of wants does."""
    _, result = parse("shapes/party_statutes.txt", lexicon)
    assert [p.text for p in result.pledges if p.kind != "normative"] == [
        "öppna akutmottagningen i Lycksele dygnet runt",
        "anställa fler distriktssköterskor i inlandet",
    ]


def test_stances_slogans_and_pointers_back_are_not_pledges(lexicon):
    """ "Vi vill förändra detta" points back; a line, a rank and a slogan commit to nothing one
    could check. The new swimming hall and the school health are pledges."""
    _, result = parse("shapes/stances_and_slogans.txt", lexicon)
    assert [p.text for p in result.pledges if p.kind != "normative"] == [
        "Vi vill bygga en ny simhall i Ekby.",
        "I Ekby ska vi satsa på elevhälsan och på ordning och reda i klassrummen.",
    ]


def test_a_heading_with_a_general_verb_is_a_section_not_a_pledge(lexicon):
    """ "Värna de utsatta", "Skapa goda förutsättningar …" name a field of work; "Inför nolltaxa
    i kollektivtrafiken" is a proposal."""
    _, result = parse("shapes/vague_headings.txt", lexicon)
    headings = [p.text for p in result.pledges if p.kind == "heading"]
    assert headings == ["Inför nolltaxa i kollektivtrafiken"]


def test_att_lines_after_a_lead_in_without_a_colon_are_items(lexicon):
    """ "Vänsterpartiet vill" on a line of its own, then a line per "att …" (blank lines between
    or not, an item may wrap): each line is a pledge, shown without its "att"."""
    text, result = parse("shapes/att_lines_without_marks.txt", lexicon)
    items = [p for p in result.pledges if p.kind == "list_item"]
    assert [p.display for p in items] == [
        "Pensionärer reser gratis med länstrafiken",
        "Nattbussar går varje helg i hela länet",
        "Fler tåg stannar i Ekby och Västerby",
    ]
    assert text[items[0].start : items[0].end].startswith("att pensionärer")


def test_bullets_on_lines_of_their_own_as_a_pdf_gives_them(lexicon):
    """A PDF's text puts each bullet on a line of its own: either a column of bullets and then
    a line per item, or a bullet and then its item, wrapped or not; its pages have a footer."""
    _, result = parse("shapes/detached_bullets.txt", lexicon)
    assert [p.display for p in result.pledges if p.kind == "list_item"] == [
        "Införa en vegetarisk dag i veckan i skolan",
        "Bygga ut kollektivtrafiken till Västerby",
        "Sänka taxan i förskolan",
        "Ta tillbaka hemtjänsten i kommunal regi",
        "Öka personaltätheten i äldreomsorgen",
    ]
    # the footer printed on every page (the party and its web address) is furniture, also
    # where a page break falls inside a paragraph; the repeated lead-in is not
    (last,) = [p for p in result.pledges if p.kind not in ("list_item",)]
    assert last.display == "Alla elever ska få läxhjälp i skolan varje vecka."


def test_items_whose_subject_is_the_party_left_out(lexicon):
    """Under a category ("Barn & ungdom:"), "Ska verka för …" and "Kommer att arbeta för …"
    are the party's commitments; a statement ("… är en viktig del") and a page's text-size
    buttons are not."""
    _, result = parse("shapes/subjectless_items.txt", lexicon)
    assert [p.display for p in result.pledges] == [
        "Ska verka för att förskola finns i alla delar av kommunen",
        "Kommer att arbeta för en upprustning av skolorna i Västerby",
        "Ska arbeta för att dagcentralerna finns kvar",
    ]


def test_a_list_flattened_with_dashes(lexicon):
    """A line opening with a dash whose further dashes stand before capitals is a list on one
    line; a dash inside prose is punctuation."""
    _, result = parse("shapes/dash_flattened.txt", lexicon)
    items = [p for p in result.pledges if p.kind == "list_item"]
    assert [p.display for p in items] == [
        "Sänka avgifterna för vatten och avlopp",
        "Öka andelen uthyrda lägenheter i kommunens bostadsbolag",
        "Bygga en ny förskola i Sveg",
    ]
    assert items[1].primary_area == "bostader-stadsbyggnad"  # its own words, not its neighbours
    assert any(p.text.startswith("Vi vill också se fler bussar - Ekby") for p in result.pledges)


def test_a_state_promised_by_a_year_is_checkable(lexicon):
    """ "… ska vara klimatpositivt år 2035" can be checked in 2035; a green municipality cannot,
    and the Riksdag's decision is not the party's promise."""
    _, result = parse("shapes/target_years.txt", lexicon)
    assert [p.text for p in result.pledges if p.kind != "normative"] == [
        "Ekby kommun ska vara klimatpositivt år 2035."
    ]


def test_two_topics_named_in_a_list_are_headings(lexicon):
    """ "Förskola och Skola" names topics, also under a lead-in ("Vi vill:" / "Skola och
    utbildning"); "Sänkt skatt och fler poliser" opens like an outcome and is a pledge."""
    _, result = parse("shapes/topic_pairs.txt", lexicon)
    assert [p.text for p in result.pledges] == [
        "Fler lärare i förskolan",
        "Sänkt skatt och fler poliser",
        "Bevara byskolorna i hela kommunen",
    ]


def test_a_thing_that_shall_exist_is_checkable(lexicon):
    """A youth centre in Västerby exists or not; "a good culture" is a wish."""
    _, result = parse("shapes/shall_exist.txt", lexicon)
    assert [p.text for p in result.pledges if p.kind != "normative"] == [
        "Det skall finnas en fritidsgård i Västerby."
    ]


def test_a_line_per_statement_without_full_stops(lexicon):
    """Headings in capitals and a "ska" statement a line, none with a full stop, in one block:
    each line stands alone (a comparative names the change: "ska vara högre"). Wrapped prose,
    its lines carrying on in lower case, stays one paragraph."""
    _, result = parse("shapes/line_per_statement.txt", lexicon)
    shown = [(p.text, p.section) for p in result.pledges if p.kind != "normative"]
    assert shown[:4] == [
        ("Politikerarvodena skall halveras", "EKONOMI"),
        ("Partistöden ska sänkas", "EKONOMI"),
        ("Personaltätheten i omsorgen ska vara högre", "KÄRNVERKSAMHETERNA"),
        ("Skolans lokaler ska rustas upp", "KÄRNVERKSAMHETERNA"),
    ]
    assert shown[4][0] == "Vi vill bygga en ny simhall i Ekby och en ishall i Västerby."


def test_a_local_party_named_after_its_place_speaks_for_itself(lexicon):
    """ "Ekbypartiet vill …" commits though the lexicon knows no Ekbypartiet; a slogan about
    promises, a pointer to more and a news link do not."""
    _, result = parse("shapes/local_party_subject.txt", lexicon)
    assert [p.text for p in result.pledges] == ["Ekbypartiet vill bygga en ny skola i Västerby."]


def test_an_argument_between_proposal_paragraphs_is_not_one(lexicon):
    """After "Därför vill vi:", a paragraph a proposal; a paragraph that argues ("… kräver
    tillväxt") proposes nothing."""
    _, result = parse("shapes/arguments_between_proposals.txt", lexicon)
    assert [p.display for p in result.pledges] == [
        "Bygga en ny simhall i Ekby",
        "Sänka skatten med 50 öre",
    ]


def test_any_bullet_symbol_marks_an_item(lexicon):
    """Check marks ("√"), a PDF symbol font's private-use bullet, arrows and dingbats ("➔",
    "❖", "✔️") mark items as "•" does; a pictographic emoji before a slogan does not."""
    text, result = parse("shapes/symbol_bullets.txt", lexicon)
    assert [p.text for p in result.pledges] == [
        "Avgiftsfri kollektivtrafik för unga",
        "Sex timmars arbetsdag i hemtjänsten",
        "Bygga en ny sporthall i Brösarp",
        "Anställa fler lärare i grundskolan",
        "Fler poliser i centrum",
        "Sänkt avgift i kulturskolan",
        "Ny simhall 2028",
    ]
    assert all(p.kind == "list_item" for p in result.pledges)
    assert text[result.pledges[0].start - 2 : result.pledges[0].start] == "√ "  # mark left out


def test_the_partys_agenda_announces_pledges(lexicon):
    """ "Våra mål:" announces proposals, also nominal ones without a verb; "Målet för vår
    politik är:" announces values."""
    _, result = parse("shapes/agenda_lead_ins.txt", lexicon)
    assert [p.text for p in result.pledges if p.kind != "normative"] == [
        "Snabbare handläggning av bygglov",
        "Upphandlingskrav på närproducerad mat",
        "Allaktivitetshus i Tjörnarp",
    ]


def test_asterisks_flattened_into_a_line_and_a_one_letter_local_party(lexicon):
    """Items run together on one line, each after "* " (also straight after a word, as a page's
    tabs leave them); "Öpartiet" speaks for itself; "Vi menar att … ska" commits."""
    _, result = parse("shapes/asterisks_in_a_line.txt", lexicon)
    assert [(p.kind, p.text) for p in result.pledges] == [
        ("list_item", "Vi vill stärka entreprenörskapet i hela kommunen"),
        ("list_item", "Vi vill bygga en ny simhall i Tranås"),
        ("list_item", "Vi vill ha fler lärare i grundskolan"),
        ("stated", "Öpartiet vill bygga en ny bro till Ekerö centrum."),
        ("stated", "Vi menar att Sölvesborg på sikt ska tillhöra Region Skåne."),
    ]
