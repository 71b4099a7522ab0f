"""The initiator's private write-back link: issued with the idea, a form, the reply out as an event,
and the link closing with the case and on erasure."""

import re

from sqlalchemy import select

from sammen.intake import handlers
from sammen.intake.domain import reply_token_hash
from sammen.intake.models import Idea
from sammen.testing import (
    privacy_request,
    publish_event,
    queued_events,
    running_worker,
    wait_for,
    wired_worker,
)
from sammen.testing.events import case_status_changed, envelope

from .conftest import AUTH, idea_body

REPLY = "Biblioteket har sagt ja til at låne os et hjørne i foyeren."


def submitted(intake):
    """A new idea, and the write-back link its `idea.submitted` carries (for notify only)."""
    created = intake.test_client().post("/api/v1/ideas", json=idea_body(), headers=AUTH).json
    queued = queued_events(intake.config["SAMMEN_DATABASE"], "idea.submitted")
    [event] = [e for e in queued if e.subject == created["id"]]
    return created, event.data["reply_url"]


def path_of(url):
    return url.removeprefix("http://localhost:8001")


def csrf(client, path):
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]*)"', page).group(1)


def replies_queued(intake):
    return queued_events(intake.config["SAMMEN_DATABASE"], "idea.initiator_replied")


def test_the_link_is_a_secret_kept_only_as_its_hash(intake):
    created, url = submitted(intake)
    token = url.rsplit("/", 1)[1]
    assert url == f"http://localhost:8001/svar/{token}"
    assert len(token) >= 43  # 256 random bits
    with intake.config["SAMMEN_DATABASE"].transaction() as session:
        idea = session.get(Idea, created["id"])
        assert idea.reply_token_hash == reply_token_hash(token) != token
        stored = " ".join(str(value) for value in vars(idea).values())
    assert token not in stored
    _, other_url = submitted(intake)
    assert other_url != url


def test_an_english_speaking_initiators_link_opens_the_page_in_english(intake):
    intake.test_client().post("/api/v1/ideas?lang=en", json=idea_body(), headers=AUTH)
    [event] = queued_events(intake.config["SAMMEN_DATABASE"], "idea.submitted")
    url = event.data["reply_url"]
    assert url.endswith("?lang=en")
    page = intake.test_client().get(path_of(url)).get_data(as_text=True)
    assert "Write to your sparring agent" in page and 'action="/svar/' in page


def test_the_initiator_writes_back_and_the_reply_goes_out_as_an_event(intake):
    created, url = submitted(intake)
    client = intake.test_client()
    page = client.get(path_of(url))
    assert page.status_code == 200
    assert "Bytte-reol på biblioteket" in page.get_data(as_text=True)
    token = csrf(client, path_of(url))
    response = client.post(path_of(url), data={"text": REPLY, "csrf_token": token})
    assert response.status_code == 303
    assert "Tak for dit svar" in client.get(response.headers["Location"]).get_data(as_text=True)
    [event] = replies_queued(intake)
    assert event.subject == created["id"]
    assert event.data["idea_id"] == created["id"]
    assert event.data["tracking_code"] == created["tracking_code"]
    assert event.data["text"] == REPLY
    assert event.data["replied_at"]


def test_an_empty_reply_is_refused_at_the_field_and_nothing_is_sent(intake):
    _, url = submitted(intake)
    client = intake.test_client()
    response = client.post(
        path_of(url), data={"text": " ", "csrf_token": csrf(client, path_of(url))}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'href="#felt-text"' in html and 'aria-invalid="true"' in html
    assert replies_queued(intake) == []


def test_a_reply_without_the_csrf_token_is_refused(intake):
    _, url = submitted(intake)
    response = intake.test_client().post(path_of(url), data={"text": REPLY})
    assert response.status_code == 400
    assert replies_queued(intake) == []


def test_an_unknown_link_is_not_found(intake):
    submitted(intake)
    client = intake.test_client()
    page = client.get("/svar/not-a-token")
    assert page.status_code == 404
    assert "Linket findes ikke" in page.get_data(as_text=True)
    form = {"text": REPLY, "csrf_token": csrf(client, "/")}
    assert client.post("/svar/not-a-token", data=form).status_code == 404
    assert replies_queued(intake) == []


def test_replies_are_rate_limited_like_the_idea_form(intake, monkeypatch):
    monkeypatch.setenv("SAMMEN_RATE_LIMITS", "on")
    monkeypatch.setenv("INTAKE_FORM_RATE_LIMIT", "2/minute")
    from sammen.intake.app import create_app

    app = create_app()
    _, url = submitted(app)
    client = app.test_client()
    statuses = [
        client.post(path_of(url), data={"text": REPLY, "csrf_token": csrf(client, path_of(url))})
        for _ in range(3)
    ]
    assert [s.status_code for s in statuses] == [303, 303, 429]
    assert len(replies_queued(app)) == 2


def worker(intake):
    """Intake's worker, started once the idea's link is read from the outbox (it relays it)."""
    return running_worker(wired_worker(handlers, intake))


def status_changed(created, to, from_="in_dialogue"):
    changed = case_status_changed(
        case_id="case-1",
        idea_id=created["id"],
        tracking_code=created["tracking_code"],
        from_=from_,
        to=to,
        message="Vi kan desværre ikke gå videre med idéen, fordi området er fredet natur.",
    )
    return envelope(changed)


def status_of(intake, created):
    with intake.config["SAMMEN_DATABASE"].transaction() as session:
        return session.scalar(select(Idea.status).where(Idea.id == created["id"]))


def closed(intake, created):
    with intake.config["SAMMEN_DATABASE"].transaction() as session:
        return session.get(Idea, created["id"]).replies_closed_at is not None


def test_the_link_expires_when_the_case_ends_and_comes_back_if_it_is_reopened(intake, amqp_url):
    created, url = submitted(intake)
    client = intake.test_client()
    form = {"text": REPLY, "csrf_token": csrf(client, path_of(url))}
    with worker(intake):
        expire_and_reopen(intake, client, created, url, form, amqp_url)


def expire_and_reopen(intake, client, created, url, form, amqp_url):
    publish_event(amqp_url, status_changed(created, "declined"))
    wait_for(lambda: closed(intake, created), what="replies closed")
    page = client.get(path_of(url))
    assert page.status_code == 410
    assert "Linket er udløbet" in page.get_data(as_text=True)
    assert client.post(path_of(url), data=form).status_code == 410
    assert replies_queued(intake) == []
    publish_event(amqp_url, status_changed(created, "in_dialogue", from_="declined"))
    wait_for(lambda: not closed(intake, created), what="replies open again")
    assert client.get(path_of(url)).status_code == 200


def test_erasure_expires_the_link_for_good(intake, amqp_url):
    created, url = submitted(intake)
    with worker(intake):
        erase_and_move_on(intake, created, url, amqp_url)


def erase_and_move_on(intake, created, url, amqp_url):
    erasure = privacy_request("erasure", "req-1", None, tracking_codes=[created["tracking_code"]])
    publish_event(amqp_url, erasure)
    wait_for(lambda: closed(intake, created), what="replies closed")
    assert intake.test_client().get(path_of(url)).status_code == 410
    publish_event(amqp_url, status_changed(created, "in_dialogue", from_="declined"))
    publish_event(amqp_url, status_changed(created, "trial"))
    wait_for(lambda: status_of(intake, created) == "trial", what="the later status")
    assert closed(intake, created)
