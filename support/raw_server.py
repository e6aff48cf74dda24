"""A raw socket server on 127.0.0.1 for faults no HTTP server makes on purpose.

Each connection is handed to a function of the socket; the ones here read the request (headers
and a ``Content-Length`` body) and then misbehave: reset the connection after reading the body,
stall after sending the headers, or drip the answer (or any bytes) a byte at a time. ``RawServer.requests``
counts the requests read, so a test can tell whether one was sent again.
"""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Behaviour = Callable[["RawServer", socket.socket], None]


class RawServer:
    def __init__(self, behaviour: Behaviour) -> None:
        self.behaviour = behaviour
        self.requests: list[bytes] = []
        self._lock = threading.Lock()
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self._sock.settimeout(0.05)
        self._stop = threading.Event()
        self.url = f"http://127.0.0.1:{self._sock.getsockname()[1]}"

    def read_request(self, conn: socket.socket) -> bytes:
        """One request's head and body, as sent; recorded in ``requests``."""
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                return data
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        while len(body) < length:
            chunk = conn.recv(65536)
            if not chunk:
                break
            body += chunk
        with self._lock:
            self.requests.append(head + b"\r\n\r\n" + body)
        return head + b"\r\n\r\n" + body

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except (TimeoutError, OSError):
                continue
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        try:
            self.behaviour(self, conn)
        except OSError:
            pass  # the client gave up: what the fault is about
        finally:
            conn.close()

    @contextmanager
    def running(self) -> Iterator[RawServer]:
        thread = threading.Thread(target=self._serve, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            thread.join()
            self._sock.close()


def reset_after_body(server: RawServer, conn: socket.socket) -> None:
    """Read the whole request, then reset the connection (RST, not FIN): did the tool run?"""
    server.read_request(conn)
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def stall_after_headers(server: RawServer, conn: socket.socket) -> None:
    """Send a 200's headers, then nothing, until the client leaves."""
    server.read_request(conn)
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n")
    while not server._stop.wait(0.05):
        try:
            if not conn.recv(1, socket.MSG_DONTWAIT):
                return
        except BlockingIOError:
            continue


def drip(body: bytes, interval: float) -> Behaviour:
    """Answer 200 with ``body``, one byte every ``interval`` seconds."""
    head = (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
    )
    return drip_after(head, body, interval)


def drip_after(head: bytes, body: bytes, interval: float, *, then_hold: bool = False) -> Behaviour:
    """Send ``head`` at once, then ``body`` one byte every ``interval`` seconds, then close (or,
    with ``then_hold``, keep the connection open until the server stops)."""

    def behaviour(server: RawServer, conn: socket.socket) -> None:
        server.read_request(conn)
        conn.sendall(head)
        for byte in body:
            if server._stop.wait(interval):
                return
            conn.sendall(bytes([byte]))
        if then_hold:
            server._stop.wait()

    return behaviour


def answer(raw: bytes) -> Behaviour:
    """Read the request, answer with these exact bytes, close."""

    def behaviour(server: RawServer, conn: socket.socket) -> None:
        server.read_request(conn)
        conn.sendall(raw)

    return behaviour
