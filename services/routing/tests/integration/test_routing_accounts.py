"""Accounts at start: the operator's admin, demo staff in development, none in production."""

import pytest
from sqlalchemy import select

from sammen.config import UnsafeProductionSettings, load_settings
from sammen.db import Database, migrate
from sammen.routing.accounts import DEMO_PASSWORD, PasswordLoginProvider, prepare_accounts
from sammen.routing.app import MIGRATIONS
from sammen.routing.domain import THEME_TEAMS
from sammen.routing.models import StaffAccount

SECRET = "s" * 40


@pytest.fixture
def database(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'routing.sqlite3'}")
    migrate(database, MIGRATIONS)
    yield database
    database.dispose()


def settings(**env):
    return load_settings("routing", {"SAMMEN_VAR_DIR": "/tmp", **env})


def accounts(database):
    with database.transaction() as session:
        return list(session.scalars(select(StaffAccount)))


def test_development_seeds_an_agent_for_every_theme_and_a_coordinator(database):
    prepare_accounts(settings(SAMMEN_ENV="development"), database)
    prepare_accounts(settings(SAMMEN_ENV="development"), database)  # a second start adds nothing
    seeded = accounts(database)
    assert len(seeded) == len({a.email for a in seeded}) == 10
    covered = {area for a in seeded if "agent" in a.role_list for area in a.area_list}
    assert covered == set(THEME_TEAMS)
    assert any("coordinator" in a.role_list for a in seeded)
    with database.transaction() as session:
        found = PasswordLoginProvider().authenticate(
            session, "koordinator@demo.gentofte.dk", DEMO_PASSWORD
        )
        assert found is not None and found.password_hash.startswith("$argon2id$")


def test_the_admin_is_bootstrapped_from_the_environment(database):
    env = {"SAMMEN_ENV": "test", "SAMMEN_ADMIN_EMAIL": "drift@gentofte.dk"}
    prepare_accounts(settings(**env, SAMMEN_ADMIN_PASSWORD="en-meget-lang-adgangskode"), database)
    [admin] = accounts(database)
    assert (admin.email, admin.role_list, admin.demo) == ("drift@gentofte.dk", ("admin",), False)
    with database.transaction() as session:
        provider = PasswordLoginProvider()
        assert provider.authenticate(session, "drift@gentofte.dk", "en-meget-lang-adgangskode")
        assert provider.authenticate(session, "drift@gentofte.dk", "forkert") is None


def test_production_never_seeds_and_refuses_demo_accounts(database):
    production = {"SAMMEN_ENV": "production", "SAMMEN_SECRET_KEY": SECRET}
    prepare_accounts(settings(**production, ROUTING_SEED_DEMO="1"), database)
    assert accounts(database) == []
    prepare_accounts(settings(SAMMEN_ENV="development"), database)
    with pytest.raises(UnsafeProductionSettings):
        prepare_accounts(settings(**production), database)
