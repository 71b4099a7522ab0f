"""The mail templates: Danish, HTML and plain text, versioned, each with sample data for the preview.

A template lives in `templates/mail/<name>/v<version>.{subject.txt,txt,html}`. Changing a mail's
wording means adding the next version and raising `version` here, so each stored message still
names the exact text it was sent with.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from babel.dates import format_date, format_datetime
from jinja2 import Environment, FileSystemLoader, select_autoescape

from sammen.notify.domain import COPENHAGEN, deadline_day, parse_time

MAIL_TEMPLATES = Path(__file__).parent / "templates" / "mail"


@dataclass(frozen=True)
class MailTemplate:
    name: str
    version: int
    essential: bool  # essential mails (receipts, case answers) carry no unsubscribe
    title: str  # for the staff preview
    sample: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def _danish_date(value: date | str | None) -> str:
    if isinstance(value, str):
        parsed = parse_time(value)
        value = parsed.astimezone(COPENHAGEN).date() if parsed else None
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(COPENHAGEN).date()
    return format_date(value, format="EEEE 'den' d. MMMM y", locale="da")


def _deadline(value: str | None) -> str:
    moment = parse_time(value)
    return _danish_date(deadline_day(moment)) if moment else ""


def _danish_time(value: datetime | str | None) -> str:
    moment = parse_time(value) if isinstance(value, str) else value
    if moment is None:
        return ""
    return format_datetime(
        moment.astimezone(COPENHAGEN), format="EEEE 'den' d. MMMM y 'kl.' HH.mm", locale="da"
    )


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(MAIL_TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["dato"] = _danish_date
    env.filters["tidspunkt"] = _danish_time
    env.filters["frist"] = _deadline
    return env


_ENV = _environment()

_AGENT = {
    "id": 7,
    "name": "Mette Sparring",
    "email": "mette.sparring@gentofte.dk",
    "phone": "39 98 00 00",
}
_CASE = {
    "case_id": "b6a1c7f2-0000-4000-8000-000000000001",
    "idea_id": "5f0e7c1a-0000-4000-8000-000000000002",
    "tracking_code": "ACDE-FHJK",
    "title": "Bytte-reol på biblioteket",
}
_MEETING = {
    "event_id": "e1",
    "title": "Temamøde om stier i Ordrup Krat",
    "starts_at": "2026-12-10T17:00:00Z",
    "location": "Ordrup Skole, aulaen",
    "url": "http://localhost:8004/events/e1",
    "cancel_url": "http://localhost:8004/tilmelding/afmeld/eksempel",
}

TEMPLATES: dict[str, MailTemplate] = {
    t.name: t
    for t in (
        MailTemplate(
            "receipt",
            1,
            True,
            "Kvittering til initiativtageren",
            {
                **_CASE,
                "status_url": "http://localhost:8001/status/ACDE-FHJK",
                "due": date(2026, 12, 4),
                "recipient_name": "Anna Jensen",
            },
        ),
        MailTemplate(
            "case_assigned_initiator",
            1,
            True,
            "Initiativtageren får sin sparringsagent",
            {
                **_CASE,
                "agent": _AGENT,
                "first_response_due": "2026-12-04T23:00:00Z",
                "recipient_name": "Anna Jensen",
                "reassigned": False,
            },
        ),
        MailTemplate(
            "case_assigned_agent",
            1,
            False,
            "Sparringsagenten får en ny sag",
            {
                **_CASE,
                "agent": _AGENT,
                "first_response_due": "2026-12-04T23:00:00Z",
                "theme": "kultur-og-fritid",
                "recipient_name": "Mette Sparring",
                "reassigned": False,
            },
        ),
        MailTemplate(
            "case_status_changed",
            1,
            True,
            "Svar fra sparringsagenten til initiativtageren",
            {
                **_CASE,
                "agent": _AGENT,
                "from_name": "Tildelt",
                "to_name": "I dialog",
                "message": "Tak for en god idé. Jeg ringer dig op på torsdag, så vi kan tale om næste skridt.",
                "recipient_name": "Anna Jensen",
            },
        ),
        MailTemplate(
            "case_sla_at_risk",
            1,
            False,
            "Fristen for første svar nærmer sig",
            {
                **_CASE,
                "agent": _AGENT,
                "first_response_due": "2026-12-04T23:00:00Z",
                "recipient_name": "Mette Sparring",
            },
        ),
        MailTemplate(
            "case_sla_breached",
            1,
            False,
            "Fristen for første svar er overskredet (til koordinatorer)",
            {
                **_CASE,
                "agent": _AGENT,
                "first_response_due": "2026-12-04T23:00:00Z",
                "recipient_name": "Kim Koordinator",
            },
        ),
        MailTemplate(
            "event_changed",
            1,
            True,
            "Et møde, man er tilmeldt, er ændret",
            {**_MEETING, "changes": ["starts_at", "location"], "recipient_name": "Bo Hansen"},
        ),
        MailTemplate(
            "event_cancelled",
            1,
            True,
            "Et møde, man er tilmeldt, er aflyst",
            {
                **_MEETING,
                "reason": "Skolen er lukket på grund af vandskade.",
                "recipient_name": "Bo Hansen",
            },
        ),
        MailTemplate(
            "registration_created",
            1,
            True,
            "Bekræftelse af tilmelding (eller venteliste)",
            {
                **_MEETING,
                "registration_id": "r1",
                "status": "confirmed",
                "recipient_name": "Bo Hansen",
            },
        ),
        MailTemplate(
            "registration_promoted",
            1,
            True,
            "En plads på ventelisten er blevet ledig",
            {
                **_MEETING,
                "registration_id": "r1",
                "status": "confirmed",
                "recipient_name": "Bo Hansen",
            },
        ),
        MailTemplate(
            "idea_joined_initiator",
            1,
            False,
            "Nogen vil være med i initiativtagerens idé",
            {
                **_CASE,
                "join_id": "j1",
                "offer": "help",
                "offer_text": "vil give en hånd med",
                "message": "Jeg har en trailer og kan hente reoler.",
                "helper": {"name": "Lars Nabo", "email": "lars@example.dk"},
                "agent": _AGENT,
                "idea_url": "http://localhost:8011/ideer/j1",
                "recipient_name": "Anna Jensen",
            },
        ),
        MailTemplate(
            "idea_joined_agent",
            1,
            False,
            "Nogen vil være med i en idé, sparringsagenten har",
            {
                **_CASE,
                "join_id": "j1",
                "offer": "help",
                "offer_text": "vil give en hånd med",
                "message": "Jeg har en trailer og kan hente reoler.",
                "helper": {"name": "Lars Nabo", "email": "lars@example.dk"},
                "agent": _AGENT,
                "idea_url": "http://localhost:8011/ideer/j1",
                "recipient_name": "Mette Sparring",
            },
        ),
        MailTemplate(
            "digest",
            1,
            False,
            "Daglig samlet besked",
            {
                "recipient_name": "Mette Sparring",
                "day": date(2026, 12, 3),
                "items": [
                    {
                        "subject": "Ny sag: Bytte-reol på biblioteket (ACDE-FHJK)",
                        "text": "Du er sparringsagent på en ny idé.",
                    },
                    {
                        "subject": "Fristen nærmer sig: ACDE-FHJK",
                        "text": "Første svar skal gives senest fredag den 4. december 2026.",
                    },
                ],
            },
        ),
    )
}


def render(name: str, version: int, context: dict[str, Any]) -> Rendered:
    """The subject, plain text and HTML of one template version with `context`."""
    base = f"{name}/v{version}"
    subject = _ENV.get_template(f"{base}.subject.txt").render(context)
    return Rendered(
        subject=" ".join(subject.split()),
        text=_ENV.get_template(f"{base}.txt").render(context).strip() + "\n",
        html=_ENV.get_template(f"{base}.html").render(context),
    )


def link_context(base_urls: Mapping[str, str], data: Mapping[str, Any]) -> dict[str, Any]:
    """Links the templates build on: the notify settings page and the agent's case page."""
    links: dict[str, Any] = {"base_url_notify": base_urls["notify"]}
    if data.get("case_id"):
        links["case_url"] = f"{base_urls['routing']}/sager/{data['case_id']}"
    return links


def render_sample(name: str, base_urls: Mapping[str, str]) -> Rendered:
    """A template rendered with its sample data, for the staff preview."""
    template = TEMPLATES[name]
    context = {**template.sample, **link_context(base_urls, template.sample)}
    if not template.essential:
        context["unsubscribe_url"] = f"{base_urls['notify']}/afmeld/eksempel"
    return render(name, template.version, context)
