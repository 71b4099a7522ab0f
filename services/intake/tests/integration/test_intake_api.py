"""POST /api/v1/ideas and the public status, on SQLite and PostgreSQL."""

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from sammen.bus import outbox
from sammen.intake import service
from sammen.intake.models import Idea
from sammen.intake.schemas import IDEA_IN

from .conftest import AUTH, idea_body


def counts(app):
    with app.config["SAMMEN_DATABASE"].transaction() as session:
        ideas = session.execute(select(func.count()).select_from(Idea)).scalar_one()
        return ideas, outbox.pending_count(session)


def test_an_accepted_idea_is_stored_with_its_event_in_the_outbox(intake):
    response = intake.test_client().post("/api/v1/ideas", json=idea_body(), headers=AUTH)
    assert response.status_code == 201
    body = response.json
    assert body["status"] == "received"
    assert body["status_url"].endswith(f"/status/{body['tracking_code']}")
    with intake.config["SAMMEN_DATABASE"].transaction() as session:
        [(routing_key, raw)] = session.execute(
            select(outbox.outbox_table.c.routing_key, outbox.outbox_table.c.body)
        ).all()
    event = json.loads(raw)
    assert routing_key == "idea.submitted"
    assert event["subject"] == body["id"]
    assert event["data"]["tracking_code"] == body["tracking_code"]
    assert event["data"]["initiator"]["email"] == "anna.jensen@example.dk"


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ({"title": "xy"}, {"title"}),
        ({"description": "kort"}, {"description"}),
        ({"theme": "raketter"}, {"theme"}),
        ({"channel": "brevdue"}, {"channel"}),
        ({"consent": {"contact": False, "publish": True}}, {"consent"}),
        ({"initiator": {"name": "", "email": "nej"}}, {"initiator"}),
        ({"title": 42, "extra": 1}, {"title", "extra"}),
    ],
)
def test_invalid_fields_are_named_and_nothing_is_stored(intake, change, fields):
    response = intake.test_client().post("/api/v1/ideas", json=idea_body(**change), headers=AUTH)
    assert response.status_code == 422
    assert set(response.json["errors"]["json"]) == fields
    assert counts(intake) == (0, 0)


def test_nested_errors_name_the_inner_field(intake):
    body = idea_body(initiator={"name": "Anna", "email": "ikke-en-adresse"})
    response = intake.test_client().post("/api/v1/ideas", json=body, headers=AUTH)
    assert response.json["errors"]["json"]["initiator"] == {
        "email": ["Skriv en gyldig e-mailadresse, fx navn@eksempel.dk"]
    }


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"data": "{broken", "content_type": "application/json", "headers": AUTH}, 400),
        ({"json": idea_body()}, 401),
        ({"json": idea_body(), "headers": {"Authorization": "Bearer wrong"}}, 401),
        (
            {
                "data": "title=x",
                "content_type": "application/x-www-form-urlencoded",
                "headers": AUTH,
            },
            415,
        ),
        ({"json": idea_body(description="x" * 70_000), "headers": AUTH}, 413),
    ],
)
def test_transport_errors_answer_json_and_store_nothing(intake, kwargs, status):
    response = intake.test_client().post("/api/v1/ideas", **kwargs)
    assert response.status_code == status
    assert response.is_json and response.json["code"] == status
    assert counts(intake) == (0, 0)


def test_a_tracking_code_already_taken_is_drawn_again(intake, monkeypatch):
    client = intake.test_client()
    first = client.post("/api/v1/ideas", json=idea_body(), headers=AUTH).json
    codes = iter([first["tracking_code"], "ACDE-FHJK"])
    monkeypatch.setattr(service, "new_tracking_code", lambda: next(codes))
    response = client.post("/api/v1/ideas", json=idea_body(), headers=AUTH)
    assert response.status_code == 201
    assert response.json["tracking_code"] == "ACDE-FHJK"
    with intake.config["SAMMEN_DATABASE"].transaction() as session:
        idea = session.get_one(Idea, response.json["id"])
        assert (idea.tracking_code, [line.kind for line in idea.history]) == (
            "ACDE-FHJK",
            ["received"],
        )
        bodies = session.scalars(select(outbox.outbox_table.c.body)).all()
    assert [json.loads(body)["data"]["tracking_code"] for body in bodies] == [
        first["tracking_code"],
        "ACDE-FHJK",
    ]


def test_a_batch_holding_a_taken_tracking_code_stores_nothing(intake):
    """The group commit writes a batch in three statements; one taken code among many ideas
    rolls the batch back (each is then written alone, and the taken one drawn again)."""
    taken = intake.test_client().post("/api/v1/ideas", json=idea_body(), headers=AUTH).json
    settings, database = intake.config["SAMMEN_SETTINGS"], intake.config["SAMMEN_DATABASE"]
    payload = IDEA_IN.load(idea_body())
    ideas = [service.new_idea(settings, payload, "da", datetime.now(UTC)) for _ in range(3)]
    ideas[1].row["tracking_code"] = taken["tracking_code"]

    with pytest.raises(service.TrackingCodeTaken), database.engine.begin() as connection:
        service.store_ideas(connection, ideas)

    assert counts(intake) == (1, 1)


def test_the_same_idempotency_key_returns_the_first_answer(intake):
    client = intake.test_client()
    headers = AUTH | {"Idempotency-Key": "gentofte-dk-form-991"}
    first = client.post("/api/v1/ideas", json=idea_body(), headers=headers)
    again = client.post("/api/v1/ideas", json=idea_body(), headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json == first.json
    assert counts(intake) == (1, 1)
    other = client.post("/api/v1/ideas", json=idea_body(title="En anden idé"), headers=headers)
    assert other.status_code == 422
    assert "Idempotency-Key" in other.json["message"]
    assert counts(intake) == (1, 1)


def test_the_public_status_never_shows_the_initiator(intake):
    client = intake.test_client()
    created = client.post("/api/v1/ideas", json=idea_body(), headers=AUTH).json
    status = client.get(f"/api/v1/ideas/{created['tracking_code'].lower()}")
    assert status.status_code == 200
    assert status.json["status"] == "received" and status.json["agent"] is None
    assert status.json["history"][0]["message"].startswith("Tak for din idé")
    text = status.get_data(as_text=True)
    for personal in ("Anna", "anna.jensen", "12 34"):
        assert personal not in text
    page = client.get(f"/status/{created['tracking_code']}").get_data(as_text=True)
    assert "Bytte-reol" in page and "anna.jensen" not in page
    assert client.get("/api/v1/ideas/XXXX-XXXX").status_code == 404


def test_the_themes_are_listed(intake):
    themes = intake.test_client().get("/api/v1/themes").json
    assert {"slug": "andet", "name": "Andet"} in themes


def test_every_service_endpoint_is_there(intake):
    client = intake.test_client()
    assert client.get("/healthz").status_code == 200
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json["checks"] == {"database": "ok", "broker": "ok"}
    spec = client.get("/openapi.json").json
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/ideas" in spec["paths"]
    client.post("/api/v1/ideas", json=idea_body(), headers=AUTH)
    metrics_text = client.get("/metrics").get_data(as_text=True)
    assert (
        'sammen_http_requests_total{endpoint="/api/v1/ideas",method="POST",status="201"}'
        in metrics_text
    )
