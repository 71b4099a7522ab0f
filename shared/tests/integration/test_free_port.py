"""The ports the tests give their own servers: free, never twice, and outside the range the kernel
gives outgoing connections (so none takes a port between the test picking and binding it)."""

import socket
from pathlib import Path

from sammen.testing import free_port


def test_free_ports_lie_below_the_ephemeral_range_and_are_never_handed_out_twice():
    ephemeral_start = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    ports = [free_port() for _ in range(50)]
    assert len(set(ports)) == 50
    assert all(port < ephemeral_start for port in ports)
    for port in ports:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", port))  # free: nothing listens there
