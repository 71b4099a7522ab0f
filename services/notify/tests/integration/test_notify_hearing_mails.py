"""A pilot format's own mails through notify: the hearing's receipts and its høringsnotat word,
from the hearing's outbox over the real broker to a real SMTP server, one mail each."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sammen.auth import StaffIdentity, issue_token
from sammen.formats.hearing import handlers as hearing_handlers
from sammen.formats.hearing.app import create_app as create_hearing_app
from sammen.testing import running_worker, wait_for, wired_worker

from .conftest import messages

COORDINATOR = StaffIdentity(3, "kim@gentofte.dk", "Kim Koordinator", ("coordinator",))
HEARING = {
    "title": "Ny trafikplan for Hellerup",
    "introduction": "Kommunen foreslår ændringer af trafikken omkring Hellerup Station.",
    "sections": [{"heading": "Cykelstier", "body": "Nye cykelstier på Strandvejen."}],
    "opens_at": "2026-12-01T08:00",
    "deadline": "2026-12-15T12:00",
    "answers": "internal",
}


def test_each_respondent_gets_one_receipt_per_answer_and_one_word_of_the_notat(
    service_env, second_database_url, notify_with_broker, smtp_server
):
    notify_app, notify_worker = notify_with_broker
    service_env("hearing", second_database_url)
    moment = {"now": datetime(2026, 12, 2, 9, 0, tzinfo=UTC)}
    hearing_app = create_hearing_app(clock=lambda: moment["now"])
    staff = {
        "Authorization": f"Bearer {issue_token(hearing_app.config['SECRET_KEY'], COORDINATOR)}"
    }
    hearing_worker = wired_worker(hearing_handlers, hearing_app)
    api = hearing_app.test_client()
    with running_worker(hearing_worker), running_worker(notify_worker):
        hearing = api.post("/api/v1/hearings", json=HEARING, headers=staff).json
        answers = f"/api/v1/hearings/{hearing['id']}/responses"
        bent = {"name": "Bent Olsen", "email": "bent@example.dk", "body": "Gode cykelstier."}
        assert api.post(answers, json=bent).status_code == 201
        assert api.post(answers, json=bent | {"body": "Og mere lys."}).status_code == 201
        lis = {"name": "Lis Berg", "email": "lis@example.dk", "body": "Fine bike lanes."}
        assert api.post(f"{answers}?lang=en", json=lis).status_code == 201
        wait_for(lambda: len(smtp_server.received) == 3, what="three receipts")

        moment["now"] += timedelta(days=20)
        notat = {"summary": "Alle svar støtter cykelstierne.", "sections": None}
        summary = f"/api/v1/hearings/{hearing['id']}/summary"
        assert api.put(summary, json=notat, headers=staff).status_code == 200
        assert api.put(summary, json=notat, headers=staff).status_code == 200  # a correction
        wait_for(lambda: len(smtp_server.received) == 5, what="the word of the notat")
        wait_for(lambda: all(m.status == "delivered" for m in messages(notify_app)))

    subjects = {
        address: sorted(mail["Subject"] for mail in smtp_server.to(address))
        for address in ("bent@example.dk", "lis@example.dk")
    }
    title = HEARING["title"]
    assert subjects == {
        "bent@example.dk": [
            f"Høringsnotatet er offentliggjort: {title}",
            f"Tak for dit høringssvar: {title}",
            f"Tak for dit høringssvar: {title}",
        ],
        "lis@example.dk": [
            f"Thank you for your response: {title}",
            f"The consultation report is published: {title}",
        ],
    }
    [word] = [m for m in smtp_server.to("lis@example.dk") if "report" in m["Subject"]]
    assert f"{hearing['url']}#hoeringsnotat" in word.get_body(("plain",)).get_content()
    assert "List-Unsubscribe" not in word  # an answer to one's own response is essential
    hearing_app.config["SAMMEN_DATABASE"].dispose()
