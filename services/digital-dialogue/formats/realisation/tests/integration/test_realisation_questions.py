"""Questions to the owner: 5 working days to answer, watched at risk and breached, answered by mail
and on the page without the asker's name."""

from datetime import UTC, datetime

from sammen.formats.realisation import jobs, metrics
from sammen.testing.apps import csrf_from

from .conftest import OTHER_AGENT, OWNER, bearer, log_in, set_up

ASKER = {
    "name": "Karen Spørger",
    "email": "karen@example.dk",
    "text": "Kommer der en parkering ved Bernstorffsvej?",
}


def _breaches() -> float:
    return metrics.question_breaches._value.get()


def test_a_question_is_due_in_five_working_days_and_answered_without_the_askers_name(
    realisation_app, realisation_worker, clock, tap
):
    app = realisation_app
    asked_events = tap("realisation.question_asked", "realisation.question_answered")
    requests = tap("notification.requested")
    _committee, created = set_up(app)
    page = app.test_client()
    html = page.get(f"/anbefalinger/{created['id']}").get_data(as_text=True)
    empty = page.post(
        f"/anbefalinger/{created['id']}/spoergsmaal", data={"csrf_token": csrf_from(html)}
    )
    assert empty.status_code == 422 and "Skriv dit spørgsmål" in empty.get_data(as_text=True)
    sent = page.post(
        f"/anbefalinger/{created['id']}/spoergsmaal", data=ASKER | {"csrf_token": csrf_from(html)}
    )
    assert sent.status_code == 303
    [asked] = asked_events.wait_for("realisation.question_asked")
    # Asked on Monday 30 November: due at the end of Monday 7 December, Copenhagen time.
    assert asked.data["due_at"] == "2026-12-07T23:00:00+00:00"
    assert "karen" not in str(asked.data).lower()
    [to_owner] = requests.wait_for("notification.requested")
    assert to_owner.data["to"]["email"] == "ole.ejer@gentofte.dk"
    assert (
        to_owner.data["category"] == "realisation.question"
        and ASKER["text"] in to_owner.data["text"]
    )
    assert "7. december 2026" in to_owner.data["text"]

    api = app.test_client()
    [question] = api.get("/api/v1/questions", headers=bearer(app)).json
    assert question["deadline"] == "ok" and "Karen" not in str(question)
    assert api.get("/api/v1/questions", headers=bearer(app, OTHER_AGENT)).json == []

    database = app.config["SAMMEN_DATABASE"]
    before = _breaches()
    at_risk_day = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    assert jobs.watch_questions(database, lambda: at_risk_day) == (1, 0)
    assert jobs.watch_questions(database, lambda: at_risk_day) == (0, 0)  # noted once
    clock.now = datetime(2026, 12, 8, 8, 0, tzinfo=UTC)
    assert jobs.watch_questions(database, clock) == (0, 1)
    assert _breaches() == before + 1
    staff_page = log_in(app, app.test_client()).get("/personale").get_data(as_text=True)
    assert 'data-deadline="breached"' in staff_page and "Frist overskredet" in staff_page

    answer_url = f"/api/v1/questions/{question['id']}/answer"
    reply = {"answer": "Ja, den kommer i foråret."}
    assert api.post(answer_url, json=reply, headers=bearer(app, OTHER_AGENT)).status_code == 403
    assert api.post(answer_url, json={"answer": ""}, headers=bearer(app, OWNER)).status_code == 422
    answered = api.post(answer_url, json=reply, headers=bearer(app, OWNER))
    assert answered.status_code == 200 and answered.json["deadline"] == "answered"
    assert (
        api.post(answer_url, json={"answer": "Igen."}, headers=bearer(app, OWNER)).status_code
        == 409
    )
    [done] = asked_events.wait_for("realisation.question_answered")
    assert done.data["on_time"] is False
    [to_asker] = requests.wait_for(
        "notification.requested", lambda e: e.data["category"] == "realisation.answer"
    )
    assert to_asker.data["to"] == {"name": "Karen Spørger", "email": "karen@example.dk"}
    assert "Ja, den kommer i foråret." in to_asker.data["text"]

    shown = api.get(f"/anbefalinger/{created['id']}").get_data(as_text=True)
    assert ASKER["text"] in shown and "Ja, den kommer i foråret." in shown and "Karen" not in shown
    public = api.get(f"/api/v1/recommendations/{created['id']}").json
    assert public["questions"][0]["answer"] == "Ja, den kommer i foråret."
    assert "karen" not in str(public).lower()


def test_the_owner_answers_on_the_staff_page(offline_realisation_app):
    app = offline_realisation_app
    _committee, created = set_up(app)
    api = app.test_client()
    asked = api.post(f"/api/v1/recommendations/{created['id']}/questions?lang=en", json=ASKER)
    assert asked.status_code == 201
    owner = log_in(app, app.test_client(), OWNER)
    listed = owner.get("/personale").get_data(as_text=True)
    assert ASKER["text"][:40] in listed
    form = owner.get(f"/personale/spoergsmaal/{asked.json['id']}")
    assert form.status_code == 200
    stranger = log_in(app, app.test_client(), OTHER_AGENT)
    assert stranger.get(f"/personale/spoergsmaal/{asked.json['id']}").status_code == 403
    sent = owner.post(
        f"/personale/spoergsmaal/{asked.json['id']}",
        data={
            "answer": "Yes, in the spring.",
            "csrf_token": csrf_from(form.get_data(as_text=True)),
        },
    )
    assert sent.status_code == 303
    assert "Yes, in the spring." in api.get(f"/anbefalinger/{created['id']}").get_data(as_text=True)
