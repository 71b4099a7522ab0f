"""The database unreachable: intake answers 503 with a clear message, stores nothing half-done,
and recovers by itself when the database is back."""

import pytest
from sqlalchemy import func, select

from sammen.bus import outbox
from sammen.testing import TcpProxy, wait_for
from sammen.testing.ideas import INTAKE_AUTH, idea_body

pytestmark = pytest.mark.faults

BODY = idea_body(
    title="Lys på stien ved Ordrup Mose",
    description="Stien er mørk om vinteren; lave lamper ville hjælpe.",
    theme="by-og-trafik",
    initiator={"name": "Bo Berg", "email": "bo@example.dk"},
)


def test_intake_answers_503_while_the_database_is_away_and_recovers(service_env, postgres_url):
    from sammen.intake.app import create_app
    from sammen.intake.models import Idea

    proxy = TcpProxy("127.0.0.1", 5432)
    host_part = postgres_url.split("@", 1)[1].split("/", 1)
    through_proxy = postgres_url.replace(host_part[0], f"127.0.0.1:{proxy.port}")
    service_env("intake", through_proxy)
    app = create_app()
    client = app.test_client()
    try:
        assert client.post("/api/v1/ideas", json=BODY, headers=INTAKE_AUTH).status_code == 201
        proxy.cut()
        api = client.post("/api/v1/ideas", json=BODY, headers=INTAKE_AUTH)
        assert api.status_code == 503
        assert api.headers["Retry-After"] == "30"
        assert "Nothing was saved" in api.json["message"]
        assert client.get("/readyz").status_code == 503
        page = client.get("/")
        assert page.status_code == 200  # the form itself needs no database
        proxy.restore()
        # The pool drops dead connections (pre-ping), so the next request simply works.
        wait_for(
            lambda: client.post("/api/v1/ideas", json=BODY, headers=INTAKE_AUTH).status_code == 201,
            what="intake to recover",
        )
        with app.config["SAMMEN_DATABASE"].transaction() as session:
            ideas = session.execute(select(func.count()).select_from(Idea)).scalar_one()
            events = outbox.pending_count(session)
        assert ideas == events == 2  # each stored idea has its event; the failed one left nothing
    finally:
        proxy.close()
        app.config["SAMMEN_DATABASE"].dispose()
