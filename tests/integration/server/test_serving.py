"""Serving: the blocking ``serve`` (SIGTERM/SIGINT, exit 0) and ``BackgroundServer`` (ports, start/stop)."""

from __future__ import annotations

import signal
import socket

import pytest
import requests

from server.serving import BackgroundServer, PortInUse
from tests.support.factories import ServerProcess


@pytest.fixture
def sqlite_url(make_database):
    url, drop = make_database("sqlite")
    yield url
    drop()


def test_port_already_in_use_raises_port_in_use_with_a_plain_message(sqlite_url):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(PortInUse) as caught:
            BackgroundServer(sqlite_url, port=port).start()
    assert str(caught.value) == f"Port {port} on 127.0.0.1 is already in use. Choose another with --port."


def test_background_server_serves_on_the_port_it_reports_and_stop_closes_it(sqlite_url):
    server = BackgroundServer(sqlite_url).start()
    assert server.url == f"http://127.0.0.1:{server.port}"
    assert requests.get(server.url + "/healthz", timeout=5).text == "ok\n"
    server.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(server.url + "/healthz", timeout=2)
    # The port is free again: a new server can take it.
    again = BackgroundServer(sqlite_url, port=server.port).start()
    again.stop()


def test_stop_leaves_no_thread_behind_even_with_a_kept_alive_connection(sqlite_url):
    import threading

    before = {thread.name for thread in threading.enumerate()}
    with BackgroundServer(sqlite_url) as server:
        session = requests.Session()
        assert session.get(server.url + "/healthz", timeout=5).ok  # a kept-alive connection stays open
    after = {thread.name for thread in threading.enumerate()}
    assert after - before == set()


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_serve_logs_its_url_and_exits_0_on_sigterm_or_sigint(sqlite_url, signum):
    process = ServerProcess(sqlite_url)
    try:
        assert process.url.startswith("http://127.0.0.1:")
        assert requests.get(process.url + "/healthz", timeout=5).text == "ok\n"
        process.process.send_signal(signum)
        assert process.process.wait(timeout=20) == 0
    finally:
        if process.process.poll() is None:
            process.process.kill()
            process.process.wait(10)
    assert "Traceback" not in "".join(process.lines)


def test_background_server_on_localhost_serves_on_one_port(sqlite_url):
    with BackgroundServer(sqlite_url, host="localhost") as server:
        assert server.url == f"http://localhost:{server.port}"
        assert requests.get(server.url + "/healthz", timeout=5).text == "ok\n"


def test_unknown_host_name_raises_port_in_use_with_a_plain_message(sqlite_url):
    with pytest.raises(PortInUse, match="not an address of this machine"):
        BackgroundServer(sqlite_url, host="no-such-host.invalid").start()
