"""The walk the shared input guard makes over a request's input (sammen.web.input_guard)."""

import pytest

from sammen.web.input_guard import NestedTooDeep, texts_in


def test_every_key_and_text_comes_with_its_path_in_document_order():
    body = {"title": "Bænke", "initiator": {"name": "Ida"}, "sections": [{"heading": "Stier"}]}
    assert list(texts_in(body)) == [
        ("title", "title"),
        ("title", "Bænke"),
        ("initiator", "initiator"),
        ("initiator.name", "name"),
        ("initiator.name", "Ida"),
        ("sections", "sections"),
        ("sections.0.heading", "heading"),
        ("sections.0.heading", "Stier"),
    ]


def test_nesting_up_to_the_bound_is_walked_and_past_it_refused():
    def nested(depth: int) -> object:
        value: object = "x"
        for _ in range(depth):
            value = [value]
        return value

    assert list(texts_in(nested(3), max_depth=3)) == [("0.0.0", "x")]
    with pytest.raises(NestedTooDeep):
        list(texts_in(nested(4), max_depth=3))
    with pytest.raises(NestedTooDeep):
        list(texts_in(nested(100_000)))  # far past Python's recursion limit
