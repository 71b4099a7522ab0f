"""The fault proxy the tests put between the services and a server: it passes bytes both ways,
keeps a quiet connection open for as long as the peers do, and cuts and restores on demand."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator

import pytest

from sammen.testing import TcpProxy


@pytest.fixture
def echo_port() -> Iterator[int]:
    """A real TCP server that sends back what it receives."""
    server = socket.create_server(("127.0.0.1", 0))

    def echo(connection: socket.socket) -> None:
        with connection, contextlib.suppress(OSError):
            while data := connection.recv(4096):
                connection.sendall(data)

    def serve() -> None:
        with contextlib.suppress(OSError):
            while True:
                connection, _ = server.accept()
                threading.Thread(target=echo, args=(connection,), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    yield server.getsockname()[1]
    server.close()


@pytest.fixture
def proxy(echo_port: int) -> Iterator[TcpProxy]:
    proxy = TcpProxy("127.0.0.1", echo_port, connect_timeout=0.2)
    yield proxy
    proxy.close()


def _connect(proxy: TcpProxy) -> socket.socket:
    return socket.create_connection(("127.0.0.1", proxy.port), timeout=5)


def _round_trip(connection: socket.socket, data: bytes) -> bytes:
    connection.sendall(data)
    return connection.recv(4096)


def test_bytes_pass_both_ways(proxy):
    with _connect(proxy) as connection:
        assert _round_trip(connection, b"AMQP\x00\x00\x09\x01") == b"AMQP\x00\x00\x09\x01"


def test_a_quiet_connection_outlives_the_connect_timeout(proxy):
    with _connect(proxy) as connection:
        assert _round_trip(connection, b"hello") == b"hello"
        # Quiet for five times the proxy's connect timeout: the proxy must not close it.
        connection.settimeout(1.0)
        with pytest.raises(TimeoutError):
            connection.recv(4096)
        connection.settimeout(5)
        assert _round_trip(connection, b"still there") == b"still there"


def test_many_connections_at_once_each_get_their_own_answer(proxy):
    connections = [_connect(proxy) for _ in range(20)]
    try:
        for number, connection in enumerate(connections):
            connection.sendall(f"message {number}".encode())
        answers = [connection.recv(4096) for connection in connections]
    finally:
        for connection in connections:
            connection.close()
    assert answers == [f"message {n}".encode() for n in range(20)]


def test_a_cut_severs_open_connections_and_refuses_new_ones_until_restored(proxy):
    with _connect(proxy) as connection:
        assert _round_trip(connection, b"before") == b"before"
        proxy.cut()
        assert connection.recv(4096) == b""  # the open connection is severed
    with _connect(proxy) as refused:
        assert refused.recv(4096) == b""  # accepted by the proxy, then closed at once
    proxy.restore()
    with _connect(proxy) as connection:
        assert _round_trip(connection, b"after") == b"after"
