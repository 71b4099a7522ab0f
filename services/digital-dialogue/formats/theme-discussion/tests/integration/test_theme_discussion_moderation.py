"""Answers wait for the hub's moderators before they show, and a person's answers are exported
and erased on routing's requests, over the real broker on both databases."""

from sammen.bus import Event
from sammen.privacy import person_key
from sammen.testing import privacy_request, publish_event, wait_for
from sammen.testing.events import contribution_moderated, envelope

from .conftest import BENT, DISCUSSION, LIS, bearer


def _moderated(contribution_id: str, action: str, format_: str = "theme_discussion") -> Event:
    decision = contribution_moderated(
        format=format_,
        contribution_id=contribution_id,
        action=action,
        reason="I orden",
        moderator=7,
    )
    return envelope(decision)


def test_answers_show_after_moderation_and_a_person_is_exported_then_erased(
    discussion_app, discussion_worker, amqp_url, tap
):
    app = discussion_app
    reported = tap("dialogue.contribution_reported")
    api = app.test_client()
    discussion = api.post("/api/v1/discussions", json=DISCUSSION, headers=bearer(app)).json
    first, second = (q["id"] for q in discussion["questions"])
    answers = f"/api/v1/discussions/{discussion['id']}/contributions"
    bent = api.post(answers, json=BENT | {"question_id": first}).json
    lis = api.post(answers, json=LIS | {"question_id": second}).json

    events = reported.wait_for("dialogue.contribution_reported", count=2)
    by_id = {e.data["contribution_id"]: e for e in events}
    assert by_id[bent["id"]].data["format"] == "theme_discussion"
    assert by_id[bent["id"]].data["excerpt"] == BENT["text"]
    # The writer only as a key the hub can match a privacy request against, never the address.
    assert by_id[bent["id"]].data["author_key"] == person_key(
        app.config["SECRET_KEY"], BENT["email"]
    )
    assert BENT["email"] not in by_id[bent["id"]].to_json()
    assert by_id[bent["id"]].data["url"] == f"{discussion['url']}#spoergsmaal-{first}"
    page_url = f"/droeftelser/{discussion['id']}"
    assert BENT["text"] not in api.get(page_url).get_data(as_text=True)  # pending

    publish_event(amqp_url, _moderated(bent["id"], "restore", format_="hearing"))  # not ours
    publish_event(amqp_url, _moderated(bent["id"], "restore"))
    publish_event(amqp_url, _moderated(lis["id"], "hide"))
    wait_for(
        lambda: BENT["text"] in api.get(page_url).get_data(as_text=True),
        what="Bent's answer published",
    )

    def moderation() -> dict[str, str]:
        return {c["id"]: c["moderation"] for c in api.get(answers, headers=bearer(app)).json}

    # The decisions are two messages: Lis's may be handled just after Bent's shows.
    wait_for(lambda: moderation()[lis["id"]] != "pending", what="Lis's answer decided")
    assert moderation() == {bent["id"]: "published", lis["id"]: "hidden"}
    page = api.get(page_url).get_data(as_text=True)
    assert LIS["text"] not in page and BENT["name"] not in page and BENT["email"] not in page

    reports = tap("person.data_reported")
    publish_event(amqp_url, privacy_request("access", "req-1", "bent@example.dk"))
    [access] = reports.wait_for("person.data_reported")
    assert access.data["service"] == "theme_discussion"
    assert access.data["summary"] == {"discussion_answers": 1}
    assert access.data["data"]["discussion_answers"][0]["question"] == DISCUSSION["questions"][0]
    publish_event(amqp_url, privacy_request("erasure", "req-2", "BENT@example.dk"))
    [erased] = reports.wait_for("person.data_reported", lambda e: e.data["kind"] == "erasure")
    assert erased.data["summary"] == {"discussion_answers": 1}
    assert BENT["text"] not in api.get(page_url).get_data(as_text=True)
    assert [c["id"] for c in api.get(answers, headers=bearer(app)).json] == [lis["id"]]
