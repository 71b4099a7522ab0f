"""Staff seeing respondents' names and e-mail addresses leave `audit.data_opened` in the outbox."""

from datetime import timedelta

from sammen.bus import Event
from sammen.testing import queued_events

from .conftest import COORDINATOR, HEARING, T0, bearer, log_in

ANSWER = {"name": "Bent Olsen", "email": "bent@example.dk", "body": "Gode cykelstier, tak."}


def audit_records(app) -> list[Event]:
    return queued_events(app.config["SAMMEN_DATABASE"], "audit.data_opened")


def test_every_staff_view_of_the_responses_is_audited_with_ids_only(offline_hearing_app, clock):
    app = offline_hearing_app
    api = app.test_client()
    hearing = api.post("/api/v1/hearings", json=HEARING, headers=bearer(app)).json
    quiet = api.post("/api/v1/hearings", json=HEARING, headers=bearer(app)).json
    assert api.post(f"/api/v1/hearings/{hearing['id']}/responses", json=ANSWER).status_code == 201

    listed = api.get(f"/api/v1/hearings/{hearing['id']}/responses", headers=bearer(app))
    assert listed.json[0]["email"] == "bent@example.dk"
    [record] = audit_records(app)
    assert record.subject == hearing["id"]
    assert record.data == {
        "service": "hearing",
        "staff_id": COORDINATOR.id,
        "action": "responses_listed",
        "subject": hearing["id"],
        "at": "2026-12-01T09:00:00Z",  # the hearing's clock
    }
    assert "@" not in record.to_json()  # neither the respondent's address nor the staff member's
    # A hearing without answers shows nobody's data.
    assert api.get(f"/api/v1/hearings/{quiet['id']}/responses", headers=bearer(app)).json == []
    assert len(audit_records(app)) == 1

    staff = log_in(app, app.test_client())
    page = staff.get(f"/personale/hoeringer/{hearing['id']}")
    assert "bent@example.dk" in page.get_data(as_text=True)
    clock.now = T0 + timedelta(days=30)  # past the deadline: the export opens
    assert (
        api.get(f"/api/v1/hearings/{hearing['id']}/responses.csv", headers=bearer(app)).status_code
        == 200
    )
    assert staff.get(f"/personale/hoeringer/{hearing['id']}/svar.csv").status_code == 200
    records = audit_records(app)
    assert [r.data["action"] for r in records] == [
        "responses_listed",
        "responses_listed",
        "responses_exported",
        "responses_exported",
    ]
    assert {(r.subject, r.data["staff_id"]) for r in records} == {(hearing["id"], COORDINATOR.id)}
    assert not any("@" in r.to_json() for r in records)
