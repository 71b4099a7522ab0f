"""The hub holds excerpts of people's writing (reported comments, answers awaiting moderation):
it answers access and erasure requests about their writers like every other holder, finding them
by the key the format sent (never an address). The real idea board reports; both run here."""

from sammen.auth import StaffIdentity
from sammen.dialogue.service import record_report
from sammen.testing import privacy_request, publish_event, wait_for
from sammen.testing.apps import csrf_from
from sammen.testing.events import contribution_reported, received

from .conftest import bearer, board_showing_the_idea, hub_worker, log_in, queue

XENIA = ("Xenia Quirinius", "xenia.q@example.dk", "Hilsen Xenia Quirinius, Ordrup")
OLE = ("Ole", "ole@example.dk", "Køb billige ure her!!")


def comment_and_report(board, person: tuple[str, str, str]) -> None:
    name, email, body = person
    csrf = csrf_from(board.get("/ideer/case-9").get_data(as_text=True))
    board.post(
        "/ideer/case-9/kommentarer",
        data={"name": name, "email": email, "body": body, "csrf_token": csrf},
    )
    comments = board.get("/api/v1/ideas/case-9").json["comments"]
    [written] = [c for c in comments if c["body"] == body]
    board.post(f"/kommentarer/{written['id']}/anmeld", data={"reason": "spam", "csrf_token": csrf})


def reported_by(reports, request_id: str):  # type: ignore[no-untyped-def]
    found = reports.wait_for(
        "person.data_reported", lambda e: e.data["request_id"] == request_id, count=2
    )
    return {event.data["service"]: event.data for event in found}


def test_the_hub_exports_and_erases_a_writers_reported_contributions(
    hub, idea_board, amqp_url, tap
):
    reports = tap("person.data_reported")
    with hub_worker(hub):
        board = board_showing_the_idea(idea_board, amqp_url)
        comment_and_report(board, XENIA)
        comment_and_report(board, OLE)
        wait_for(lambda: len(queue(hub)) == 2, what="both reports in the hub's queue")

        publish_event(amqp_url, privacy_request("access", "r-access", "Xenia.Q@example.dk"))
        access = reported_by(reports, "r-access")["dialogue"]
        assert access["summary"] == {"contributions": 1}
        [exported] = access["data"]["contributions"]
        assert (exported["format"], exported["excerpt"]) == ("idea_board", XENIA[2])

        erasure = privacy_request("erasure", "r-erase", "Xenia.Q@example.dk", requested_by=1)
        publish_event(amqp_url, erasure)
        erased = reported_by(reports, "r-erase")
    assert erased["dialogue"]["kind"] == "erasure"
    assert erased["dialogue"]["summary"] == {"contributions": 1}
    assert erased["idea_board"]["summary"]["comments"] == 1
    left = queue(hub, "all")
    assert [c["excerpt"] for c in left] == [OLE[2]]
    assert "Quirinius" not in str(left)


def test_a_request_without_an_address_finds_nothing_in_the_hub(hub, amqp_url, tap):
    reports = tap("person.data_reported")
    with hub_worker(hub):
        publish_event(amqp_url, privacy_request("erasure", "r-code", None, tracking_codes=["X"]))
        [report] = reports.wait_for("person.data_reported")
    assert (report.data["service"], report.data["summary"]) == ("dialogue", {"contributions": 0})


def test_only_moderators_and_admins_read_the_excerpts(hub):
    """The queue shows what people wrote; other staff roles are refused it and see none of it."""
    report = contribution_reported(
        format="hearing", contribution_id="a1", excerpt=XENIA[2], reason="Nyt"
    )
    with hub.config["SAMMEN_DATABASE"].transaction() as session:
        record_report(session, received(report))
    [contribution] = queue(hub)
    for role, allowed in (
        ("moderator", True),
        ("admin", True),
        ("agent", False),
        ("coordinator", False),
        ("council_secretary", False),
    ):
        who = StaffIdentity(20, f"{role}@gentofte.dk", role, (role,))
        answers = {
            "api": hub.test_client().get(
                "/api/v1/moderation/contributions", headers=bearer(hub, who)
            ),
            "queue page": log_in(hub, hub.test_client(), who).get("/moderation"),
            "page": log_in(hub, hub.test_client(), who).get(f"/moderation/{contribution['id']}"),
        }
        for name, answer in answers.items():
            assert answer.status_code == (200 if allowed else 403), (role, name)
            assert (XENIA[0] in answer.get_data(as_text=True)) is allowed, (role, name)
