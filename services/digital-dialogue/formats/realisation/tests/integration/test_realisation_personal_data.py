"""Members', followers' and askers' data in access and erasure requests, and the committees'
meetings from the calendar, over the real broker on both databases."""

from sqlalchemy import func, select

from sammen.formats.realisation.models import Follower, Member, Question
from sammen.testing import privacy_request, publish_event, wait_for
from sammen.testing.events import envelope, event_cancelled, event_published

from .conftest import COMMITTEE, set_up

METTE = "mette@example.dk"


def _held(app, email):  # type: ignore[no-untyped-def]
    with app.config["SAMMEN_DATABASE"].transaction() as session:
        return [
            session.scalar(
                select(func.count()).select_from(model).where(func.lower(column) == email)
            )
            for model, column in (
                (Member, Member.email),
                (Follower, Follower.email),
                (Question, Question.asker_email),
            )
        ]


def test_access_and_erasure_cover_memberships_follows_and_questions(
    realisation_app, realisation_worker, tap, amqp_url
):
    app = realisation_app
    reports = tap("person.data_reported")
    _committee, created = set_up(app)
    api = app.test_client()
    url = f"/api/v1/recommendations/{created['id']}"
    assert api.post(f"{url}/followers", json={"email": "Mette@Example.dk"}).status_code == 202
    question = {"name": "Mette Borger", "email": METTE, "text": "Hvornår starter arbejdet?"}
    assert api.post(f"{url}/questions", json=question).status_code == 201
    assert _held(app, METTE) == [1, 1, 1]

    publish_event(amqp_url, privacy_request("access", "req-a", METTE))
    [access] = reports.wait_for("person.data_reported", lambda e: e.data["kind"] == "access")
    assert access.data["service"] == "realisation"
    assert access.data["summary"] == {"members": 1, "followers": 1, "questions": 1}
    assert access.data["data"]["questions"][0]["text"] == "Hvornår starter arbejdet?"
    assert access.data["data"]["members"][0]["name"] == "Mette Borger"

    publish_event(amqp_url, privacy_request("erasure", "req-e", METTE))
    [erased] = reports.wait_for("person.data_reported", lambda e: e.data["kind"] == "erasure")
    assert erased.data["summary"] == {"members": 1, "followers": 1, "questions": 1}
    assert _held(app, METTE) == [0, 0, 0]
    assert _held(app, "per@example.dk") == [1, 0, 0]  # the other member stays
    assert "Hvornår starter arbejdet?" not in api.get(f"/anbefalinger/{created['id']}").get_data(
        as_text=True
    )


MEETING = {
    "event_id": "ev-1",
    "title": "Årsmøde for tidligere udvalgsmedlemmer",
    "starts_at": "2027-03-04T17:00:00+00:00",
    "url": "http://localhost:8004/arrangementer/ev-1",
}


def _published(organizers: list[str], **changes):  # type: ignore[no-untyped-def]
    published = event_published(
        **(MEETING | {"organizers": organizers, "location": "Rådhuset", "topics": []} | changes)
    )
    return envelope(published)


def test_the_committees_meetings_show_on_its_pages_until_cancelled(
    realisation_app, realisation_worker, amqp_url
):
    app = realisation_app
    committee, created = set_up(app)
    api = app.test_client()
    pages = (f"/udvalg/{committee['id']}", f"/anbefalinger/{created['id']}")
    publish_event(amqp_url, _published(["andet-raad"], event_id="ev-0"))
    publish_event(amqp_url, _published([COMMITTEE["organizer"]]))
    for page in pages:
        wait_for(
            lambda page=page: "Årsmøde for tidligere" in api.get(page).get_data(as_text=True),
            what=f"the meeting on {page}",
        )
    publish_event(amqp_url, envelope(event_cancelled(**MEETING)))
    for page in pages:
        wait_for(
            lambda page=page: "Årsmøde for tidligere" not in api.get(page).get_data(as_text=True),
            what=f"the cancelled meeting gone from {page}",
        )
    assert "Der er ingen kommende møder" in api.get(pages[0]).get_data(as_text=True)
