"""Who hears of a reply and of a link: the agent, a linked colleague; the initiator's link travels
with the initiator only."""

from sammen.notify.domain import Recipient, plan

AGENT = {"id": 7, "name": "Mette", "email": "mette@gentofte.dk", "phone": None}
LINKED_BY = {"id": 7, "name": "Mette", "email": "mette@gentofte.dk"}


def test_the_agent_hears_of_the_initiators_reply():
    [planned] = plan("case.initiator_replied", {"agent": AGENT, "text": "Nyt"}, None)
    assert (planned.template, planned.recipient.email) == ("case_initiator_replied", AGENT["email"])
    assert planned.recipient.kind == "staff" and planned.recipient.reply_url is None


def test_a_reply_on_an_unassigned_case_mails_nobody():
    assert plan("case.initiator_replied", {"agent": None, "text": "Nyt"}, None) == []


def link(kind, email=None):
    return {"linked_by": LINKED_BY, "link": {"kind": kind, "label": "Bo", "email": email}}


def test_only_a_linked_colleague_is_mailed():
    [planned] = plan("case.linked", link("colleague", "bo@gentofte.dk"), None)
    assert planned.template == "case_linked_colleague"
    assert (planned.recipient.email, planned.recipient.name) == ("bo@gentofte.dk", "Bo")
    for kind in ("case", "association", "council"):
        assert plan("case.linked", link(kind), None) == []
    assert plan("case.linked", link("colleague", None), None) == []


def test_the_receipt_carries_the_initiators_link():
    data = {
        "initiator": {"email": "anna@example.dk", "name": "Anna"},
        "language": "en",
        "submitted_at": "2026-11-23T09:00:00Z",
        "reply_url": "http://x/svar/t",
    }
    [receipt] = plan("idea.submitted", data, None)
    assert receipt.recipient == Recipient(
        "anna@example.dk", "Anna", "citizen", "en", "http://x/svar/t"
    )
