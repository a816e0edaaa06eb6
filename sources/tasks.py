"""Background work on django-tasks: reading and parsing a program never runs in a request."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from . import importing
from .models import Source, State


@task()
def import_source(source_id: int) -> str:
    source = Source.objects.select_related("party", "municipality", "region", "program").get(
        pk=source_id
    )
    return importing.run(source).result


def enqueue(source: Source) -> None:
    """Queue a source once the transaction that saved it has committed."""
    source.state, source.error = State.QUEUED, ""
    source.save(update_fields=["state", "error", "updated_at"])
    transaction.on_commit(lambda: import_source.enqueue(source.pk))
