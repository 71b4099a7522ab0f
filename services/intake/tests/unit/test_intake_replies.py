"""The write-back link's pure rules: an unguessable token kept as a hash, and how long it lives."""

import pytest

from sammen.intake.domain import (
    FINAL_STATUSES,
    new_reply_token,
    replies_open_after,
    reply_token_hash,
)
from sammen.testing import made_distinct


def test_tokens_are_long_random_and_url_safe():
    for token in made_distinct(new_reply_token, 1000):
        assert len(token) >= 43  # 32 random bytes
        assert token.replace("-", "").replace("_", "").isalnum()


def test_the_hash_is_fixed_for_a_token_and_reveals_nothing_of_it():
    token = new_reply_token()
    assert reply_token_hash(token) == reply_token_hash(token)
    assert len(reply_token_hash(token)) == 64 and token not in reply_token_hash(token)
    assert reply_token_hash(token) != reply_token_hash(new_reply_token())


@pytest.mark.parametrize("final", sorted(FINAL_STATUSES))
def test_a_final_status_closes_the_link_and_reopening_opens_it(final):
    assert replies_open_after(final, "in_dialogue", True) is False
    assert replies_open_after("in_dialogue", final, False) is True


@pytest.mark.parametrize("open_now", [True, False])
def test_a_move_between_working_statuses_leaves_the_link_as_it_is(open_now):
    assert replies_open_after("trial", "in_dialogue", open_now) is open_now
