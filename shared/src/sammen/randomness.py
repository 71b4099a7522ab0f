"""Random bytes from the operating system, read a page at a time.

Each `os.urandom` is a system call that gives up the GIL, and a new idea drew randomness a
dozen times (its id, tracking code, reply token, event id, request id): with 16 request threads,
each of those let another thread in and made the drawing thread queue for the GIL again, which
cost intake about a tenth of its ideas a second. Here one read of `os.urandom` serves many
draws. The bytes are the operating system's, each handed out once; a forked process (gunicorn's
workers fork from the master) starts with an empty page, so no two processes hand out the same.
"""

from __future__ import annotations

import base64
import os
import threading
import uuid

PAGE_BYTES = 4096


class _Page:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._bytes = b""
        self._taken = 0

    def take(self, count: int) -> bytes:
        if count > PAGE_BYTES:
            return os.urandom(count)
        with self._lock:
            if self._taken + count > len(self._bytes):
                self._bytes, self._taken = os.urandom(PAGE_BYTES), 0
            start = self._taken
            self._taken += count
            return self._bytes[start : self._taken]

    def forget(self) -> None:
        self._bytes, self._taken = b"", 0
        self._lock = threading.Lock()  # another thread may have held it at the fork


_page = _Page()
os.register_at_fork(after_in_child=_page.forget)


def random_bytes(count: int) -> bytes:
    """`count` bytes from the operating system's generator (as `os.urandom`), never handed out
    twice."""
    return _page.take(count)


def uuid4() -> uuid.UUID:
    """A random (version 4) UUID, as `uuid.uuid4()`."""
    return uuid.UUID(bytes=random_bytes(16), version=4)


def token_urlsafe(count: int) -> str:
    """A URL-safe text of `count` random bytes, as `secrets.token_urlsafe`."""
    return base64.urlsafe_b64encode(random_bytes(count)).rstrip(b"=").decode("ascii")
