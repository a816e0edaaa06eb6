"""How fresh the public data is, and what may be cached because of it.

Every change to what the public site shows bumps one number (``DataVersion``): saving or
deleting a pledge, a program, an area, a party or a place (signals, connected in
``apps.py``), changing a pledge's areas, and recomputing the similar-pledge links (which call
``data_changed`` themselves, as any bulk update must). An import bumps it once
(``batched_changes``).

Computed counts are cached under that number (``cached``), in the shared cache, so that a
change makes every one of them stale at once with nothing to delete; whole pages for visitors
are cached the same way, and carry it as their ETag and Last-Modified
(``config/caching.py``).
"""

from __future__ import annotations

import hashlib
import threading
import time
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

CACHE_SECONDS = 24 * 3600


# The version this process read last, and when (time.monotonic()): see ``current``.
_last_read: tuple[float, tuple[int, datetime]] | None = None


def current() -> tuple[int, datetime]:
    """The data version and when it last changed: one query, at most once every
    DATA_VERSION_SECONDS per process (a change made in this process is seen at once; one made
    in another process within that time, a CDN's s-maxage being far longer anyway)."""
    global _last_read
    from .models import DataVersion

    ttl = settings.DATA_VERSION_SECONDS
    now = time.monotonic()
    if ttl > 0 and _last_read is not None and now - _last_read[0] < ttl:
        return _last_read[1]
    row = DataVersion.objects.filter(pk=1).values_list("number", "changed_at").first()
    if row is None:  # a database built without migrations' data (never in use)
        version, _ = DataVersion.objects.get_or_create(pk=1)
        row = (version.number, version.changed_at)
    _last_read = (now, row) if ttl > 0 else None
    return row


def forget_version() -> None:
    """Read the data version again on next use (after a change in this process commits)."""
    global _last_read
    _last_read = None


_batch = threading.local()
# The version a request read once (config/caching.py), for everything it caches.
request_version: ContextVar[int | None] = ContextVar("request_version", default=None)


def data_changed(**_signal_kwargs) -> None:
    """Bump the data version, in the current transaction (a reader sees the new number when
    the change commits, and then computes from the changed data); inside ``batched_changes``
    once, at its end."""
    if getattr(_batch, "depth", 0):
        _batch.changed = True
        return
    from .models import DataVersion

    DataVersion.objects.filter(pk=1).update(number=F("number") + 1, changed_at=timezone.now())
    forget_version()
    transaction.on_commit(forget_version)  # a read before the commit saw the old number


@contextmanager
def batched_changes():
    """Many changes, one bump: for imports, which save thousands of rows."""
    _batch.depth = getattr(_batch, "depth", 0) + 1
    try:
        yield
    except BaseException:
        _batch.depth -= 1
        if not _batch.depth:
            _batch.changed = False  # rolled back: nothing changed
        raise
    _batch.depth -= 1
    if not _batch.depth and getattr(_batch, "changed", False):
        _batch.changed = False
        if not transaction.get_rollback():  # a dry run changes nothing
            data_changed()


def cached(name: str, compute, *parts, version: int | None = None):
    """``compute()``, kept in the shared cache for this data version and these ``parts``."""
    if version is None:
        version = request_version.get()
    if version is None:
        version = current()[0]
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()
    key = f"data:{version}:{name}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value
