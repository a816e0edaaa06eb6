"""Reference data (counties, regions, municipalities, parties, policy areas) from fixtures/.

Official data (counties, regions, municipalities) follows the fixture. Parties belong to the
editors once created: a fixture adds the missing ones and leaves the others. Policy areas follow
the fixture until an editor has changed one (a history record with a user); from then on the
editor's version stays.
"""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.serializers.base import DeserializationError
from django.forms.models import model_to_dict

from .loading import FixtureError, LoadReport


def reference_fixtures() -> list[tuple[str, str, str]]:
    """(file, policy, label) for every app's reference data, in INSTALLED_APPS order (so a
    municipality's county is there first). Each app declares its own in its AppConfig.
    Policies: "update" follows the fixture; "keep" only adds what is missing; "unedited"
    follows the fixture for rows no editor has changed."""
    return [
        f for config in apps.get_app_configs() for f in getattr(config, "reference_fixtures", [])
    ]


def load_reference(directory: Path, report: LoadReport) -> None:
    for name, policy, label in reference_fixtures():
        path = directory / name
        try:
            with open(path, encoding="utf-8") as fh:
                # One row at a time: a row may name an earlier row of the same file by its
                # natural key (a sub-area its topic).
                for obj in serializers.deserialize("json", fh):
                    _load_row(obj, policy, label, report)
        except FileNotFoundError:
            raise FixtureError(path, "filen finns inte") from None
        except DeserializationError as exc:
            raise FixtureError(path, f"kan inte läsas: {str(exc).splitlines()[-1]}") from None


def edited_by_editor(instance) -> bool:
    """Whether an editor has changed this row (its history has a record with a user)."""
    history = getattr(type(instance), "history", None)
    return history is not None and (
        history.filter(id=instance.pk, history_user__isnull=False).exists()
    )


def _load_row(obj, policy: str, label: str, report: LoadReport) -> None:
    instance = obj.object
    model = type(instance)
    if instance.pk is None:
        obj.save()
        report.add(f"{label} skapade")
        return
    if policy == "keep" or (policy == "unedited" and edited_by_editor(instance)):
        report.add(f"{label} oförändrade")
        return
    current = model_to_dict(model.objects.get(pk=instance.pk))
    if current != model_to_dict(instance):
        obj.save()
        report.add(f"{label} ändrade")
    else:
        report.add(f"{label} oförändrade")
