"""The edge of every request: bad input stopped (400), server errors as Swedish pages (500, or
503 with Retry-After while the database cannot be reached), and the Permissions-Policy."""

from __future__ import annotations

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

log = logging.getLogger(__name__)

# Seconds a reader is asked to wait when the database cannot be reached.
RETRY_AFTER = 30


def _page(template: str, status: int) -> HttpResponse:
    return HttpResponse(render_to_string(template), status=status)


class RejectNullCharacters:
    """A NUL character in the path or a parameter is a 400. No text with NUL can be stored or
    compared in PostgreSQL, so it must never reach a query (it used to give a 500)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()
        ):
            return _page("400.html", 400)
        return self.get_response(request)


def server_error(request):
    """handler500: a Swedish page; when the database cannot be reached (an OperationalError or
    InterfaceError, wherever it was raised, a middleware included), a 503 with Retry-After
    instead. Django drops a connection that had errors before the next request, so the site
    recovers by itself when the database is back."""
    exception = sys.exc_info()[1]
    if isinstance(exception, OperationalError | InterfaceError):
        log.warning("database unavailable: %s", exception)
        response = _page("503.html", 503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
    return _page("500.html", 500)


class PermissionsPolicy:
    """A Permissions-Policy header on every response: the site uses no camera, microphone,
    location, payment or USB, and says so (settings.PERMISSIONS_POLICY)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def client_ip(request) -> str:
    """The visitor's address: REMOTE_ADDR, or behind TRUSTED_PROXIES proxies the address the
    outermost of them saw (the last ones in X-Forwarded-For are the proxies' own additions)."""
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXIES
    if not trusted:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    chain = [a for a in forwarded if a] + [remote]
    return chain[-(trusted + 1)] if len(chain) > trusted else chain[0]
