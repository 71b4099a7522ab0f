"""Answer templates: the short, shared texts agents start an answer to the initiator from."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sammen.auth import StaffIdentity
from sammen.db import LARGEST_ID
from sammen.routing.domain import check_answer_template
from sammen.routing.errors import NotFound
from sammen.routing.event_data import at_or_now
from sammen.routing.models import AnswerTemplate


def answer_templates(session: Session) -> list[AnswerTemplate]:
    return list(
        session.scalars(
            select(AnswerTemplate).order_by(
                AnswerTemplate.status, AnswerTemplate.language, AnswerTemplate.title
            )
        )
    )


def get_answer_template(session: Session, template_id: int) -> AnswerTemplate:
    # An id beyond what the column holds names no template (the database would overflow).
    if not 1 <= template_id <= LARGEST_ID:
        raise NotFound(str(template_id))
    template = session.get(AnswerTemplate, template_id)
    if template is None:
        raise NotFound(str(template_id))
    return template


def save_answer_template(
    session: Session,
    template: AnswerTemplate | None,
    fields: Mapping[str, str],
    by: StaffIdentity,
    now: datetime | None = None,
) -> AnswerTemplate:
    """Create (`template` None) or change an answer template from `status`, `language`, `title`
    and `text`; refused with AnswerTemplateRefused before anything is stored."""
    status, language = fields.get("status", ""), fields.get("language", "")
    title, text = fields.get("title", "").strip(), fields.get("text", "").strip()
    check_answer_template(status, language, title, text)
    template = template or AnswerTemplate()
    template.status, template.language, template.title, template.text = (
        status,
        language,
        title,
        text,
    )
    template.updated_at, template.updated_by = at_or_now(now), by.id
    session.add(template)
    session.flush()
    return template
