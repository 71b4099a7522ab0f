"""The API shapes every consultation shares (a hearing, a theme discussion): what it put out and each
part of that, to which each format adds the fields in its own words."""

from __future__ import annotations

from marshmallow import Schema, fields


class ConsultationSchema(Schema):
    """What a consultation put out: its public page (`url`) and, once published, its
    conclusions overall (`summary`)."""

    id = fields.String()
    title = fields.String()
    url = fields.String()
    summary = fields.String(allow_none=True)


class PartSchema(Schema):
    """One part of what a consultation put out (a hearing's section, a discussion's question): its
    id, and its place among the others; each format adds what the part says."""

    id = fields.Integer()
    position = fields.Integer()
