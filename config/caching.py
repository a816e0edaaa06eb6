"""HTTP caching for readers, as the big election sites do it.

A visitor's page (GET or HEAD, no session cookie, not the admin) carries an ETag and a
Last-Modified made from the data version (pledges/freshness.py) and the release, and a
Cache-Control that lets a CDN or proxy keep it (``public, max-age=0, s-maxage=300`` by
default: a browser asks again each time and gets a 304 while nothing changed). A
request that already holds the current version gets 304 before any page is built. Whole pages
are kept in the shared cache (Redis in production) under the data version, so an import or an
editor's change makes every one stale at once; a page that sets a cookie (it has a form) or
varies by cookie is never kept.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from pledges.freshness import current, request_version

SKIPPED_PREFIXES = ("/admin/", "/i18n/", "/" + settings.STATIC_URL.lstrip("/"), "/media/")
UNSTORED_HEADERS = {"set-cookie", "date"}


RELEASE_SKIPPED_DIRS = {".venv", ".git", "staticfiles", "media", "node_modules", "__pycache__"}
RELEASE_SUFFIXES = (".py", ".html", ".mo", ".css")


def release() -> str:
    """What identifies this build's pages: VALLOFTEN_RELEASE, or a digest of the code,
    templates, translations and styles (the same on every app server built from one image).
    Read once per process; the installed packages are not walked."""
    if settings.RELEASE:
        return settings.RELEASE
    digest = hashlib.blake2b(digest_size=6)
    base = Path(settings.BASE_DIR)
    for folder, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if d not in RELEASE_SKIPPED_DIRS)
        for name in sorted(files):
            if name.endswith(RELEASE_SUFFIXES):
                path = Path(folder, name)
                stat = path.stat()
                digest.update(
                    f"{path.relative_to(base)}:{stat.st_size}:{stat.st_mtime_ns}".encode()
                )
    return digest.hexdigest()


class PublicCaching:
    def __init__(self, get_response):
        self.get_response = get_response
        self.release = release()

    def applies(self, request) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and not request.path.startswith(SKIPPED_PREFIXES)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )

    def __call__(self, request):
        if not self.applies(request):
            return self.get_response(request)
        number, changed_at = current()
        token = request_version.set(number)
        try:
            return self._respond(request, number, changed_at)
        finally:
            request_version.reset(token)

    def _respond(self, request, number, changed_at):
        etag = f'"{self.release}-{number}"'
        last_modified = http_date(changed_at.timestamp())
        if etag in request.headers.get("If-None-Match", ""):
            return self._headers(HttpResponseNotModified(), etag, last_modified)
        key = "page:{}:{}:{}".format(
            self.release,
            number,
            hashlib.blake2b(
                f"{request.scheme}://{request.get_host()}{request.get_full_path()}".encode(),
                digest_size=16,
            ).hexdigest(),
        )
        stored = cache.get(key) if settings.PAGE_CACHE_SECONDS else None
        if stored is not None:
            status, content, headers = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            return response
        response = self.get_response(request)
        if not self._keepable(response):
            return response
        self._headers(response, etag, last_modified)
        if settings.PAGE_CACHE_SECONDS:
            headers = [(k, v) for k, v in response.items() if k.lower() not in UNSTORED_HEADERS]
            cache.set(
                key, (response.status_code, response.content, headers), settings.PAGE_CACHE_SECONDS
            )
        return response

    @staticmethod
    def _keepable(response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "cookie" not in response.get("Vary", "").lower()
            and "Cache-Control" not in response
        )

    @staticmethod
    def _headers(response, etag: str, last_modified: str):
        response["ETag"] = etag
        response["Last-Modified"] = last_modified
        patch_cache_control(
            response,
            public=True,
            max_age=settings.BROWSER_CACHE_SECONDS,
            s_maxage=settings.CDN_CACHE_SECONDS,
        )
        return response
