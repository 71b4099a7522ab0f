import pytest

from sammen.auth import STAFF_COOKIE, StaffIdentity, issue_token
from sammen.bus.worker import Worker
from sammen.dialogue.app import create_app
from sammen.dialogue.handlers import subscriptions
from sammen.dialogue.jobs import registry_job
from sammen.testing import running_worker

MODERATOR = StaffIdentity(7, "mona@gentofte.dk", "Mona Moderator", ("moderator",))
AGENT = StaffIdentity(8, "agnete@gentofte.dk", "Agnete Agent", ("agent",))


def bearer(app, staff=MODERATOR):
    return {"Authorization": f"Bearer {issue_token(app.config['SECRET_KEY'], staff)}"}


def log_in(app, client, staff=MODERATOR):
    client.set_cookie(STAFF_COOKIE, issue_token(app.config["SECRET_KEY"], staff))
    return client


@pytest.fixture
def hub(service_env, database_url):
    service_env("dialogue", database_url)
    app = create_app()
    app.config["WTF_CSRF_ENABLED"] = True
    yield app
    app.config["SAMMEN_DATABASE"].dispose()


def hub_worker(app):
    settings = app.config["SAMMEN_SETTINGS"]
    database = app.config["SAMMEN_DATABASE"]
    return running_worker(
        Worker(settings, database, subscriptions(settings), [registry_job(database)])
    )


def live_slugs(app):
    return [entry["slug"] for entry in app.test_client().get("/api/v1/formats").json]
