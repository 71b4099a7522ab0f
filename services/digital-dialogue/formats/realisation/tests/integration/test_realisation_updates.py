"""Followers (double opt-in, one-click unsubscribe) and updates mailed to members and confirmed
followers through notify's `notification.requested`, over the real broker on both databases."""

import re

from sqlalchemy import select

from sammen.formats.realisation.models import Follower
from sammen.testing.apps import csrf_from

from .conftest import OTHER_AGENT, OWNER, bearer, set_up

VIDEO = {"kind": "video", "url": "https://video.example.dk/cykler", "title": "Film fra værkstedet"}


def _follower(app, email):  # type: ignore[no-untyped-def]
    with app.config["SAMMEN_DATABASE"].transaction() as session:
        found = session.scalar(select(Follower).where(Follower.email == email))
        return (found.confirmed_at, found.unsubscribed_at) if found else None


def _link(text: str, path: str) -> str:
    return re.search(rf"https?://\S+/{path}/\S+", text).group(0)


def test_following_starts_only_when_the_link_is_confirmed_by_the_button(
    realisation_app, realisation_worker, tap
):
    app = realisation_app
    requests = tap("notification.requested")
    _committee, created = set_up(app)
    page = app.test_client()
    html = page.get(f"/anbefalinger/{created['id']}").get_data(as_text=True)
    bad = page.post(
        f"/anbefalinger/{created['id']}/foelg",
        data={"email": "ikke-en-adresse", "csrf_token": csrf_from(html)},
    )
    assert bad.status_code == 422 and "gyldig e-mailadresse" in bad.get_data(as_text=True)
    assert _follower(app, "ikke-en-adresse") is None
    sent = page.post(
        f"/anbefalinger/{created['id']}/foelg",
        data={"email": "anna@example.dk", "csrf_token": csrf_from(html)},
    )
    assert sent.status_code == 303
    [mail] = requests.wait_for("notification.requested")
    assert mail.data["category"] == "realisation.confirm" and "unsubscribe_url" not in mail.data
    assert mail.data["to"]["email"] == "anna@example.dk"
    confirm_url = _link(mail.data["text"], "bekraeft")
    path = confirm_url.split("localhost:8013", 1)[1]

    # Opening the link (a person, or a mail scanner) changes nothing: only the button does.
    shown = page.get(path)
    assert shown.status_code == 200 and "Ja, jeg vil følge den" in shown.get_data(as_text=True)
    assert _follower(app, "anna@example.dk") == (None, None)
    confirmed = page.post(path, data={"csrf_token": csrf_from(shown.get_data(as_text=True))})
    assert confirmed.status_code == 200 and "Du følger nu anbefalingen" in confirmed.get_data(
        as_text=True
    )
    assert _follower(app, "anna@example.dk")[0] is not None
    assert page.get(path).status_code == 404  # used


def test_an_update_reaches_every_member_and_confirmed_follower_once(
    realisation_app, realisation_worker, tap
):
    app = realisation_app
    requests = tap("notification.requested")
    updates = tap("realisation.update_published")
    committee, created = set_up(app)
    api = app.test_client()
    url = f"/api/v1/recommendations/{created['id']}"
    for email in ("anna@example.dk", "mette@example.dk", "bo@example.dk"):
        assert api.post(f"{url}/followers", json={"email": email}).status_code == 202
    confirms = requests.wait_for("notification.requested", count=3)
    page = app.test_client()
    for mail in confirms:
        if mail.data["to"]["email"] == "bo@example.dk":
            continue  # Bo never confirms
        path = _link(mail.data["text"], "bekraeft").split("localhost:8013", 1)[1]
        shown = page.get(path).get_data(as_text=True)
        assert page.post(path, data={"csrf_token": csrf_from(shown)}).status_code == 200

    milestone = created["milestones"][0]["id"]
    update = {
        "text": "Placeringerne er valgt efter borgermødet.",
        "status": "in_progress",
        "progress": 40,
        "milestone_done": milestone,
    }
    assert (
        api.post(f"{url}/updates", json=update, headers=bearer(app, OTHER_AGENT)).status_code == 403
    )
    no_transcript = api.post(
        f"{url}/updates", json=update | {"media": VIDEO}, headers=bearer(app, OWNER)
    )
    assert no_transcript.status_code == 422
    assert "transcript" in no_transcript.json["errors"]["json"]["media"]
    unchanged = api.get(url).json
    assert unchanged["progress"] == 0 and unchanged["updates"] == []
    assert unchanged["milestones"][0]["done_at"] is None

    with_film = update | {"media": VIDEO | {"transcript": "Ole: Vi har talt med 40 borgere."}}
    published = api.post(f"{url}/updates", json=with_film, headers=bearer(app, OWNER))
    assert published.status_code == 201
    [event] = updates.wait_for("realisation.update_published")
    assert event.data["recommendation_id"] == created["id"] and event.data["progress"] == 40
    assert event.data["milestone_done"] == "Placeringer valgt"
    assert "@" not in str(event.data)
    told = requests.wait_for(
        "notification.requested", lambda e: e.data["category"] == "realisation.update", count=3
    )
    by_address = {t.data["to"]["email"]: t.data for t in told}
    assert set(by_address) == {"mette@example.dk", "per@example.dk", "anna@example.dk"}
    assert by_address["per@example.dk"]["language"] == "en"
    assert by_address["per@example.dk"]["subject"] == f"News about: {created['title']}"
    assert by_address["mette@example.dk"]["to"]["name"] == "Mette Borger"  # told as member, once
    assert all(
        d["unsubscribe_url"].startswith("http://localhost:8013/afmeld/")
        for d in by_address.values()
    )
    assert len({d["reference"] for d in by_address.values()}) == 3

    shown = api.get(f"/anbefalinger/{created['id']}").get_data(as_text=True)
    assert (
        "Placeringerne er valgt efter borgermødet." in shown
        and "Vi har talt med 40 borgere." in shown
    )
    assert 'value="40"' in shown and "følger" not in shown.split("Følg anbefalingen")[0].lower()

    # RFC 8058: the mail client posts one-click without a form or a session.
    one_click = app.test_client().post(
        by_address["anna@example.dk"]["unsubscribe_url"].split("localhost:8013", 1)[1],
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert one_click.status_code == 200 and _follower(app, "anna@example.dk")[1] is not None
    second = {"text": "Den første parkering er bygget.", "status": "done"}
    assert api.post(f"{url}/updates", json=second, headers=bearer(app)).status_code == 201
    later = requests.wait_for(
        "notification.requested",
        lambda e: e.data["category"] == "realisation.update" and "bygget" in e.data["text"],
        count=2,
    )
    assert {t.data["to"]["email"] for t in later} == {"mette@example.dk", "per@example.dk"}
    assert api.get(url).json["progress"] == 100  # done is done
    assert committee["id"] == api.get(url).json["committee"]["id"]
