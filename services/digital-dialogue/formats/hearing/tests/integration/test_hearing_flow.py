"""A hearing from opening to export, through the real broker, with the deadline moved by the clock."""

from datetime import timedelta

from sammen.formats.hearing import service
from sammen.privacy import person_key
from sammen.testing import privacy_request, publish_event, wait_for
from sammen.testing.apps import csrf_from, export_rows, post_form, run_job
from sammen.testing.events import contribution_moderated, envelope

from .conftest import AGENT, HEARING, T0, bearer, log_in

ANSWER = {"name": "Bent Olsen", "email": "bent@example.dk", "body": "Gode cykelstier, tak."}


def test_a_hearing_from_opening_through_answers_to_export_and_the_published_notat(
    hearing_app, hearing_worker, clock, tap
):
    events = tap("dialogue.#")
    api = hearing_app.test_client()
    assert api.post("/api/v1/hearings", json=HEARING).status_code == 401
    assert (
        api.post("/api/v1/hearings", json=HEARING, headers=bearer(hearing_app, AGENT)).status_code
        == 403
    )
    bad = api.post(
        "/api/v1/hearings",
        json=HEARING | {"deadline": "2026-11-30T12:00", "sections": []},
        headers=bearer(hearing_app),
    )
    assert bad.status_code == 422 and set(bad.json["errors"]["json"]) == {"deadline", "sections"}

    created = api.post("/api/v1/hearings", json=HEARING, headers=bearer(hearing_app))
    assert created.status_code == 201
    hearing = created.json
    assert hearing["phase"] == "open" and hearing["deadline"].startswith("2026-12-15T11:00")
    [opened] = events.wait_for("dialogue.hearing_opened")
    assert opened.data["hearing_id"] == hearing["id"]
    assert opened.data["url"] == f"http://localhost:8012/hoeringer/{hearing['id']}"
    cycle = hearing["sections"][0]["id"]

    # A citizen answers one section on the page; an association answers overall by the API.
    page = hearing_app.test_client()
    html = page.get(f"/hoeringer/{hearing['id']}?afsnit={cycle}").get_data(as_text=True)
    assert "Cykelstier" in html and f'<option value="{cycle}" selected' in html
    sent = post_form(
        page, f"/hoeringer/{hearing['id']}/svar", html, ANSWER | {"section": str(cycle)}
    )
    assert sent.status_code == 303
    overall = api.post(
        f"/api/v1/hearings/{hearing['id']}/responses",
        json={
            "name": "Lise Berg",
            "email": "lise@example.dk",
            "organisation": "=Cyklistforbundet",
            "body": "Vi støtter forslaget.",
            "section": None,
        },
    )
    assert overall.status_code == 201 and overall.json["moderation"] == "pending"
    wrong = api.post(
        f"/api/v1/hearings/{hearing['id']}/responses", json=ANSWER | {"section": 99999}
    )
    assert wrong.status_code == 422 and "section" in wrong.json["errors"]["json"]
    submitted = events.wait_for("dialogue.hearing_response_submitted", count=2)
    assert {e.data["section"] for e in submitted} == {cycle, None}
    assert all(e.data["public"] for e in submitted)
    assert "email" not in str([e.data for e in submitted])  # no personal data on the bus
    # Before the deadline: no export, no notat.
    assert (
        api.get(
            f"/api/v1/hearings/{hearing['id']}/responses.csv", headers=bearer(hearing_app)
        ).status_code
        == 409
    )

    clock.now = T0 + timedelta(days=15)  # past the deadline
    late = api.post(f"/api/v1/hearings/{hearing['id']}/responses", json=ANSWER)
    assert late.status_code == 422 and "deadline" in late.json["errors"]["json"]
    late_page = post_form(page, f"/hoeringer/{hearing['id']}/svar", html, ANSWER)
    assert late_page.status_code == 422 and "Høringen er afsluttet" in late_page.get_data(
        as_text=True
    )

    assert run_job(hearing_app, service.close_due, clock.now) == 1
    assert run_job(hearing_app, service.close_due, clock.now) == 0
    [closed] = events.wait_for("dialogue.hearing_closed")
    assert closed.data["responses"] == 2 and closed.data["title"] == HEARING["title"]

    assert api.get(f"/api/v1/hearings/{hearing['id']}/responses.csv").status_code == 401
    export = api.get(f"/api/v1/hearings/{hearing['id']}/responses.csv", headers=bearer(hearing_app))
    assert export.status_code == 200 and export.mimetype == "text/csv"
    rows = export_rows(export)
    assert [(r["afsnit"], r["navn"], r["e-mail"]) for r in rows] == [
        ("Cykelstier", "Bent Olsen", "bent@example.dk"),
        ("Samlet svar", "Lise Berg", "lise@example.dk"),
    ]
    assert rows[1]["forening"] == "'=Cyklistforbundet"  # no formula runs in a spreadsheet
    staff = log_in(hearing_app, hearing_app.test_client())
    assert staff.get(f"/personale/hoeringer/{hearing['id']}/svar.csv").data == export.data

    staff_page = staff.get(f"/personale/hoeringer/{hearing['id']}").get_data(as_text=True)
    notat = staff.post(
        f"/personale/hoeringer/{hearing['id']}/hoeringsnotat",
        data={
            "summary": "Der kom to svar. Begge støtter cykelstierne.",
            "csrf_token": csrf_from(staff_page),
        },
    )
    assert notat.status_code == 303
    public = page.get(f"/hoeringer/{hearing['id']}").get_data(as_text=True)
    assert "Høringsnotat" in public and "Begge støtter cykelstierne." in public
    assert (
        api.get(f"/api/v1/hearings/{hearing['id']}").json["summary"].startswith("Der kom to svar")
    )


def test_public_answers_wait_for_the_hubs_moderators_and_internal_ones_never_show(
    hearing_app, hearing_worker, amqp_url, tap
):
    reported = tap("dialogue.contribution_reported")
    api = hearing_app.test_client()
    public = api.post("/api/v1/hearings", json=HEARING, headers=bearer(hearing_app)).json
    internal = api.post(
        "/api/v1/hearings", json=HEARING | {"answers": "internal"}, headers=bearer(hearing_app)
    ).json
    answer = api.post(f"/api/v1/hearings/{public['id']}/responses", json=ANSWER).json
    kept = api.post(f"/api/v1/hearings/{internal['id']}/responses", json=ANSWER).json
    assert kept["moderation"] == "internal"
    [event] = reported.wait_for("dialogue.contribution_reported")
    assert event.data["format"] == "hearing" and event.data["contribution_id"] == answer["id"]
    assert event.data["excerpt"] == ANSWER["body"]
    # The writer only as a key the hub can match a privacy request against, never the address.
    secret = hearing_app.config["SECRET_KEY"]
    assert event.data["author_key"] == person_key(secret, ANSWER["email"])
    assert ANSWER["email"] not in event.to_json() and ANSWER["name"] not in event.to_json()
    assert len(reported.of_type("dialogue.contribution_reported")) == 1  # internal: no moderation
    assert ANSWER["body"] not in api.get(f"/hoeringer/{public['id']}").get_data(as_text=True)

    def moderated(contribution_id, action):
        decision = contribution_moderated(
            format="hearing",
            contribution_id=contribution_id,
            action=action,
            reason="I orden",
            moderator=7,
        )
        return envelope(decision)

    publish_event(amqp_url, moderated(answer["id"], "restore"))
    publish_event(amqp_url, moderated(kept["id"], "restore"))
    wait_for(
        lambda: ANSWER["body"] in api.get(f"/hoeringer/{public['id']}").get_data(as_text=True),
        what="the answer published",
    )
    assert ANSWER["body"] not in api.get(f"/hoeringer/{internal['id']}").get_data(as_text=True)
    staff = api.get(f"/api/v1/hearings/{internal['id']}/responses", headers=bearer(hearing_app))
    assert staff.json[0]["moderation"] == "internal"

    # The respondent asks what we hold, then to be erased; routing is told each time.
    erased = tap("person.data_reported")
    publish_event(
        amqp_url,
        privacy_request("access", "req-6", "bent@example.dk"),
    )
    [access] = erased.wait_for("person.data_reported")
    assert access.data["kind"] == "access" and access.data["summary"] == {"responses": 2}
    assert {r["body"] for r in access.data["data"]["responses"]} == {ANSWER["body"]}
    publish_event(
        amqp_url,
        privacy_request("erasure", "req-7", "BENT@example.dk"),
    )
    report = erased.wait_for("person.data_reported", lambda e: e.data["kind"] == "erasure")[0]
    assert report.data["summary"] == {"responses": 2} and report.data["service"] == "hearing"
    assert ANSWER["body"] not in api.get(f"/hoeringer/{public['id']}").get_data(as_text=True)
    assert (
        api.get(f"/api/v1/hearings/{internal['id']}/responses", headers=bearer(hearing_app)).json
        == []
    )


def test_staff_open_a_hearing_with_the_form_and_errors_are_named(offline_hearing_app):
    hearing_app = offline_hearing_app
    client = log_in(hearing_app, hearing_app.test_client())
    assert hearing_app.test_client().get("/personale/ny").status_code == 302  # to the login
    csrf = csrf_from(client.get("/personale/ny").get_data(as_text=True))
    form = {
        "title": "Ny skolestruktur",
        "introduction": "Vi foreslår at samle to skoler i Dyssegård.",
        "sections": "# Baggrund\nTo små skoler.\n\n# Forslaget\nÉn skole fra 2028.",
        "opens_at": "2026-12-01T08:00",
        "deadline": "2026-12-20T12:00",
        "answers": "internal",
        "csrf_token": csrf,
    }
    bad = client.post(
        "/personale/ny", data=form | {"sections": "Ingen overskrift", "deadline": "i morgen"}
    )
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422
    assert 'href="#felt-sections"' in html and "Ingen overskrift" in html
    bad = client.post("/personale/ny", data=form | {"deadline": "i morgen"})
    assert bad.status_code == 422 and 'href="#felt-deadline"' in bad.get_data(as_text=True)
    made = client.post("/personale/ny", data=form)
    assert made.status_code == 303
    staff_page = client.get(made.headers["Location"]).get_data(as_text=True)
    assert "Ny skolestruktur" in staff_page
    [hearing] = hearing_app.test_client().get("/api/v1/hearings").json
    assert [s["heading"] for s in hearing["sections"]] == ["Baggrund", "Forslaget"]
    assert hearing["sections"][1]["body"] == "Én skole fra 2028."
    listing = hearing_app.test_client().get("/").get_data(as_text=True)
    assert "Ny skolestruktur" in listing and "Åben for svar" in listing
