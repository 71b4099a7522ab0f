import pytest

from sammen.intake.app import create_app
from sammen.testing import ideas
from sammen.testing.ideas import INTAKE_AUTH

AUTH = INTAKE_AUTH


def idea_body(**changes):
    """The shared test idea, with Anna's phone number and leave to publish it."""
    anna = {"name": "Anna Jensen", "email": "anna.jensen@example.dk", "phone": "+45 12 34 56 78"}
    defaults = {"initiator": anna, "consent": {"contact": True, "publish": True}}
    return ideas.idea_body(**(defaults | changes))


@pytest.fixture
def intake(service_env, database_url):
    service_env("intake", database_url)
    app = create_app()
    app.config["WTF_CSRF_ENABLED"] = True
    yield app
    app.config["SAMMEN_DATABASE"].dispose()
