"""The API's blueprints: flask-smorest's, with a query string read strictly."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import flask_smorest
from marshmallow import Schema, ValidationError, fields
from webargs.flaskparser import FlaskParser

REPEATED = "Give this parameter once: it takes one value."


class OneValueQueryParser(FlaskParser):
    """webargs reads the first of a query parameter given twice (`?organizer=a&organizer=b`) for
    a field of one value and leaves the rest unread, unchecked: refused here, naming it."""

    def pre_load(
        self, location_data: Mapping[str, Any], *, schema: Schema, req: Any, location: str
    ) -> Mapping[str, Any]:
        given_twice = [name for name, values in req.args.lists() if len(values) > 1]
        if location == "query" and given_twice:
            by_name = {field.data_key or name: field for name, field in schema.fields.items()}
            repeated = {
                name: [REPEATED]
                for name in given_twice
                if name in by_name and not isinstance(by_name[name], fields.List | fields.Tuple)
            }
            if repeated:
                raise ValidationError(repeated)
        return location_data


class Blueprint(flask_smorest.Blueprint):
    """A flask-smorest blueprint whose arguments are read by `OneValueQueryParser`."""

    ARGUMENTS_PARSER = OneValueQueryParser()
