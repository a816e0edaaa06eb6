"""Fetching a program from an address, politely and safely.

A User-Agent that names the project, connect and read timeouts, a size limit, http(s) only,
at most five redirects (each hop checked again), robots.txt respected, and no addresses on
private or internal networks unless ``FETCH_ALLOW_PRIVATE`` is set (development and tests).
Every refusal is a ``ProgramTextError``: one line naming the address and what to do.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import urllib3
from django.conf import settings

from pledges.parsing import ProgramTextError

MAX_REDIRECTS = 5
ROBOTS_MAX_BYTES = 512 * 1024
CHUNK = 64 * 1024

_pool = urllib3.PoolManager(retries=False)


@dataclass
class Fetched:
    url: str  # the address the content came from, after redirects
    data: bytes
    content_type: str


def _setting(name: str, default):
    return getattr(settings, name, default)


def _check_address(url: str, source: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ProgramTextError(source, "bara adresser som börjar med http:// eller https:// går")
    if _setting("FETCH_ALLOW_PRIVATE", False):
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise ProgramTextError(
            source, f"servern {parts.hostname} finns inte; kontrollera adressen"
        ) from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise ProgramTextError(
                source, "adressen pekar på ett internt nät och hämtas inte; ge en publik adress"
            )


def _get(url: str, source: str, limit: int) -> urllib3.BaseHTTPResponse:
    timeout = urllib3.Timeout(connect=5.0, read=_setting("FETCH_TIMEOUT", 20.0))
    headers = {"User-Agent": _setting("FETCH_USER_AGENT", "Valloften/1.0")}
    try:
        response = _pool.request(
            "GET", url, headers=headers, timeout=timeout, redirect=False, preload_content=False
        )
    except urllib3.exceptions.TimeoutError:
        raise ProgramTextError(source, "servern svarade inte i tid; försök igen senare") from None
    except urllib3.exceptions.HTTPError as exc:
        reason = type(getattr(exc, "reason", exc) or exc).__name__
        raise ProgramTextError(
            source, f"servern kan inte nås ({reason}); kontrollera adressen och försök igen"
        ) from None
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > limit:
        _discard(response)
        raise ProgramTextError(source, _too_big(limit))
    return response


def _discard(response) -> None:
    """Close a response that will not be read to its end (its connection is not reused)."""
    response.close()
    if response.connection is not None:
        response.connection.close()
    response.release_conn()


def _too_big(limit: int) -> str:
    return f"filen är större än {limit // (1024 * 1024)} MB; ladda ner den och dela upp den"


def _body(response, source: str, limit: int) -> bytes:
    chunks, size = [], 0
    try:
        for chunk in response.stream(CHUNK):
            size += len(chunk)
            if size > limit:
                raise ProgramTextError(source, _too_big(limit))
            chunks.append(chunk)
    except urllib3.exceptions.HTTPError:
        raise ProgramTextError(source, "överföringen avbröts; försök igen") from None
    finally:
        _discard(response)
    return b"".join(chunks)


def _follow(url: str, source: str, limit: int) -> tuple[str, urllib3.BaseHTTPResponse]:
    """GET with redirects followed by hand, each hop checked like the first address."""
    seen = set()
    for _ in range(MAX_REDIRECTS + 1):
        _check_address(url, source)
        seen.add(url)
        response = _get(url, source, limit)
        if response.status in (301, 302, 303, 307, 308) and response.headers.get("Location"):
            _discard(response)
            url = urljoin(url, response.headers["Location"])
            if url in seen:
                raise ProgramTextError(source, "adressen omdirigerar i en slinga; ge slutadressen")
            continue
        return url, response
    raise ProgramTextError(source, f"fler än {MAX_REDIRECTS} omdirigeringar; ge slutadressen")


def _robots_allow(url: str, source: str) -> bool:
    parts = urlsplit(url)
    robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
    parser = RobotFileParser(robots_url)
    try:
        _final, response = _follow(robots_url, source, ROBOTS_MAX_BYTES)
        body = _body(response, source, ROBOTS_MAX_BYTES)
    except ProgramTextError:
        return True  # no robots.txt to be had: nothing is disallowed (RFC 9309, 2.3.1.3)
    if response.status >= 500:
        return False  # the site cannot say: take it as disallowed (RFC 9309, 2.3.1.4)
    if response.status >= 400:
        return True
    parser.parse(body.decode("utf-8", "replace").splitlines())
    agent = _setting("FETCH_USER_AGENT", "Valloften/1.0").split("/")[0]
    return parser.can_fetch(agent, url)


def fetch(url: str) -> Fetched:
    """The content at `url`, or a ProgramTextError saying why not."""
    source = url
    limit = _setting("FETCH_MAX_BYTES", 50 * 1024 * 1024)
    _check_address(url, source)
    if not _robots_allow(url, source):
        raise ProgramTextError(
            source,
            "webbplatsens robots.txt tillåter inte hämtning; ladda ner filen och ladda upp den",
        )
    final, response = _follow(url, source, limit)
    if response.status in (404, 410):
        _discard(response)
        raise ProgramTextError(
            source, f"sidan finns inte (HTTP {response.status}); kontrollera adressen"
        )
    if response.status >= 400:
        _discard(response)
        raise ProgramTextError(
            source, f"servern svarade med fel (HTTP {response.status}); försök igen senare"
        )
    data = _body(response, source, limit)
    return Fetched(final, data, response.headers.get("Content-Type", ""))
