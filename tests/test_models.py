"""Integrity rules live in the database, not only in forms."""

import pytest
from django.db import IntegrityError, transaction

from municipalities.models import County, Municipality
from pledges.models import Pledge, PolicyArea, Program


@pytest.fixture
def pledge(loaded_db):
    return Pledge.objects.select_related("program").first()


@pytest.mark.parametrize(
    "changes",
    [
        {"end": 0},  # empty span
        {"confidence": 1.5},
        {"kind": "promise"},
        {"status": "maybe"},
    ],
)
def test_pledge_check_constraints(pledge, changes):
    for k, v in changes.items():
        setattr(pledge, k, v)
    with pytest.raises(IntegrityError), transaction.atomic():
        pledge.save()


def test_pledge_key_unique_within_program(pledge):
    clone = Pledge(
        program=pledge.program,
        key=pledge.key,
        text="x",
        kind="stated",
        start=0,
        end=1,
        primary_area=pledge.primary_area,
        confidence=0.5,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        clone.save()


def test_municipality_code_must_be_four_digits(loaded_db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Municipality.objects.create(
            code="12A4", name="Påhittad", slug="pahittad", county=County.objects.first()
        )


def test_program_period_plausible(loaded_db):
    program = Program.objects.first()
    program.period_start = 3022
    with pytest.raises(IntegrityError), transaction.atomic():
        program.save()


def test_natural_keys(pledge):
    assert Pledge.objects.get_by_natural_key(*pledge.natural_key()) == pledge
    area = PolicyArea.objects.get(slug="vald")
    assert PolicyArea.objects.get_by_natural_key(*area.natural_key()) == area


def test_source_span_is_the_program_text(loaded_db):
    for pledge in Pledge.objects.select_related("program"):
        assert " ".join(pledge.source_span.split()) == pledge.quote
