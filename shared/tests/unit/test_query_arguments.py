"""A query parameter given twice where its field takes one value is refused, naming it."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_smorest import Api
from marshmallow import Schema, fields

from sammen.web.arguments import REPEATED, Blueprint


class _Query(Schema):
    organizer = fields.String(load_default=None)
    from_ = fields.String(data_key="from", load_default=None)
    topics = fields.List(fields.String(), load_default=list)


def _client() -> Any:
    app = Flask(__name__)
    app.config.update(API_TITLE="t", API_VERSION="v1", OPENAPI_VERSION="3.0.3")
    blp = Blueprint("events", __name__)

    @blp.route("/events")
    @blp.arguments(_Query, location="query")
    def events(query: dict[str, Any]) -> dict[str, Any]:
        return query

    Api(app).register_blueprint(blp)
    return app.test_client()


def test_a_parameter_of_one_value_given_twice_is_refused_by_name() -> None:
    answer = _client().get("/events?organizer=groent-raad&organizer=%05&from=x&from=y")
    assert answer.status_code == 422
    assert answer.json["errors"] == {"query": {"organizer": [REPEATED], "from": [REPEATED]}}


def test_a_list_takes_many_values_and_a_single_value_is_read_as_before() -> None:
    answer = _client().get("/events?topics=a&topics=b&organizer=groent-raad")
    assert answer.status_code == 200
    assert answer.json == {"organizer": "groent-raad", "from_": None, "topics": ["a", "b"]}
