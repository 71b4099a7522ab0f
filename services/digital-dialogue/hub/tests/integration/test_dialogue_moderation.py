"""Moderation shared by formats: the idea board reports, the hub decides, the board applies it.

Both services run in this process against the real broker, each with its own database.
"""

from sammen.testing import wait_for
from sammen.testing.apps import csrf_from

from .conftest import AGENT, bearer, board_showing_the_idea, hub_worker, log_in, queue


def board_comments(board):
    return board.test_client().get("/api/v1/ideas/case-9").json["comments"]


def test_a_reported_comment_is_hidden_and_restored_by_a_moderator_with_a_reason(
    hub, idea_board, amqp_url, tap
):
    decisions = tap("dialogue.contribution_moderated")
    with hub_worker(hub):
        board = board_showing_the_idea(idea_board, amqp_url)
        csrf = csrf_from(board.get("/ideer/case-9").get_data(as_text=True))
        board.post(
            "/ideer/case-9/kommentarer",
            data={
                "name": "Ole",
                "email": "ole@example.dk",
                "body": "Køb billige ure her!!",
                "csrf_token": csrf,
            },
        )
        [comment] = board_comments(idea_board)
        board.post(
            f"/kommentarer/{comment['id']}/anmeld", data={"reason": "spam", "csrf_token": csrf}
        )
        board.post(
            f"/kommentarer/{comment['id']}/anmeld", data={"reason": "offensive", "csrf_token": csrf}
        )

        # Both reports land on one contribution in the hub's queue.
        wait_for(lambda: queue(hub) and len(queue(hub)[0]["reports"]) == 2, what="the reports")
        [reported] = queue(hub)
        assert reported["format"] == "idea_board"
        assert reported["contribution_id"] == comment["id"]
        assert reported["excerpt"] == "Køb billige ure her!!"
        assert {r["reason"] for r in reported["reports"]} == {
            "Spam eller reklame",
            "Krænkende eller chikanerende",
        }

        # The moderator's page: listed; a decision without a reason is refused, nothing sent.
        client = log_in(hub, hub.test_client())
        listing = client.get("/moderation").get_data(as_text=True)
        assert "Køb billige ure her!!" in listing
        detail_url = f"/moderation/{reported['id']}"
        csrf_hub = csrf_from(client.get(detail_url).get_data(as_text=True))
        refused = client.post(
            detail_url, data={"action": "hide", "reason": "", "csrf_token": csrf_hub}
        )
        assert refused.status_code == 422
        assert 'href="#felt-reason"' in refused.get_data(as_text=True)
        assert (
            client.post(detail_url, data={"action": "hide", "reason": "Reklame"}).status_code == 400
        )

        hidden = client.post(
            detail_url, data={"action": "hide", "reason": "Reklame for ure", "csrf_token": csrf_hub}
        )
        assert hidden.status_code == 303
        wait_for(lambda: board_comments(idea_board)[0]["hidden"], what="hidden on the board")
        page = board.get("/ideer/case-9").get_data(as_text=True)
        assert "Køb billige ure" not in page and "skjult af en moderator" in page
        [event] = decisions.wait_for("dialogue.contribution_moderated")
        assert event.data == {
            "format": "idea_board",
            "contribution_id": comment["id"],
            "action": "hide",
            "reason": "Reklame for ure",
            "moderator": 7,
        }
        assert (
            queue(hub) == []
            and queue(hub, "hidden")[0]["decisions"][0]["moderator_name"] == "Mona Moderator"
        )

        # Hiding twice is refused; an agent may not moderate; a restore brings it back.
        url = f"/api/v1/moderation/contributions/{reported['id']}/decisions"
        twice = hub.test_client().post(
            url, json={"action": "hide", "reason": "Igen"}, headers=bearer(hub)
        )
        assert twice.status_code == 409
        agent = hub.test_client().post(
            url, json={"action": "restore", "reason": "Fint"}, headers=bearer(hub, AGENT)
        )
        assert agent.status_code == 403
        assert log_in(hub, hub.test_client(), AGENT).get("/moderation").status_code == 403
        no_reason = hub.test_client().post(url, json={"action": "restore"}, headers=bearer(hub))
        assert no_reason.status_code == 422 and "reason" in no_reason.json["errors"]["json"]
        restored = hub.test_client().post(
            url,
            json={"action": "restore", "reason": "Afsenderen har forklaret sig"},
            headers=bearer(hub),
        )
        assert restored.status_code == 201 and restored.json["status"] == "visible"
        wait_for(lambda: not board_comments(idea_board)[0]["hidden"], what="restored on the board")
        assert len(decisions.wait_for("dialogue.contribution_moderated", count=2)) == 2
