from datetime import UTC, datetime, timedelta

import pytest
from itsdangerous import URLSafeTimedSerializer

from sammen.auth import (
    TOKEN_SALT,
    SignedToken,
    StaffIdentity,
    issue_token,
    read_signed_token,
    read_token,
)
from sammen.testing import MALFORMED_CLAIMS, STAFF_CLAIMS, signed_token

AGENT = StaffIdentity(id=7, email="agent@gentofte.dk", name="Agnete", roles=("agent",))


def test_a_token_signed_by_one_service_is_read_by_another_with_the_same_key():
    token = issue_token("k" * 40, AGENT)
    assert read_token("k" * 40, token) == AGENT


def test_a_token_with_another_key_or_tampered_is_refused():
    token = issue_token("k" * 40, AGENT)
    assert read_token("o" * 40, token) is None
    assert read_token("k" * 40, token[:-2] + "xx") is None


def test_an_expired_token_is_refused():
    token = issue_token("k" * 40, AGENT)
    assert read_token("k" * 40, token, max_age=-1) is None


def test_roles_admin_may_everything_others_need_one_of_the_roles():
    admin = StaffIdentity(1, "a@x", "A", ("admin",))
    assert admin.has_any(("coordinator",))
    assert AGENT.has_any(("agent", "coordinator"))
    assert not AGENT.has_any(("coordinator",))
    assert AGENT.has_any(())


KEY = "k" * 40


def test_a_well_formed_signed_payload_is_the_staff_member():
    assert read_token(KEY, signed_token(KEY, STAFF_CLAIMS)) == AGENT


@pytest.mark.parametrize("payload", MALFORMED_CLAIMS.values(), ids=MALFORMED_CLAIMS.keys())
def test_a_signed_token_that_is_no_staff_identity_is_refused(payload):
    assert read_signed_token(KEY, signed_token(KEY, payload)) is None


def test_a_signed_value_that_is_no_json_is_refused():
    serializer = URLSafeTimedSerializer(KEY, salt=TOKEN_SALT)
    token = serializer.make_signer(TOKEN_SALT).sign(b"%%% no base64 json %%%").decode()
    assert read_token(KEY, token) is None


def test_a_token_says_to_the_microsecond_when_it_was_issued():
    at = datetime(2026, 12, 1, 9, 30, 0, 123456, tzinfo=UTC)
    signed = read_signed_token(KEY, issue_token(KEY, AGENT, at))
    assert signed == SignedToken(AGENT, at)
    later = read_signed_token(KEY, issue_token(KEY, AGENT, at + timedelta(microseconds=1)))
    assert later.issued_at > signed.issued_at
