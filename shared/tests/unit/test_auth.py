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
from sammen.testing import signed_token

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
WELL_FORMED = {
    "id": 7,
    "email": "agent@gentofte.dk",
    "name": "Agnete",
    "roles": ["agent"],
    "issued_at": "2026-12-01T09:30:00.123456+00:00",
}
# Signed with the right key, yet no staff identity: each must be refused, never a server error.
MALFORMED = {
    "no roles": {k: v for k, v in WELL_FORMED.items() if k != "roles"},
    "roles as a string": WELL_FORMED | {"roles": "agent"},
    "an unknown role": WELL_FORMED | {"roles": ["agent", "root"]},
    "a role that is no string": WELL_FORMED | {"roles": [["agent"]]},
    "no id": {k: v for k, v in WELL_FORMED.items() if k != "id"},
    "the id as a string": WELL_FORMED | {"id": "7"},
    "the id as a boolean": WELL_FORMED | {"id": True},
    "an id beyond any database key": WELL_FORMED | {"id": 2**70},
    "the name as a number": WELL_FORMED | {"name": 7},
    "no e-mail": {k: v for k, v in WELL_FORMED.items() if k != "email"},
    "no time of issue": {k: v for k, v in WELL_FORMED.items() if k != "issued_at"},
    "a time of issue without offset": WELL_FORMED | {"issued_at": "2026-12-01T09:30:00"},
    "a time of issue that is no time": WELL_FORMED | {"issued_at": "i går"},
    "a list": [WELL_FORMED],
    "a string": "agent",
    "null": None,
}


def test_a_well_formed_signed_payload_is_the_staff_member():
    assert read_token(KEY, signed_token(KEY, WELL_FORMED)) == AGENT


@pytest.mark.parametrize("payload", MALFORMED.values(), ids=MALFORMED.keys())
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
