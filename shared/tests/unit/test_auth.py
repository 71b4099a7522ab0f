from sammen.auth import StaffIdentity, issue_token, read_token

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
