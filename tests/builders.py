"""Small builders for test data: a program and its pledges with only what a test names,
on top of the reference data (the `reference_db` fixture in conftest.py)."""

from __future__ import annotations

from municipalities.models import Municipality
from parties.models import Party
from pledges.models import Pledge, PolicyArea, Program


def a_program(text: str = "Vi vill bygga fler förskolor.\n", **fields) -> Program:
    values = {
        "slug": f"program-{Program.objects.count() + 1}",
        "party": Party.objects.get(abbreviation="S"),
        "municipality": Municipality.objects.get(code="1281"),
        "title": "Ett program",
        "original_text": text,
        "checksum": Program.checksum_of(text),
        **fields,
    }
    return Program.objects.create(**values)


def a_pledge(program: Program | None = None, text: str = "Bygga fler förskolor", **fields):
    program = program or a_program()
    area = PolicyArea.objects.get(slug=fields.pop("area", "forskola"))
    n = program.pledges.count()
    values = {
        "key": f"pledge-{n + 1}",
        "text": text,
        "quote": text,
        "kind": Pledge.Kind.LIST_ITEM,
        "start": 0,
        "end": min(len(program.original_text), 10),
        "order": n,
        "primary_area": area,
        "confidence": 0.95,
        **fields,
    }
    pledge = Pledge.objects.create(program=program, **values)
    pledge.areas.add(area)
    return pledge
