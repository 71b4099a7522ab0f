import pytest

from sammen.intake.app import create_app

API_KEY = "dev-intake-key"
AUTH = {"Authorization": f"Bearer {API_KEY}"}


def idea_body(**changes):
    body = {
        "title": "Bytte-reol på biblioteket",
        "description": "En reol hvor naboer bytter bøger, spil og frø.",
        "theme": "kultur-og-fritid",
        "channel": "gentofte.dk",
        "initiator": {
            "name": "Anna Jensen",
            "email": "anna.jensen@example.dk",
            "phone": "+45 12 34 56 78",
        },
        "consent": {"contact": True, "publish": True},
    }
    body.update(changes)
    return body


@pytest.fixture
def intake(service_env, database_url):
    service_env("intake", database_url)
    app = create_app()
    app.config["WTF_CSRF_ENABLED"] = True
    yield app
    app.config["SAMMEN_DATABASE"].dispose()
