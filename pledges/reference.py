"""Reference data (counties, municipalities, parties, policy areas) from fixtures/.

Official data (counties, municipalities) follows the fixture. Parties and policy areas belong to
the editors once created: a fixture adds the missing ones and never overwrites an edited one.
"""

from __future__ import annotations

from pathlib import Path

from django.core import serializers
from django.core.serializers.base import DeserializationError
from django.forms.models import model_to_dict

from .importer import FixtureError, LoadReport

REFERENCE_FIXTURES = [
    ("counties.json", "update", "län"),
    ("municipalities.json", "update", "kommuner"),
    ("parties.json", "keep", "partier"),
    ("policy_areas.json", "keep", "politikområden"),
]


def load_reference(directory: Path, report: LoadReport) -> None:
    for name, policy, label in REFERENCE_FIXTURES:
        path = directory / name
        try:
            with open(path, encoding="utf-8") as fh:
                objects = list(serializers.deserialize("json", fh))
        except FileNotFoundError:
            raise FixtureError(path, "filen finns inte") from None
        except DeserializationError as exc:
            raise FixtureError(path, f"kan inte läsas: {str(exc).splitlines()[-1]}") from None
        for obj in objects:
            instance = obj.object
            model = type(instance)
            if instance.pk is None:
                obj.save()
                report.add(f"{label} skapade")
                continue
            if policy == "keep":
                report.add(f"{label} oförändrade")
                continue
            current = model_to_dict(model.objects.get(pk=instance.pk))
            if current != model_to_dict(instance):
                obj.save()
                report.add(f"{label} ändrade")
            else:
                report.add(f"{label} oförändrade")
