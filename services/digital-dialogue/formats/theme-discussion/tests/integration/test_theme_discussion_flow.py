"""A theme discussion from publication through answers, the closing time and the export to the
committee's conclusions, through the real broker on both databases, the clock moved past the
closing time."""

from datetime import timedelta

from sammen.formats.theme_discussion import service
from sammen.formats.theme_discussion.jobs import announcer
from sammen.testing import privacy_request, publish_event, queued_events
from sammen.testing.apps import csrf_from, export_rows, post_form, run_job

from .conftest import BENT, DISCUSSION, LIS, MODERATOR, T0, bearer, log_in

CREATE = "/api/v1/discussions"


def _publish(app):  # type: ignore[no-untyped-def]
    created = app.test_client().post(CREATE, json=DISCUSSION, headers=bearer(app))
    assert created.status_code == 201
    return created.json


def _stored(app, discussion_id):  # type: ignore[no-untyped-def]
    with app.config["SAMMEN_DATABASE"].transaction() as session:
        return [(c.question_id, c.text) for c in service.contributions(session, discussion_id)]


def test_a_committee_publishes_citizens_answer_staff_export_and_everyone_hears_the_conclusions(
    discussion_app, discussion_worker, clock, tap, amqp_url
):
    app = discussion_app
    events = tap("dialogue.#")
    mails = tap("notification.requested")
    audits = tap("audit.data_opened")
    api = app.test_client()
    assert api.post(CREATE, json=DISCUSSION).status_code == 401
    assert api.post(CREATE, json=DISCUSSION, headers=bearer(app, MODERATOR)).status_code == 403

    discussion = _publish(app)
    assert discussion["phase"] == "open" and discussion["closes_at"].startswith("2026-12-10T11:00")
    first, second = (q["id"] for q in discussion["questions"])
    assert [q["text"] for q in discussion["questions"]] == DISCUSSION["questions"]
    assert discussion["sign_up_url"] == (
        f"http://localhost:8004/arrangementer/{DISCUSSION['event_id']}#tilmelding-sektion"
    )
    [opened] = events.wait_for("dialogue.discussion_opened")
    assert opened.data["questions"] == [
        {"id": first, "text": DISCUSSION["questions"][0]},
        {
            "id": second,
            "text": DISCUSSION["questions"][1],
        },
    ]
    assert opened.data["url"] == f"http://localhost:8014/droeftelser/{discussion['id']}"

    # Bent answers the first question on the Danish page; Lis the second by the API, in English.
    page = app.test_client()
    html = page.get(f"/droeftelser/{discussion['id']}?spoergsmaal={first}").get_data(as_text=True)
    assert f'<option value="{first}" selected' in html and 'id="tilmeld-moedet"' in html
    answers_page = f"/droeftelser/{discussion['id']}/bidrag"
    sent = post_form(page, answers_page, html, BENT | {"question_id": str(first)})
    assert sent.status_code == 303
    english = api.post(
        f"/api/v1/discussions/{discussion['id']}/contributions?lang=en",
        json=LIS | {"question_id": second},
    )
    assert english.status_code == 201 and english.json["moderation"] == "pending"
    again = api.post(
        f"/api/v1/discussions/{discussion['id']}/contributions",
        json=BENT | {"email": "BENT@example.dk", "question_id": second, "text": "Og i parken."},
    )
    assert again.status_code == 201

    receipts = mails.wait_for("notification.requested", count=3)
    by_language = {}
    for receipt in receipts:
        by_language.setdefault(receipt.data["language"], receipt.data)
        assert receipt.data["reference"] == f"theme_discussion.receipt:{receipt.subject}"
        assert receipt.data["category"] == "theme_discussion.receipt"
    assert by_language["da"]["subject"] == f"Tak for dit svar: {DISCUSSION['title']}"
    assert "Vi har modtaget det" in by_language["da"]["text"]
    assert by_language["en"]["subject"] == f"Thank you for your answer: {DISCUSSION['title']}"
    assert by_language["en"]["to"] == {"name": "Lis Berg", "email": "lis@example.dk"}
    submitted = events.wait_for("dialogue.discussion_contribution_submitted", count=3)
    assert "@" not in str([e.data for e in submitted])  # no personal data on the bus

    # Staff read the answers with names and export them for the meeting papers, before closing.
    listed = api.get(f"/api/v1/discussions/{discussion['id']}/contributions", headers=bearer(app))
    assert [c["name"] for c in listed.json] == ["Bent Olsen", "Lis Berg", "Bent Olsen"]
    assert api.get(f"/api/v1/discussions/{discussion['id']}/contributions.csv").status_code == 401
    export = api.get(
        f"/api/v1/discussions/{discussion['id']}/contributions.csv", headers=bearer(app)
    )
    assert export.status_code == 200 and export.mimetype == "text/csv"
    rows = export_rows(export)
    assert [(r["nr"], r["navn"], r["e-mail"]) for r in rows] == [
        ("1", "Bent Olsen", "bent@example.dk"),
        ("2", "Lis Berg", "lis@example.dk"),
        ("2", "Bent Olsen", "BENT@example.dk"),
    ]
    staff = log_in(app, app.test_client())
    assert staff.get(f"/personale/droeftelser/{discussion['id']}/bidrag.csv").data == export.data
    audited = audits.wait_for("audit.data_opened", count=3)
    assert [a.data["action"] for a in audited] == [
        "contributions_listed",
        "contributions_exported",
        "contributions_exported",
    ]
    assert {a.subject for a in audited} == {discussion["id"]}

    conclusions = {
        "summary": "Udvalget vil se på åbningstider og mødesteder for unge.",
        "per_question": [{"question_id": first, "text": "Hallerne åbnes om aftenen."}],
    }
    url = f"/api/v1/discussions/{discussion['id']}/conclusions"
    assert api.post(url, json=conclusions, headers=bearer(app)).status_code == 409  # still open

    clock.now = T0 + timedelta(days=10)  # past the closing time
    late = api.post(
        f"/api/v1/discussions/{discussion['id']}/contributions", json=BENT | {"question_id": first}
    )
    assert late.status_code == 422
    assert "closed for answers" in late.json["errors"]["json"]["closes_at"][0]
    late_page = post_form(page, answers_page, html, BENT | {"question_id": str(first)})
    assert late_page.status_code == 422
    assert "Der er lukket for svar. Fristen var 10. december 2026" in late_page.get_data(
        as_text=True
    )
    assert len(_stored(app, discussion["id"])) == 3  # nothing stored after the closing time

    assert run_job(app, service.close_due, clock.now) == 1
    assert run_job(app, service.close_due, clock.now) == 0
    [closed] = events.wait_for("dialogue.discussion_closed")
    assert closed.data["contributions"] == 3

    unknown = conclusions | {"per_question": [{"question_id": 99999, "text": "Hvad?"}]}
    refused = api.post(url, json=unknown, headers=bearer(app))
    assert refused.status_code == 422 and "99999" in str(refused.json["errors"]["json"])
    assert api.get(f"/api/v1/discussions/{discussion['id']}").json["summary"] is None

    published = api.post(url, json=conclusions, headers=bearer(app))
    assert published.status_code == 200 and published.json["phase"] == "concluded"
    assert [q["conclusion"] for q in published.json["questions"]] == [
        "Hallerne åbnes om aftenen.",
        None,
    ]
    [concluded] = events.wait_for("dialogue.discussion_concluded")
    assert (
        concluded.data["contributors"] == 2 and concluded.data["event_id"] == DISCUSSION["event_id"]
    )
    assert "@" not in concluded.to_json()
    told = mails.wait_for(
        "notification.requested",
        lambda e: e.data["category"] == "theme_discussion.concluded",
        count=2,
    )
    by_language = {t.data["language"]: t.data for t in told}
    assert f"{discussion['url']}#konklusioner" in by_language["da"]["text"]
    assert by_language["en"]["subject"] == f"The committee's conclusions: {DISCUSSION['title']}"

    # A correction changes the page and tells nobody again.
    corrected = {"summary": "Udvalget åbner hallerne og ser på parkerne.", "per_question": []}
    assert api.post(url, json=corrected, headers=bearer(app)).status_code == 200
    public = page.get(f"/droeftelser/{discussion['id']}").get_data(as_text=True)
    assert "ser på parkerne" in public and "Hallerne åbnes om aftenen." in public
    assert "Udvalgets konklusioner" in public
    english_page = page.get(f"/droeftelser/{discussion['id']}?lang=en").get_data(as_text=True)
    assert "conclusions" in english_page and "Udvalgets konklusioner" not in english_page
    # The next event on the queues shows they moved past the correction: nobody was told again.
    reports = tap("person.data_reported")
    publish_event(amqp_url, privacy_request("access", "req-1", "lis@example.dk"))
    [access] = reports.wait_for("person.data_reported")
    assert [c["language"] for c in access.data["data"]["discussion_answers"]] == ["en"]
    assert len(events.of_type("dialogue.discussion_concluded")) == 1
    assert len(mails.of_type("notification.requested")) == 5  # three receipts, two conclusions


def test_bad_input_is_refused_naming_the_field_and_nothing_is_stored(offline_discussion_app):
    app = offline_discussion_app
    api = app.test_client()
    bad = api.post(
        CREATE,
        json=DISCUSSION | {"questions": [], "closes_at": "i morgen", "title": ""},
        headers=bearer(app),
    )
    assert bad.status_code == 422
    assert set(bad.json["errors"]["json"]) == {"questions", "closes_at", "title"}
    past = api.post(
        CREATE, json=DISCUSSION | {"closes_at": "2026-11-30T12:00"}, headers=bearer(app)
    )
    assert past.status_code == 422 and "closes_at" in past.json["errors"]["json"]
    assert api.get(CREATE).json == []
    assert queued_events(app.config["SAMMEN_DATABASE"]) == []

    discussion = _publish(app)
    answers = f"/api/v1/discussions/{discussion['id']}/contributions"
    unknown = api.post(answers, json=BENT | {"question_id": 99999})
    assert unknown.status_code == 422 and "question_id" in unknown.json["errors"]["json"]
    missing = api.post(answers, json={"question_id": discussion["questions"][0]["id"]})
    assert set(missing.json["errors"]["json"]) == {"text", "name", "email"}
    assert api.post(answers, json=BENT | {"question_id": "1"}).status_code == 422
    nowhere = api.post("/api/v1/discussions/ukendt/contributions", json=BENT | {"question_id": 1})
    assert nowhere.status_code == 404
    assert _stored(app, discussion["id"]) == []
    assert len(queued_events(app.config["SAMMEN_DATABASE"])) == 1  # only the opening


def test_staff_publish_with_the_form_and_errors_are_named(offline_discussion_app, clock):
    app = offline_discussion_app
    assert app.test_client().get("/personale/ny").status_code == 302  # to the login
    client = log_in(app, app.test_client())
    form = {
        "title": "Ældres hverdag",
        "committee": "Social- og Sundhedsudvalget",
        "intro": "Udvalget drøfter, hvordan ældre kan leve et aktivt liv.",
        "event_id": "",
        "questions": "Hvad giver dig en god dag?\n\nHvad savner du?",
        "closes_at": "2026-12-08T12:00",
        "csrf_token": csrf_from(client.get("/personale/ny").get_data(as_text=True)),
    }
    bad = client.post("/personale/ny", data=form | {"questions": " ", "closes_at": "snart"})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422
    assert 'href="#felt-questions"' in html and 'href="#felt-closes_at"' in html
    past = client.post("/personale/ny", data=form | {"closes_at": "2026-11-01T12:00"})
    assert past.status_code == 422 and "ikke er overskredet" in past.get_data(as_text=True)
    assert app.test_client().get(CREATE).json == []
    made = client.post("/personale/ny", data=form)
    assert made.status_code == 303
    [discussion] = app.test_client().get(CREATE).json
    texts = [q["text"] for q in discussion["questions"]]
    assert texts == ["Hvad giver dig en god dag?", "Hvad savner du?"]
    assert discussion["event_id"] is None and discussion["sign_up_url"] is None
    staff_page = client.get(made.headers["Location"]).get_data(as_text=True)
    assert "Ældres hverdag" in staff_page and 'id="konklusioner"' not in staff_page

    # After the closing time the staff page offers the conclusions form, per question.
    clock.now = clock.now + timedelta(days=8)
    staff_page = client.get(made.headers["Location"]).get_data(as_text=True)
    assert 'id="konklusioner"' in staff_page
    first = discussion["questions"][0]["id"]
    concluded = client.post(
        f"/personale/droeftelser/{discussion['id']}/konklusioner",
        data={
            "summary": "Udvalget vil styrke fællesskaberne.",
            f"question-{first}": "Fællesspisning i alle bydele.",
            "csrf_token": csrf_from(staff_page),
        },
    )
    assert concluded.status_code == 303
    public = app.test_client().get(f"/droeftelser/{discussion['id']}").get_data(as_text=True)
    assert "Fællesspisning i alle bydele." in public and 'id="konklusioner"' in public
    listing = app.test_client().get("/").get_data(as_text=True)
    assert "Ældres hverdag" in listing and "Udvalget har konkluderet" in listing


def test_the_worker_announces_the_format_to_the_hub_with_its_staff_page(offline_discussion_app):
    app = offline_discussion_app
    announced = announcer(
        app.config["SAMMEN_SETTINGS"], app.config["SAMMEN_DATABASE"]
    ).announced_event()
    assert announced.type == "dialogue.format_announced"
    assert (
        announced.data["slug"] == "theme_discussion" and announced.data["name"] == "Temadrøftelser"
    )
    assert announced.data["url"] == "http://localhost:8014/"
    assert announced.data["staff_url"] == "http://localhost:8014/personale"
