"""Single sign-on's settings: the role and council maps, and what a start refuses."""

import pytest

from sammen.config import UnsafeProductionSettings, load_settings
from sammen.routing.sso.config import InvalidSsoSettings, parse_value_map, sso_settings

ISSUER = "https://login.microsoftonline.com/tenant-id/v2.0"


def settings(**env: str):  # type: ignore[no-untyped-def]
    base = {
        "SAMMEN_VAR_DIR": "/tmp",
        "SAMMEN_OIDC_ISSUER": ISSUER,
        "SAMMEN_OIDC_CLIENT_ID": "sammen",
        "SAMMEN_OIDC_CLIENT_SECRET": "hemmelig",
    }
    return load_settings("routing", {**base, **env})


def test_no_issuer_means_no_single_sign_on():
    assert sso_settings(settings(SAMMEN_OIDC_ISSUER="")) is None


def test_values_map_to_roles_in_sammens_order_and_unknown_values_to_nothing():
    config = sso_settings(
        settings(SAMMEN_OIDC_ROLE_MAP="Sammen.Admin:admin, grp-1:agent,grp-1:coordinator")
    )
    assert config.roles_for(["grp-1", "Sammen.Admin", "Other.App"]) == (
        "agent",
        "coordinator",
        "admin",
    )
    assert config.roles_for(["Other.App"]) == ()
    assert config.roles_claim == "roles"


def test_without_a_role_map_an_app_role_named_as_sammens_role_is_that_role():
    config = sso_settings(settings())
    assert config.roles_for(["coordinator", "moderator", "Sammen.Agent"]) == (
        "coordinator",
        "moderator",
    )


def test_a_value_may_hold_colons_and_groups_give_a_secretarys_councils():
    assert parse_value_map("urn:gentofte:sammen:agent:agent", "X") == {
        "urn:gentofte:sammen:agent": frozenset({"agent"})
    }
    config = sso_settings(settings(SAMMEN_OIDC_COUNCIL_MAP="g1:seniorraadet,g2:groent-raad"))
    assert config.councils_for(["g2", "g1", "g3"]) == ["groent-raad", "seniorraadet"]


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"SAMMEN_OIDC_ROLE_MAP": "Sammen.Boss:boss"}, "unknown role 'boss'"),
        ({"SAMMEN_OIDC_ROLE_MAP": "agent"}, "not idp-value:target"),
        ({"SAMMEN_OIDC_CLIENT_SECRET": ""}, "SAMMEN_OIDC_CLIENT_SECRET"),
        ({"SAMMEN_OIDC_TOKEN_AUTH_METHOD": "private_key_jwt"}, "SAMMEN_OIDC_TOKEN_AUTH_METHOD"),
        ({"SAMMEN_OIDC_ISSUER": "login.gentofte.dk"}, "https://"),
    ],
)
def test_incomplete_or_unknown_settings_are_refused_at_start(env, named):
    with pytest.raises(InvalidSsoSettings, match=named):
        sso_settings(settings(**env))


def test_an_http_issuer_is_for_development_only():
    assert sso_settings(settings(SAMMEN_OIDC_ISSUER="http://127.0.0.1:9000/")).issuer == (
        "http://127.0.0.1:9000"
    )
    with pytest.raises(UnsafeProductionSettings, match="SAMMEN_OIDC_ISSUER"):
        settings(
            SAMMEN_ENV="production",
            SAMMEN_SECRET_KEY="p" * 40,
            SAMMEN_OIDC_ISSUER="http://login.gentofte.dk",
        )
    production = settings(SAMMEN_ENV="production", SAMMEN_SECRET_KEY="p" * 40)
    assert sso_settings(production).replaces_passwords
