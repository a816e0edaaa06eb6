"""One import at a time, across processes: `load_data`, the task worker and `import_sources`
all change programs, pledges and the similarity links, and two at once used to collide.

PostgreSQL: a transaction-level advisory lock, released at commit or rollback (also when the
process dies). SQLite: the database's write lock, taken at the start. Another import waits up
to IMPORT_LOCK_WAIT seconds, then gives up with a clear message and changes nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import OperationalError, connection, transaction

from .freshness import batched_changes

IMPORT_LOCK = 74_260_001  # this project's advisory lock key


class ImportBusy(RuntimeError):
    """Another import held the lock for longer than we wait."""


@contextmanager
def one_import_at_a_time(announce: Callable[[str], object] | None = None) -> Iterator[None]:
    """A transaction that holds the import lock, and bumps the data version once at its end.
    `announce` is told when we have to wait."""
    wait = getattr(settings, "IMPORT_LOCK_WAIT", 600)
    busy = (
        f"en annan inläsning pågår fortfarande efter {wait} sekunder; försök igen när den är "
        "klar (inget ändrades)"
    )
    with transaction.atomic():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [IMPORT_LOCK])
                if not cursor.fetchone()[0]:
                    if announce:
                        announce("En annan inläsning pågår; väntar på att den blir klar …")
                    cursor.execute(f"SET LOCAL lock_timeout = '{int(wait * 1000)}ms'")
                    try:
                        with transaction.atomic():
                            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])
                    except OperationalError:
                        raise ImportBusy(busy) from None
                    cursor.execute("SET LOCAL lock_timeout = 0")
            else:
                _sqlite_write_lock(cursor, wait, busy, announce)
        with batched_changes():  # cached pages go stale once, when the import is done
            yield


def _sqlite_write_lock(cursor, wait: float, busy: str, announce) -> None:
    """A write statement takes SQLite's write lock now, not halfway through the import; each
    try waits SQLite's busy timeout, and we try again until `wait` seconds have passed."""
    deadline = time.monotonic() + wait
    while True:
        try:
            with transaction.atomic():
                cursor.execute("UPDATE django_migrations SET id = id WHERE 0")
            return
        except OperationalError:
            if time.monotonic() >= deadline:
                raise ImportBusy(busy) from None
            if announce:
                announce("En annan inläsning pågår; väntar på att den blir klar …")
                announce = None
            time.sleep(0.5)
