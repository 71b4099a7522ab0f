"""Domain errors carry no HTTP status; the web layer maps them, the same for every service."""

from sammen.errors import Conflict, DomainError, NotFound, Refused
from sammen.web.errors import as_http, status_for


class PastDeadline(Refused):
    field, message = "deadline", "The hearing is not open for answers."


class KeyInUse(Conflict):
    field = "Idempotency-Key"


def test_each_kind_of_refusal_has_its_status():
    assert status_for(NotFound("No hearing has that id.")) == 404
    assert status_for(KeyInUse("in progress")) == 409
    assert status_for(PastDeadline()) == 422
    assert status_for(DomainError("anything else")) == 422


def test_refused_input_names_its_field_as_the_schemas_do():
    http = as_http(PastDeadline())
    assert http.code == 422
    assert http.data == {
        "message": "deadline: The hearing is not open for answers.",
        "errors": {"json": {"deadline": ["The hearing is not open for answers."]}},
    }


def test_a_conflict_s_message_is_led_by_its_field_and_the_raise_site_words_it():
    http = as_http(KeyInUse("a request with this key is in progress."))
    assert http.code == 409
    assert http.data == {"message": "Idempotency-Key: a request with this key is in progress."}
    assert str(KeyInUse("x")) == "Idempotency-Key: x"
