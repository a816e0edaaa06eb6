"""Titles and addresses of programs brought in by editors (sources/naming.py): pure rules
first, then through the real import (sources/importing.py)."""

import pytest

from municipalities.models import Municipality
from parties.models import Party
from pledges.models import Program
from sources import importing
from sources.naming import (
    legacy_program_slug,
    program_slug,
    proposed_title,
    readable_slug,
    reads_as_title,
)
from tests.builders import a_program


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Valprogram 2026–2030", "lund-s-valprogram-2026-2030"),  # not "…-20262030"
        ("Valprogram 2026", "lund-s-valprogram-2026"),  # the title names the period
        ("Trygg äldreomsorg i Lund", "lund-s-trygg-aldreomsorg-i-lund-2026-2030"),
        ("Skola/förskola: så gör vi", "lund-s-skola-forskola-sa-gor-vi-2026-2030"),
        ("", "lund-s-valprogram-2026-2030"),
    ],
)
def test_a_program_address_reads_well(title, expected):
    assert program_slug("Lund", "S", title, 2026) == expected


def test_a_long_address_is_cut_at_a_word_and_keeps_its_period():
    slug = program_slug("Upplands Väsby", "KD", "Ett mycket långt namn " * 12, 2022)
    assert len(slug) <= 120 and slug.endswith("-2022-2026")
    words = {"upplands", "vasby", "kd", "ett", "mycket", "langt", "namn", "2022", "2026"}
    assert set(slug.split("-")) <= words  # no word cut in two
    assert "--" not in slug and readable_slug("a – b — c / d") == "a-b-c-d"


def test_the_old_address_rule_is_kept_for_programs_made_with_it():
    assert legacy_program_slug("Lund", "S", "Valprogram 2026–2030", 2026) == (
        "lund-s-valprogram-20262030-2026"
    )


@pytest.mark.parametrize(
    "line, is_title",
    [
        ("Trygg äldreomsorg i Lund", True),
        ("Hemtjänst i hela kommunen", True),
        ("Lund", False),  # only the place
        ("Socialdemokraterna", False),  # only the party
        ("2026-03-01", False),
        ("12 mars 2026", False),
        ("valprogram_2026_slutlig", False),
        ("Valprogram.docx", False),
        ("Microsoft Word - valprogram", False),
        ("Sida 1", False),
        ("Vi vill:", False),
        ("https://lund.s.se/politik", False),
        ("", False),
    ],
)
def test_what_reads_as_a_title(line, is_title):
    assert reads_as_title(line, not_names=("Lund", "Socialdemokraterna", "S")) is is_title


def test_a_title_is_proposed_from_the_document_or_else_named_by_its_period():
    names = ("Lund",)
    assert proposed_title(["Lund", "Äldreomsorg"], not_names=names) == "Äldreomsorg"
    assert proposed_title(["Lund", None], period_start=2026, not_names=names) == (
        "Valprogram 2026–2030"
    )
    assert proposed_title([None, ""]) == "Valprogram"


# --- through the import --------------------------------------------------------------------

PLEDGES = (
    "Socialdemokraterna i Lund vill:\n\n"
    "- bygga fler äldreboenden\n- införa en fast omsorgskontakt i hemtjänsten\n"
)


def bring_in(text: str, **fields):
    source = importing.new_source(
        data=text.encode(),
        name=fields.pop("name", "lund-export-final.txt"),
        party=Party.objects.get(abbreviation="S"),
        municipality=Municipality.objects.get(code="1281"),
        period_start=2026,
        **fields,
    )
    importing.run(source, refresh=False)  # reads and proposes; waits for the editor
    source.refresh_from_db()
    return source


@pytest.mark.parametrize("first_line", ["Lund", "2026-03-01", "Sida 1"])
def test_an_upload_whose_first_line_is_no_title_gets_a_readable_one(reference_db, first_line):
    source = bring_in(f"{first_line}\n\n{PLEDGES}")
    assert source.state == "review" and source.title == "Valprogram 2026–2030"
    source.confirmed = True
    outcome = importing.run(source, refresh=False)
    assert outcome.result == "created", outcome.message
    program = source.program
    assert (program.title, program.slug) == ("Valprogram 2026–2030", "lund-s-valprogram-2026-2030")


def test_an_upload_with_its_own_title_keeps_it(reference_db):
    source = bring_in(f"Trygg äldreomsorg i Lund\n\n{PLEDGES}")
    assert source.title == "Trygg äldreomsorg i Lund"
    source.confirmed = True
    importing.run(source, refresh=False)
    assert source.program.slug == "lund-s-trygg-aldreomsorg-i-lund-2026-2030"


def test_a_program_with_an_old_address_is_found_again_by_it(reference_db):
    old = a_program(
        slug="lund-s-valprogram-20262030-2026", title="Valprogram 2026–2030", period_start=2026
    )
    source = bring_in(f"Valprogram 2026–2030\n\n{PLEDGES}", confirmed=True)
    assert source.state == "done", source.error
    assert source.program == old and Program.objects.count() == 1
    assert old.get_absolute_url() == "/program/lund-s-valprogram-20262030-2026/"
