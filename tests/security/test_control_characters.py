"""Control characters at the door: every text field of every input schema (the API's arguments
and every form's CleanedInputSchema, in every service) is a Line, which refuses a line break and
any other control character, or a Text, which takes line breaks and tabs but no other one."""

from __future__ import annotations

import importlib
from collections.abc import Iterator

import pytest
from marshmallow import Schema, ValidationError, fields

from sammen.schemas import CleanedInputSchema, Line, Text
from sammen.testing.ideas import INTAKE_AUTH, idea_body
from tests.security.apps import APPS, build, built, row_counts

HEADER_INJECTION = "Eve\r\nBcc: alle@example.dk"
REFUSED_IN_TEXT = ["ring\x07", "esc\x1b[31m", "nel\x85", "del\x7f"]
REFUSED_IN_A_LINE = [
    HEADER_INJECTION,
    "tab\tbed",
    "ny\nlinje",
    "skift\u2028linje",
    *REFUSED_IN_TEXT,
]


def _argument_schemas(service: str, tmp_path) -> Iterator[Schema]:  # type: ignore[no-untyped-def]
    app = build(service, tmp_path)
    try:
        for view in app.view_functions.values():
            for argument in getattr(view, "_apidoc", {}).get("arguments", {}).get("parameters", []):
                schema = argument["schema"]
                yield schema() if isinstance(schema, type) else schema
    finally:
        app.config["SAMMEN_DATABASE"].dispose()


def _form_schemas() -> Iterator[Schema]:
    for module in APPS.values():
        importlib.import_module(module.removesuffix(".app") + ".schemas")
    pending = list(CleanedInputSchema.__subclasses__())
    while pending:
        schema = pending.pop()
        pending += schema.__subclasses__()
        if schema.__module__.startswith("sammen."):  # not a test's own example schema
            yield schema()


def _text_fields(schema: Schema, prefix: str = "") -> Iterator[tuple[str, fields.Field]]:
    """Every field that reads text, nested ones and list items included, by dotted name."""
    for name, field in schema.fields.items():
        if field.dump_only:
            continue
        path = f"{prefix}{name}"
        if isinstance(field, fields.List):
            field, path = field.inner, f"{path}.0"
        if isinstance(field, fields.Nested):
            yield from _text_fields(field.schema, f"{path}.")
        elif isinstance(field, fields.String):
            yield path, field


@pytest.fixture(scope="module")
def input_fields(tmp_path_factory) -> dict[str, fields.Field]:  # type: ignore[no-untyped-def]
    schemas = list(_form_schemas())
    for service in APPS:
        schemas += _argument_schemas(service, tmp_path_factory.mktemp(service))
    return {
        f"{type(schema).__name__}.{path}": field
        for schema in schemas
        for path, field in _text_fields(schema)
    }


def _refusal(field: fields.Field, value: str) -> list[str]:
    try:
        field.deserialize(value)
    except ValidationError as error:
        return error.messages  # type: ignore[return-value]
    return []


def _taking(found: dict[str, fields.Field], values: list[str], message: str) -> list[str]:
    """Each value a field takes, or refuses with anything but `message` alone."""
    return [
        f"{name} took {value!r}"
        for name, field in found.items()
        for value in values
        if _refusal(field, value) != [message]
    ]


def test_every_text_field_of_an_input_schema_is_a_line_or_a_text(input_fields):
    assert len(input_fields) > 40, sorted(input_fields)
    plain = [name for name, field in input_fields.items() if not isinstance(field, Line | Text)]
    assert not plain, f"text fields that take any character: {plain}"


def test_a_line_refuses_every_control_character(input_fields):
    lines = {name: field for name, field in input_fields.items() if isinstance(field, Line)}
    taken = _taking(lines, REFUSED_IN_A_LINE, Line.default_error_messages["control_character"])
    assert lines and not taken, "\n".join(taken)


def test_a_text_takes_line_breaks_and_tabs_but_no_other_control_character(input_fields):
    texts = {name: field for name, field in input_fields.items() if isinstance(field, Text)}
    message = Text.default_error_messages["control_character"]
    wrong = _taking(texts, REFUSED_IN_TEXT, message)
    wrong += [
        f"{name} refused line breaks"
        for name, field in texts.items()
        if message in _refusal(field, "Første linje\r\nanden\tlinje\nsidste")
    ]
    assert texts and not wrong, "\n".join(wrong)


def test_intake_refuses_a_line_break_in_the_initiators_name_and_stores_nothing(tmp_path):
    idea = idea_body(
        description="Flere bænke på stien,\r\nså ældre kan gå turen med pauser.",
        initiator={"name": HEADER_INJECTION, "email": "eve@example.dk"},
    )
    with built("intake", tmp_path) as app:
        client = app.test_client()
        before = row_counts(app)
        refused = client.post("/api/v1/ideas", json=idea, headers=INTAKE_AUTH)
        after = row_counts(app)
        idea["initiator"]["name"] = "Eve Jensen"
        accepted = client.post("/api/v1/ideas", json=idea, headers=INTAKE_AUTH)
    assert refused.status_code == 422
    assert refused.json["errors"] == {
        "json": {"initiator": {"name": [Line.default_error_messages["control_character"]]}}
    }
    assert after == before
    assert accepted.status_code == 201, accepted.text  # the description's line break is fine
