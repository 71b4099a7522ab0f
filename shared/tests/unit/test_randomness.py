"""Random bytes read a page at a time: each byte handed out once, never shared with a fork."""

from __future__ import annotations

import base64
import os

from sammen import randomness


def test_draws_have_the_length_asked_for_and_never_repeat() -> None:
    draws = [randomness.random_bytes(16) for _ in range(2 * randomness.PAGE_BYTES // 16 + 7)]
    assert {len(draw) for draw in draws} == {16}
    assert len(set(draws)) == len(draws)  # across page boundaries too


def test_a_draw_larger_than_a_page_is_read_whole() -> None:
    draw = randomness.random_bytes(randomness.PAGE_BYTES + 1)
    assert len(draw) == randomness.PAGE_BYTES + 1
    assert len(set(draw)) > 200  # random, not a page of zeros


def test_a_uuid_is_version_4_and_a_token_is_url_safe() -> None:
    made = randomness.uuid4()
    assert (made.version, made.variant) == (4, "specified in RFC 4122")
    token = randomness.token_urlsafe(32)
    assert len(base64.urlsafe_b64decode(token + "=")) == 32
    assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def test_a_forked_child_never_hands_out_the_parents_bytes() -> None:
    randomness.random_bytes(1)  # the parent has a page with bytes left in it
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child process
        os.close(read_end)
        os.write(write_end, randomness.random_bytes(32))
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        childs = pipe.read()
    os.waitpid(child, 0)
    assert len(childs) == 32
    assert childs != randomness.random_bytes(32)
