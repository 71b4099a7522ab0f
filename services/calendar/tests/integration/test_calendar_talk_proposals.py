"""Gentofte Talks proposed by the public: the proposal and its notices, a coordinator's approval
(a Talk in Gentofte Talks' feed naming the initiative) or decline with the reason, the form's
guard against bots, and the agenda filtered by who took the initiative."""

from icalendar import Calendar

from sammen.auth import STAFF_COOKIE, issue_token

from .conftest import ADMIN, COORDINATOR, SECRETARY
from .meetings_support import counts, day, mails, outbox

PROPOSAL = {
    "title": "Fællesskaber for ældre",
    "description": "En samtale om ensomhed og fællesskab.",
    "proposer": {
        "name": "Inger Ibsen",
        "email": "Inger@example.dk",
        "organisation": "Ældre Sagen Gentofte",
        "type": "association",
    },
    "host_event": "Seniorfestivalen på Gentofte Hovedbibliotek",
    "wished_start": "2027-04-14T17:00",
    "location": "Gentofte Hovedbibliotek",
    "topics": ["aeldre-og-seniorliv"],
}


def propose(client, **changes):
    answer = client.post("/api/v1/talk-proposals", json=PROPOSAL | changes)
    assert answer.status_code == 202, answer.json
    return answer.json["id"]


def test_a_proposal_is_kept_announced_and_both_proposer_and_coordinators_told(client):
    proposal_id = propose(client)
    [proposed] = outbox(client.application, "calendar.talk_proposed")
    assert proposed.subject == proposal_id
    assert proposed.data["proposer"] == PROPOSAL["proposer"] | {"email": "inger@example.dk"}
    assert proposed.data["host_event"] == PROPOSAL["host_event"]
    assert proposed.data["wished_start"] == "2027-04-14T15:00:00Z"
    sent = {m["to"]["email"]: m for m in mails(client.application, "calendar.talk_proposal")}
    assert set(sent) == {"inger@example.dk", "koordinator@demo.gentofte.dk"}
    assert "/personale/gentofte-talks" in sent["koordinator@demo.gentofte.dk"]["text"]
    assert sent["inger@example.dk"]["language"] == "da"


def test_a_proposal_through_the_english_page_is_answered_in_english(client):
    client.set_cookie("sammen_lang", "en")  # the visitor chose English on the pages
    propose(client)
    [receipt] = [
        m
        for m in mails(client.application, "calendar.talk_proposal")
        if "inger" in m["to"]["email"]
    ]
    assert receipt["language"] == "en" and receipt["subject"].startswith("We have received")


def test_a_bad_proposal_is_a_422_naming_the_field_and_keeps_nothing(client):
    before = counts(client.application)
    for body, field in (
        (PROPOSAL | {"proposer": PROPOSAL["proposer"] | {"type": "lobbyist"}}, "type"),
        (PROPOSAL | {"proposer": PROPOSAL["proposer"] | {"email": "ikke-en-adresse"}}, "email"),
        ({k: v for k, v in PROPOSAL.items() if k != "wished_start"}, "wished_start"),
        (PROPOSAL | {"title": "Linje\nskift"}, "title"),
    ):
        answer = client.post("/api/v1/talk-proposals", json=body)
        assert answer.status_code == 422 and field in str(answer.json["errors"]), answer.json
    assert counts(client.application) == before


def test_approval_publishes_the_talk_naming_the_initiative_and_tells_the_proposer(
    client, create, auth
):
    proposal_id = propose(client)
    when = day(30) | {"location": "Gentofte Hovedbibliotek, salen"}
    answer = client.post(
        f"/api/v1/talk-proposals/{proposal_id}/approve", json=when, headers=auth(COORDINATOR)
    )
    assert answer.status_code == 201, answer.json
    talk = client.get(f"/api/v1/events/{answer.json['id']}").json
    assert talk["kind"] == "gentofte_talks" and talk["organizers"] == ["gentofte-talks"]
    assert "Initiativ: Ældre Sagen Gentofte" in talk["description"]
    feed = Calendar.from_ical(client.get("/organizers/gentofte-talks/calendar.ics").data)
    [entry] = [c for c in feed.walk("VEVENT") if str(c["UID"]).startswith(talk["id"])]
    assert "Initiativ: Ældre Sagen Gentofte" in str(entry["DESCRIPTION"])
    page = client.get(f"/arrangementer/{talk['id']}").get_data(as_text=True)
    assert 'id="initiativ"' in page and "Ældre Sagen Gentofte" in page
    [approved] = outbox(client.application, "calendar.talk_approved")
    assert approved.data["event_id"] == talk["id"]
    assert approved.data["initiative"] == "Ældre Sagen Gentofte"
    told = [
        m
        for m in mails(client.application, "calendar.talk_proposal")
        if "approved" in m["reference"]
    ]
    assert [m["to"]["email"] for m in told] == ["inger@example.dk"] and talk["url"] in told[0][
        "text"
    ]
    before = counts(client.application)
    again = client.post(
        f"/api/v1/talk-proposals/{proposal_id}/approve", json=when, headers=auth(ADMIN)
    )
    assert again.status_code == 409 and "allerede godkendt" in again.json["message"]
    assert counts(client.application) == before
    create(title="Seniorrådets møde", **day(31))
    filtered = client.get("/?initiative=Ældre Sagen Gentofte").get_data(as_text=True)
    assert "Fællesskaber for ældre" in filtered and "Seniorrådets møde" not in filtered
    assert 'id="filter-initiative"' in filtered
    by_api = client.get("/api/v1/events", query_string={"initiative": "Ældre Sagen Gentofte"}).json
    assert [e["id"] for e in by_api] == [talk["id"]]


def test_a_decline_needs_a_reason_and_the_proposer_gets_it(client, auth):
    proposal_id = propose(client)
    url = f"/api/v1/talk-proposals/{proposal_id}/decline"
    before = counts(client.application)
    missing = client.post(url, json={}, headers=auth(COORDINATOR))
    assert missing.status_code == 422 and "reason" in missing.json["errors"]["json"]
    assert client.post(url, json={"reason": "Nej"}, headers=auth(SECRETARY)).status_code == 403
    assert client.post(url, json={"reason": "Nej"}).status_code == 401
    assert counts(client.application) == before
    reason = "Der er allerede en Talk om emnet i april."
    declined = client.post(url, json={"reason": reason}, headers=auth(COORDINATOR))
    assert declined.status_code == 200 and declined.json["status"] == "declined"
    [event] = outbox(client.application, "calendar.talk_declined")
    assert event.data["reason"] == reason
    [told] = [
        m
        for m in mails(client.application, "calendar.talk_proposal")
        if "declined" in m["reference"]
    ]
    assert reason in told["text"] and told["to"]["email"] == "inger@example.dk"
    unknown = client.post(
        "/api/v1/talk-proposals/no-such/decline", json={"reason": "x"}, headers=auth(COORDINATOR)
    )
    assert unknown.status_code == 404


def form(client, **changes):
    page = client.get("/gentofte-talks/foreslaa").get_data(as_text=True)
    started = page.split('name="started" value="', 1)[1].split('"', 1)[0]
    values = {
        "title": "Byens grønne tage",
        "description": "Hvordan får vi flere grønne tage?",
        "organisation": "Grønne Tage Gentofte",
        "type": "citizen_group",
        "name": "Tove Tag",
        "email": "tove@example.dk",
        "wished_start": "2027-05-03T19:00",
        "topic": "natur-klima-og-miljoe",
        "started": started,
    }
    return client.post("/gentofte-talks/foreslaa", data=values | changes)


def test_the_public_form_proposes_a_talk(client):
    page = client.get("/gentofte-talks/foreslaa").get_data(as_text=True)
    assert 'id="talk-forslag"' in page and 'name="website"' in page
    sent = form(client)
    assert sent.status_code == 303 and sent.headers["Location"].endswith(
        "/gentofte-talks/foreslaa/tak"
    )
    [proposed] = outbox(client.application, "calendar.talk_proposed")
    assert proposed.data["topics"] == ["natur-klima-og-miljoe"]
    assert proposed.data["proposer"]["type"] == "citizen_group"
    assert 'id="forslag-modtaget"' in client.get(sent.headers["Location"]).get_data(as_text=True)


def test_the_form_refuses_bots_and_bad_input_and_keeps_nothing(client):
    before = counts(client.application)
    trapped = form(client, website="http://spam.example")
    assert trapped.status_code == 400 and "Hjemmeside" in trapped.get_data(as_text=True)
    assert form(client, started="forged").status_code == 400
    bad = form(client, type="")
    assert bad.status_code == 422 and "Vælg hvem I er" in bad.get_data(as_text=True)
    assert counts(client.application) == before


def test_coordinators_decide_on_the_staff_page(client, calendar):
    proposal_id = propose(client)
    client.set_cookie(STAFF_COOKIE, issue_token(calendar.config["SECRET_KEY"], COORDINATOR))
    listed = client.get("/personale/gentofte-talks").get_data(as_text=True)
    assert f'data-proposal-id="{proposal_id}"' in listed and "inger@example.dk" in listed
    no_reason = client.post(f"/personale/gentofte-talks/{proposal_id}/afvis", data={"reason": ""})
    assert no_reason.status_code == 422
    assert "Skriv en begrundelse til forslagsstilleren" in no_reason.get_data(as_text=True)
    approved = client.post(
        f"/personale/gentofte-talks/{proposal_id}/godkend",
        data=day(40) | {"location": "Rådhuset"},
    )
    assert approved.status_code == 303
    assert len(outbox(calendar, "calendar.talk_approved")) == 1
    secretary = calendar.test_client()
    secretary.set_cookie(STAFF_COOKIE, issue_token(calendar.config["SECRET_KEY"], SECRETARY))
    assert secretary.get("/personale/gentofte-talks").status_code == 403
