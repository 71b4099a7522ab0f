"""The generic message contract: what a `notification.requested` event must hold to become a mail."""

from typing import Any

import pytest

from sammen.notify.requested import InvalidRequest, parse_request


def request(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "reference": "hearing.receipt:r-1",
        "to": {"name": "Lis Berg", "email": "lis@example.dk"},
        "language": "en",
        "subject": "Thank you for your response",
        "text": "We have received your response.",
        "category": "hearing.receipt",
    }
    data.update(changes)
    return data


def test_a_complete_request_is_a_message_in_the_recipients_language():
    message = parse_request(request(html="<p>Tak</p>"))
    assert message.reference == "hearing.receipt:r-1"
    assert (message.recipient.email, message.recipient.name) == ("lis@example.dk", "Lis Berg")
    assert (message.recipient.language, message.recipient.kind) == ("en", "citizen")
    assert (message.html, message.category, message.essential) == (
        "<p>Tak</p>",
        "hearing.receipt",
        True,
    )


def test_an_unsubscribe_address_makes_the_message_non_essential():
    message = parse_request(request(unsubscribe_url="https://x.test/afmeld/abc"))
    assert message.unsubscribe_url == "https://x.test/afmeld/abc" and not message.essential


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"to": {"name": "Lis"}}, "to.email"),
        ({"to": {"name": "Lis", "email": "not an address"}}, "to.email"),
        ({"to": {"name": "Lis", "email": "lis@example.dk\r\nBcc: x@evil.test"}}, "to.email"),
        ({"to": None}, "to"),
        ({"to": {"name": "Lis\nBcc: x@evil.test", "email": "lis@example.dk"}}, "to.name"),
        ({"subject": "Tak\r\nBcc: x@evil.test"}, "subject"),
        ({"subject": "x" * 301}, "subject"),
        ({"subject": ""}, "subject"),
        ({"text": None}, "text"),
        ({"language": "de"}, "language"),
        ({"reference": ""}, "reference"),
        ({"category": "Hearing Receipt"}, "category"),
        ({"unsubscribe_url": "javascript:alert(1)"}, "unsubscribe_url"),
        ({"unsubscribe_url": "https://x.test/a>\r\nBcc: y"}, "unsubscribe_url"),
        ({"html": 7}, "html"),
    ],
)
def test_a_request_that_cannot_be_a_safe_mail_is_refused_naming_the_field(changes, field):
    with pytest.raises(InvalidRequest) as refused:
        parse_request(request(**changes))
    assert refused.value.field == field
