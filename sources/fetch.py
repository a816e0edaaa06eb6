"""Fetching a program from an address, politely and safely.

A User-Agent that names the project, connect and read timeouts, a size limit, http(s) only,
at most five redirects (each hop checked again), robots.txt respected, and no addresses on
private or internal networks unless ``FETCH_ALLOW_PRIVATE`` is set (development and tests).
Every refusal is a ``ProgramTextError``: one line naming the address and what to do.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin
from urllib.robotparser import RobotFileParser

import urllib3
from django.conf import settings

from pledges.parsing import ProgramTextError

MAX_REDIRECTS = 5
ROBOTS_MAX_BYTES = 512 * 1024
CHUNK = 64 * 1024
TOTAL_SECONDS = 120


class PrivateAddress(urllib3.exceptions.HTTPError):
    """The connection reached an address that is not on the public internet."""


def _public_only(conn):
    """Refuse a socket connected to a private, loopback or link-local address. Checked on the
    address actually connected to, so neither a crafted URL nor DNS rebinding gets past it."""
    sock = super(type(conn), conn)._new_conn()
    peer = ipaddress.ip_address(sock.getpeername()[0])
    if not _setting("FETCH_ALLOW_PRIVATE", False) and not peer.is_global:
        sock.close()
        raise PrivateAddress(str(peer))
    return sock


class _HTTPConnection(urllib3.connection.HTTPConnection):
    _new_conn = _public_only


class _HTTPSConnection(urllib3.connection.HTTPSConnection):
    _new_conn = _public_only


class _HTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


_pool = urllib3.PoolManager(retries=False)
_pool.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}


@dataclass
class Fetched:
    url: str  # the address the content came from, after redirects
    data: bytes
    content_type: str


def _setting(name: str, default):
    return getattr(settings, name, default)


def _check_address(url: str, source: str) -> None:
    """An early, friendly refusal; the connection itself is checked again (_public_only)."""
    try:
        parts = urllib3.util.parse_url(url)  # the way urllib3 will read it
    except urllib3.exceptions.LocationParseError:
        raise ProgramTextError(source, "adressen kan inte tolkas; kontrollera den") from None
    if parts.scheme not in ("http", "https") or not parts.host:
        raise ProgramTextError(source, "bara adresser som börjar med http:// eller https:// går")
    if _setting("FETCH_ALLOW_PRIVATE", False):
        return
    try:
        infos = socket.getaddrinfo(parts.host, parts.port or 443, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError):
        raise ProgramTextError(
            source, f"servern {parts.host} finns inte; kontrollera adressen"
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
    except PrivateAddress:
        raise ProgramTextError(
            source, "adressen pekar på ett internt nät och hämtas inte; ge en publik adress"
        ) from None
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
    """The body, within the size limit and TOTAL_SECONDS (a server that trickles a byte at a
    time would otherwise hold the worker, since the read timeout is per read)."""
    chunks, size = [], 0
    deadline = time.monotonic() + TOTAL_SECONDS
    try:
        for chunk in response.stream(CHUNK):
            size += len(chunk)
            if size > limit:
                raise ProgramTextError(source, _too_big(limit))
            if time.monotonic() > deadline:
                raise ProgramTextError(
                    source, f"överföringen tog mer än {TOTAL_SECONDS} s; försök igen senare"
                )
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
    parts = urllib3.util.parse_url(url)
    robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
    parser = RobotFileParser(robots_url)
    # A server that cannot be reached for its robots.txt cannot be fetched from either: the
    # error (with its reason) goes to the caller (RFC 9309, 2.3.1.4: unreachable → disallow).
    _final, response = _follow(robots_url, source, ROBOTS_MAX_BYTES)
    body = _body(response, source, ROBOTS_MAX_BYTES)
    if response.status >= 500:
        return False  # the site cannot say: take it as disallowed (RFC 9309, 2.3.1.4)
    if response.status >= 400:
        return True  # no robots.txt: nothing is disallowed (RFC 9309, 2.3.1.3)
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
