"""A database outage, simulated without touching the machine's shared PostgreSQL server: the
site talks to it through a private TCP proxy that the test cuts and restores. While cut, every
page answers 503 with Retry-After; once restored, pages answer 200 again with no restart."""

import contextlib
import select
import socket
import threading
import urllib.error
import urllib.request
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, connections


class Proxy:
    """127.0.0.1:<port> → the database server, until cut."""

    def __init__(self, host: str, port: int):
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.up = threading.Event()
        self.up.set()
        self.open: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up.is_set():
                client.close()
                continue
            server = socket.create_connection(self.target)
            self.open += [client, server]
            threading.Thread(target=self._relay, args=(client, server), daemon=True).start()

    def _relay(self, a, b):
        try:
            while True:
                ready, _, _ = select.select([a, b], [], [], 0.5)
                for sock in ready:
                    data = sock.recv(65536)
                    if not data:
                        return
                    (b if sock is a else a).sendall(data)
        except (OSError, ValueError):  # cut() closed the sockets under us (a closed one is -1)
            return
        finally:
            a.close(), b.close()

    def cut(self):
        self.up.clear()
        for sock in self.open:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self.open.clear()

    def restore(self):
        self.up.set()

    def close(self):
        self.cut()
        self.listener.close()


def status(url):
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, None
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Retry-After")


@pytest.fixture
def site_behind_proxy(live_server, transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("the outage is a cut TCP connection to PostgreSQL")
    call_command("load_data", stdout=StringIO(), stderr=StringIO())
    dsn = connections.settings["default"]
    proxy = Proxy(dsn.get("HOST") or "127.0.0.1", int(dsn.get("PORT") or 5432))
    saved = dsn.get("PORT")
    dsn["PORT"] = proxy.port  # the live server's connections go through the proxy from now on
    yield live_server.url, proxy
    dsn["PORT"] = saved
    proxy.close()


def test_pages_answer_503_while_the_database_is_away_and_recover_by_themselves(
    site_behind_proxy, capsys
):
    url, proxy = site_behind_proxy
    pages = [url + p for p in ("/", "/loften/", "/partier/m/", "/kommuner/orebro/")]
    before = [status(p)[0] for p in pages]
    proxy.cut()
    during = [status(p) for p in pages * 5]
    proxy.restore()
    after = [status(p)[0] for p in pages * 5]
    with capsys.disabled():
        print(
            f"\noutage: before {before}, during {len(during)} requests "
            f"{sorted({s for s, _ in during})}, after {len(after)} requests {sorted(set(after))}"
        )
    assert before == [200] * len(pages)
    assert during == [(503, "30")] * len(during)
    assert after == [200] * len(after)
