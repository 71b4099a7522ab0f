"""The idea board through the real broker: published cases in, joins and reports out."""

import re
from datetime import UTC, datetime, timedelta

from sammen.privacy import person_key
from sammen.testing import privacy_request, publish_event, wait_for
from sammen.testing.apps import csrf_from
from sammen.testing.events import contribution_moderated, envelope

from .conftest import AGENT, api_idea, published, put_on_the_board, status_changed

JOIN = {
    "offer": "resource",
    "name": "Karen Madsen",
    "email": "karen@example.dk",
    "message": "Jeg har et tomt lokale i Hellerup om lørdagen.",
}


def test_a_visitor_joins_a_published_idea_and_the_initiator_and_agent_are_told(
    board, board_worker, amqp_url, tap
):
    joined = tap("dialogue.idea_joined")
    client = put_on_the_board(board, amqp_url, "case-1")
    listing = client.get("/").get_data(as_text=True)
    assert "Bytte-reol på biblioteket" in listing and "Agnete Holm" in listing
    assert "I dialog" in listing

    csrf = csrf_from(client.get("/ideer/case-1/kobl-paa").get_data(as_text=True))
    # Bad input: the fields are named, and nothing is stored or published.
    bad = client.post(
        "/ideer/case-1/kobl-paa", data=JOIN | {"csrf_token": csrf, "email": "nope", "offer": ""}
    )
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422
    assert 'href="#felt-email"' in html and 'href="#felt-offer"' in html
    assert 'value="Karen Madsen"' in html  # what the visitor typed is kept
    trapped = client.post(
        "/ideer/case-1/kobl-paa", data=JOIN | {"csrf_token": csrf, "website": "http://spam"}
    )
    assert trapped.status_code == 400
    assert client.post("/ideer/case-1/kobl-paa", data=JOIN).status_code == 400  # no CSRF token

    response = client.post("/ideer/case-1/kobl-paa", data=JOIN | {"csrf_token": csrf})
    assert response.status_code == 303
    assert "Tak, fordi du kobler dig på" in client.get(response.headers["Location"]).get_data(
        as_text=True
    )
    [event] = joined.wait_for("dialogue.idea_joined")
    assert len(joined.of_type("dialogue.idea_joined")) == 1  # only the good one
    assert event.source == "/sammen/idea_board"
    assert event.data["case_id"] == "case-1"
    assert event.data["idea_id"] == "idea-case-1"
    assert event.data["tracking_code"] == "ACDE-FHJK"
    assert event.data["offer"] == "resource"
    assert event.data["helper"] == {"name": "Karen Madsen", "email": "karen@example.dk"}
    assert event.data["agent"] == {"name": AGENT["name"], "email": AGENT["email"]}
    assert event.data["idea_url"] == "http://localhost:8011/ideer/case-1"
    # Offers are private: neither the helper's name nor a count shows on the public page.
    idea_page = client.get("/ideer/case-1").get_data(as_text=True)
    assert "Karen Madsen" not in idea_page and "karen@example.dk" not in idea_page


def test_status_stays_current_and_sorting_is_by_time_never_by_popularity(
    board, board_worker, amqp_url
):
    start = datetime.now(UTC) - timedelta(hours=1)
    publish_event(amqp_url, published("old", title="Gammel idé", at=start))
    publish_event(
        amqp_url,
        published(
            "new", title="Ny idé", theme="natur-klima-og-miljoe", at=start + timedelta(minutes=5)
        ),
    )
    wait_for(lambda: len(board.test_client().get("/api/v1/ideas").json) == 2, what="two ideas")

    def titles(**q):
        return [i["title"] for i in board.test_client().get("/api/v1/ideas", query_string=q).json]

    assert titles() == ["Ny idé", "Gammel idé"]
    publish_event(amqp_url, status_changed("old", "trial"))
    wait_for(lambda: api_idea(board, "old").json["status"] == "trial", what="the new status")
    assert titles(sort="active") == ["Gammel idé", "Ny idé"]
    assert titles(theme="natur-klima-og-miljoe") == ["Ny idé"]
    # An older status event arriving late changes nothing.
    publish_event(amqp_url, status_changed("old", "assigned", at=start))
    publish_event(amqp_url, status_changed("new", "withdrawn"))
    wait_for(lambda: api_idea(board, "new").status_code == 404, what="withdrawn off the board")
    assert api_idea(board, "old").json["status"] == "trial"
    page = board.test_client().get("/?sortering=active").get_data(as_text=True)
    assert "Afprøves i det små" in page
    options = re.findall(r'<option value="([a-z]+)"', page.split('id="felt-tema"')[0])
    assert options == ["new", "active"]  # no popularity ordering to choose
    assert (
        board.test_client().get("/api/v1/ideas", query_string={"sort": "popular"}).status_code
        == 422
    )


def test_a_reported_comment_goes_to_moderation_and_is_hidden_and_restored(
    board, board_worker, amqp_url, tap
):
    reports = tap("dialogue.contribution_reported")
    client = put_on_the_board(board, amqp_url, "case-3")
    csrf = csrf_from(client.get("/ideer/case-3").get_data(as_text=True))
    comment = {
        "name": "Ole",
        "email": "ole@example.dk",
        "body": "Hvor står reolen?",
        "csrf_token": csrf,
    }
    assert client.post("/ideer/case-3/kommentarer", data=comment).status_code == 303
    [shown] = api_idea(board, "case-3").json["comments"]
    assert shown["body"] == "Hvor står reolen?" and shown["name"] == "Ole"
    report_page = client.get(f"/kommentarer/{shown['id']}/anmeld")
    assert report_page.status_code == 200
    missing = client.post(f"/kommentarer/{shown['id']}/anmeld", data={"csrf_token": csrf})
    assert missing.status_code == 422 and 'href="#felt-reason"' in missing.get_data(as_text=True)
    sent = client.post(
        f"/kommentarer/{shown['id']}/anmeld", data={"csrf_token": csrf, "reason": "spam"}
    )
    assert sent.status_code == 303
    [event] = reports.wait_for("dialogue.contribution_reported")
    assert event.data["format"] == "idea_board"
    assert event.data["contribution_id"] == shown["id"]
    assert event.data["excerpt"] == "Hvor står reolen?"
    assert event.data["reason"] == "Spam eller reklame"
    assert event.data["url"].endswith(f"/ideer/case-3#kommentar-{shown['id']}")
    assert event.data["author_key"] == person_key(board.config["SECRET_KEY"], "OLE@example.dk")
    assert "ole@example.dk" not in event.to_json()

    def moderated(action):
        decision = contribution_moderated(
            format="idea_board",
            contribution_id=shown["id"],
            action=action,
            reason="Reklame",
            moderator=7,
        )
        return envelope(decision)

    publish_event(amqp_url, moderated("hide"))
    wait_for(lambda: api_idea(board, "case-3").json["comments"][0]["hidden"], what="hidden")
    page = client.get("/ideer/case-3").get_data(as_text=True)
    assert "Hvor står reolen?" not in page and "skjult af en moderator" in page
    publish_event(amqp_url, moderated("restore"))
    wait_for(lambda: not api_idea(board, "case-3").json["comments"][0]["hidden"], what="restored")
    assert "Hvor står reolen?" in client.get("/ideer/case-3").get_data(as_text=True)


def test_an_erasure_request_removes_the_persons_offers_and_comments(
    board, board_worker, amqp_url, tap
):
    reported = tap("person.data_reported")
    client = put_on_the_board(board, amqp_url, "case-4")
    csrf = csrf_from(client.get("/ideer/case-4").get_data(as_text=True))
    client.post("/ideer/case-4/kobl-paa", data=JOIN | {"csrf_token": csrf})
    client.post(
        "/ideer/case-4/kommentarer",
        data={
            "name": "Karen",
            "email": "karen@example.dk",
            "body": "Jeg kommer gerne.",
            "csrf_token": csrf,
        },
    )
    client.post(
        "/ideer/case-4/kommentarer",
        data={"name": "Ole", "email": "ole@example.dk", "body": "Også mig.", "csrf_token": csrf},
    )
    publish_event(
        amqp_url,
        privacy_request("access", "req-0", "karen@example.dk"),
    )
    [access] = reported.wait_for("person.data_reported")
    assert access.data["kind"] == "access"
    assert access.data["summary"] == {"joins": 1, "comments": 1}
    assert access.data["data"]["joins"][0]["message"] == JOIN["message"]
    assert access.data["data"]["comments"][0]["body"] == "Jeg kommer gerne."
    publish_event(
        amqp_url,
        privacy_request("erasure", "req-1", "KAREN@example.dk"),
    )
    [event] = reported.wait_for("person.data_reported", lambda e: e.data["kind"] == "erasure")
    assert event.data["summary"] == {"joins": 1, "comments": 1, "ideas": 0}
    assert event.data["service"] == "idea_board" and event.data["kind"] == "erasure"
    assert [c["name"] for c in api_idea(board, "case-4").json["comments"]] == ["Ole"]
    # The initiator's own erasure takes the idea off the board with everything under it.
    publish_event(
        amqp_url,
        privacy_request("erasure", "req-2", None, idea_ids=["idea-case-4"]),
    )
    [event] = reported.wait_for("person.data_reported", lambda e: e.data["request_id"] == "req-2")
    assert event.data["summary"] == {"joins": 0, "comments": 0, "ideas": 1}
    assert api_idea(board, "case-4").status_code == 404
