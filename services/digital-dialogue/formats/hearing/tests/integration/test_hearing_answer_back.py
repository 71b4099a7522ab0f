"""Hearings answer back: a receipt per answer and word of the høringsnotat, through notify's
`notification.requested`, over the real broker on both databases."""

from datetime import timedelta

from sammen.formats.hearing import service
from sammen.testing import privacy_request, publish_event
from sammen.testing.apps import csrf_from

from .conftest import HEARING, T0, bearer

BENT = {"name": "Bent Olsen", "email": "bent@example.dk", "body": "Gode cykelstier, tak."}
LIS = {"name": "Lis Berg", "email": "lis@example.dk", "body": "Please keep the parking."}


def _open_and_answer(app):  # type: ignore[no-untyped-def]
    """A hearing answered twice by Bent (Danish page, any case of address) and once by Lis (English API)."""
    api = app.test_client()
    hearing = api.post("/api/v1/hearings", json=HEARING, headers=bearer(app)).json
    cycle, parking = (s["id"] for s in hearing["sections"])
    page = app.test_client()
    html = page.get(f"/hoeringer/{hearing['id']}").get_data(as_text=True)
    sent = page.post(
        f"/hoeringer/{hearing['id']}/svar",
        data=BENT | {"section": str(cycle), "csrf_token": csrf_from(html)},
    )
    assert sent.status_code == 303
    again = BENT | {"email": "Bent@Example.dk", "section": parking}
    assert api.post(f"/api/v1/hearings/{hearing['id']}/responses", json=again).status_code == 201
    english = api.post(f"/api/v1/hearings/{hearing['id']}/responses?lang=en", json=LIS)
    assert english.status_code == 201
    return hearing, cycle, parking


def test_every_answer_gets_a_receipt_in_the_respondents_language(hearing_app, hearing_worker, tap):
    requests = tap("notification.requested")
    hearing, _cycle, _parking = _open_and_answer(hearing_app)
    receipts = requests.wait_for("notification.requested", count=3)
    assert {r.data["reference"] for r in receipts} == {
        f"hearing.receipt:{r.subject}" for r in receipts
    }
    by_address = {r.data["to"]["email"].lower(): r.data for r in receipts}
    danish, english = by_address["bent@example.dk"], by_address["lis@example.dk"]
    assert danish["language"] == "da" and danish["category"] == "hearing.receipt"
    assert danish["subject"] == f"Tak for dit høringssvar: {HEARING['title']}"
    assert "Vi har modtaget det" in danish["text"] and hearing["url"] in danish["text"]
    assert english["language"] == "en" and english["to"]["name"] == "Lis Berg"
    assert english["subject"] == f"Thank you for your response: {HEARING['title']}"
    assert "We have received it" in english["text"]
    assert "unsubscribe_url" not in danish  # a receipt is essential


def test_an_unknown_language_is_refused_and_nothing_is_stored(offline_hearing_app):
    app = offline_hearing_app
    api = app.test_client()
    hearing = api.post("/api/v1/hearings", json=HEARING, headers=bearer(app)).json
    refused = api.post(
        f"/api/v1/hearings/{hearing['id']}/responses", json=BENT | {"language": "de"}
    )
    assert refused.status_code == 422 and "language" in refused.json["errors"]["json"]
    with app.config["SAMMEN_DATABASE"].transaction() as session:
        assert service.responses(session, hearing["id"]) == []


def test_the_notat_per_section_is_published_once_and_every_respondent_is_told_once(
    hearing_app, hearing_worker, clock, tap, amqp_url
):
    app = hearing_app
    events = tap("dialogue.hearing_concluded")
    requests = tap("notification.requested")
    hearing, cycle, parking = _open_and_answer(app)
    requests.wait_for("notification.requested", count=3)  # the receipts
    api = app.test_client()
    notat = {
        "summary": "Der kom tre svar om cykelstier og parkering.",
        "sections": [
            {"section": cycle, "answer": "Cykelstierne bygges som foreslået.", "changed": False},
            {"section": parking, "answer": "Vi beholder ti p-pladser.", "changed": True},
        ],
    }
    url = f"/api/v1/hearings/{hearing['id']}/summary"
    assert api.put(url, json=notat, headers=bearer(app)).status_code == 409  # before the deadline

    clock.now = T0 + timedelta(days=15)
    unknown = notat | {"sections": [{"section": 99999, "answer": "Hvad?", "changed": True}]}
    refused = api.put(url, json=unknown, headers=bearer(app))
    assert refused.status_code == 422 and "99999" in str(refused.json["errors"]["json"]["sections"])
    twice = notat | {"sections": [notat["sections"][0], notat["sections"][0]]}
    assert api.put(url, json=twice, headers=bearer(app)).status_code == 422
    unchanged = api.get(f"/api/v1/hearings/{hearing['id']}").json
    assert unchanged["summary"] is None
    assert [s["answer"] for s in unchanged["sections"]] == [None, None]

    published = api.put(url, json=notat, headers=bearer(app))
    assert published.status_code == 200
    assert [(s["answer"], s["changed"]) for s in published.json["sections"]] == [
        ("Cykelstierne bygges som foreslået.", False),
        ("Vi beholder ti p-pladser.", True),
    ]
    [concluded] = events.wait_for("dialogue.hearing_concluded")
    assert concluded.data["hearing_id"] == hearing["id"]
    assert concluded.data["url"] == hearing["url"] and concluded.data["title"] == HEARING["title"]
    assert sorted(r["email"].lower() for r in concluded.data["respondents"]) == [
        "bent@example.dk",
        "lis@example.dk",
    ]
    told = requests.wait_for(
        "notification.requested", lambda e: e.data["category"] == "hearing.concluded", count=2
    )
    by_language = {t.data["language"]: t.data for t in told}
    assert f"{hearing['url']}#hoeringsnotat" in by_language["da"]["text"]
    assert by_language["en"]["subject"] == (
        f"The consultation report is published: {HEARING['title']}"
    )
    assert all(t.data["reference"].startswith("hearing.concluded:") for t in told)

    # A correction changes the page and tells nobody again.
    corrected = notat | {"summary": "Der kom tre svar; to om parkering.", "sections": None}
    assert api.put(url, json=corrected, headers=bearer(app)).status_code == 200
    page = api.get(f"/hoeringer/{hearing['id']}").get_data(as_text=True)
    assert "Der kom tre svar; to om parkering." in page
    assert "Vi beholder ti p-pladser." in page and "Teksten ændres på grund af" in page
    assert "Teksten ændres ikke." in page
    english = api.get(f"/hoeringer/{hearing['id']}?lang=en").get_data(as_text=True)
    assert "The text changes because of the responses." in english
    # Erasure goes on after the notat: a marker event shows the queue moved past the correction.
    marker = tap("person.data_reported")
    publish_event(amqp_url, privacy_request("access", "req-1", "lis@example.dk"))
    [access] = marker.wait_for("person.data_reported")
    assert [r["language"] for r in access.data["data"]["responses"]] == ["en"]
    assert len(events.of_type("dialogue.hearing_concluded")) == 1
    assert len(requests.of_type("notification.requested")) == 5
