"""A loopback TLS front: terminates TLS with a given certificate and forwards the plain bytes to a host.

In front of a real plain-HTTP host it makes an https host with any certificate; with a
certificate the station does not expect it is the impostor of the pinning tests: it keeps
every byte it decrypted (``received``), so a test can check that the station's key never
reached it. A plain HTTP request gets the 400 our host sends in that case (``https_required``). Everything is on 127.0.0.1; ``stop()`` joins all threads.
"""

from __future__ import annotations

import select
import socket
import ssl
import threading
from pathlib import Path

# What our host answers a plain request on its HTTPS port (server/httpserver.py).
PLAIN_HTTP_ANSWER = (b'{"version":2,"error":"https_required","message":"This server only speaks HTTPS on this port: '
                     b'use an https:// URL (scan its new setup code)."}')


class TLSProxy:
    """``https://127.0.0.1:<port>`` with ``cert``/``key``, forwarding to ``127.0.0.1:upstream_port``."""

    def __init__(self, upstream_port: int, cert: Path, key: Path) -> None:
        self.upstream = ("127.0.0.1", upstream_port)
        self._context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self._context.load_cert_chain(cert, key)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.received = bytearray()  # everything clients sent, decrypted
        self.handshakes = 0
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def start(self) -> TLSProxy:
        thread = threading.Thread(target=self._accept, name="tls-proxy", daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def __enter__(self) -> TLSProxy:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        self._stopping.set()
        self._listener.close()
        for thread in self._threads:
            thread.join(5)

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                ready, _, _ = select.select([self._listener], [], [], 0.1)
                if not ready:
                    continue
                raw, _ = self._listener.accept()
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(raw,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _serve(self, raw: socket.socket) -> None:
        raw.settimeout(5)
        try:
            first = raw.recv(8, socket.MSG_PEEK)
        except OSError:
            raw.close()
            return
        if first[:1].isalpha():  # a plain HTTP request on the TLS port: answer as our host does
            raw.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: " +
                        str(len(PLAIN_HTTP_ANSWER)).encode() + b"\r\nConnection: close\r\n\r\n" + PLAIN_HTTP_ANSWER)
            raw.close()
            return
        try:
            tls = self._context.wrap_socket(raw, server_side=True)
        except (OSError, ssl.SSLError):
            raw.close()  # the client gave up in the handshake (a pinning client that saw our certificate)
            return
        with self._lock:
            self.handshakes += 1
        try:
            upstream = socket.create_connection(self.upstream, timeout=5)
        except OSError:
            tls.close()
            return
        with tls, upstream:
            self._pump(tls, upstream)

    def _pump(self, tls: ssl.SSLSocket, upstream: socket.socket) -> None:
        tls.setblocking(False)
        upstream.setblocking(False)
        while not self._stopping.is_set():
            ready, _, _ = select.select([tls, upstream], [], [], 0.1)
            try:
                if tls in ready or tls.pending():
                    data = tls.recv(65536)
                    if not data:
                        return
                    with self._lock:
                        self.received += data
                    upstream.sendall(data)
                if upstream in ready:
                    data = upstream.recv(65536)
                    if not data:
                        return
                    tls.setblocking(True)
                    tls.sendall(data)
                    tls.setblocking(False)
            except ssl.SSLWantReadError:
                continue
            except OSError:
                return
