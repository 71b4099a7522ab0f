import pytest

from sammen.config import (
    DEVELOPMENT_SECRET_KEY,
    UnsafeProductionSettings,
    load_settings,
    web_threads,
    web_workers,
)


def test_every_setting_has_a_development_default(tmp_path):
    settings = load_settings("intake", {"SAMMEN_VAR_DIR": str(tmp_path)})
    assert settings.env == "development"
    assert settings.amqp_url == "amqp://guest:guest@localhost:5672/%2F"
    assert settings.database_url == f"sqlite:///{tmp_path}/intake.sqlite3"
    assert settings.secret_key == DEVELOPMENT_SECRET_KEY
    assert settings.base_url("routing") == "http://localhost:8002"
    assert settings.port == 8001
    assert settings.cookies_secure is False


def test_a_service_database_url_wins_over_the_general_one():
    env = {
        "DATABASE_URL": "postgresql://a/general",
        "ROUTING_DATABASE_URL": "postgresql://a/routing",
    }
    assert load_settings("routing", env).database_url == "postgresql://a/routing"
    assert load_settings("notify", env).database_url == "postgresql://a/general"


def test_base_urls_come_from_the_environment_without_trailing_slash():
    settings = load_settings(
        "intake", {"SAMMEN_BASE_URL_IDEA_BOARD": "https://sammen.gentofte.dk/idebank/"}
    )
    assert settings.base_url("idea_board") == "https://sammen.gentofte.dk/idebank"


@pytest.mark.parametrize("secret", [None, "short-but-not-default"])
def test_production_refuses_to_start_with_a_default_or_weak_secret(secret):
    env = {"SAMMEN_ENV": "production"}
    if secret:
        env["SAMMEN_SECRET_KEY"] = secret
    with pytest.raises(UnsafeProductionSettings, match="SAMMEN_SECRET_KEY"):
        load_settings("intake", env)


def test_production_starts_with_a_real_secret_and_secure_cookies():
    settings = load_settings("intake", {"SAMMEN_ENV": "production", "SAMMEN_SECRET_KEY": "x" * 48})
    assert settings.is_production
    assert settings.cookies_secure is True


def test_an_unknown_environment_is_refused():
    with pytest.raises(ValueError, match="SAMMEN_ENV"):
        load_settings("intake", {"SAMMEN_ENV": "staging"})


def test_every_service_gets_one_web_worker_with_threads_by_default():
    assert web_workers("routing", {}) == 1
    assert web_workers("idea_board", {}) == 1
    assert web_workers("intake", {}) == 1
    assert web_threads("hearing", {}) == 8
    assert web_threads("intake", {}) == 16  # its threads mostly wait for a group commit


def test_a_service_s_own_web_setting_wins_over_the_shared_one():
    environ = {"WEB_CONCURRENCY": "3", "ROUTING_WEB_CONCURRENCY": "2", "WEB_THREADS": "4"}
    assert web_workers("routing", environ) == 2
    assert web_workers("intake", environ) == 3
    assert web_threads("routing", environ) == 4
    assert web_threads("intake", environ) == 4  # the operator's setting wins over the default
    assert web_threads("intake", {**environ, "INTAKE_WEB_THREADS": "12"}) == 12
