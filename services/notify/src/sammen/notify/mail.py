"""The mail templates: HTML and plain text, versioned, each with sample data for the preview.

A template lives in `templates/mail/<name>/v<version>.{subject.txt,txt,html}`. Changing a mail's
wording means adding the next version and raising `version` here, so each stored message still
names the exact text it was sent with.

Texts are Danish msgids (`_()`), rendered in the recipient's language with Flask-Babel's
`force_locale`: citizens in the language they wrote to us in, staff in Danish. The worker renders
outside any request, so rendering brings its own app context with notify's and the shared catalogs.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from babel.dates import format_date, format_datetime
from flask import Flask, current_app, has_app_context
from flask_babel import Babel, force_locale, get_locale, gettext, ngettext
from jinja2 import Environment, FileSystemLoader, select_autoescape

import sammen.web
from sammen.notify.domain import (
    COPENHAGEN,
    DEFAULT_LANGUAGE,
    HISTORY_KINDS,
    deadline_day,
    language_of,
    parse_time,
)
from sammen.vocabulary import CASE_STATUSES, N_

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


# Dates as each language writes them, always on Copenhagen's clock.
_DATE_FORMATS = {"da": "EEEE 'den' d. MMMM y", "en": "EEEE d MMMM y"}
_TIME_FORMATS = {"da": "EEEE 'den' d. MMMM y 'kl.' HH.mm", "en": "EEEE d MMMM y 'at' HH:mm"}


def _language() -> str:
    """The language being rendered (set by `force_locale` in `render`)."""
    locale = get_locale()
    return language_of(locale.language if locale else None)


def _local_date(value: date | str | None) -> str:
    if isinstance(value, str):
        parsed = parse_time(value)
        value = parsed.astimezone(COPENHAGEN).date() if parsed else None
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(COPENHAGEN).date()
    language = _language()
    return format_date(value, format=_DATE_FORMATS[language], locale=language)


def _deadline(value: str | None) -> str:
    moment = parse_time(value)
    return _local_date(deadline_day(moment)) if moment else ""


def _local_time(value: datetime | str | None) -> str:
    moment = parse_time(value) if isinstance(value, str) else value
    if moment is None:
        return ""
    language = _language()
    return format_datetime(
        moment.astimezone(COPENHAGEN), format=_TIME_FORMATS[language], locale=language
    )


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(MAIL_TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    # A method the i18n extension adds at run time, which Jinja's types do not declare.
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters["dato"] = _local_date
    env.filters["tidspunkt"] = _local_time
    env.filters["frist"] = _deadline
    # A vocabulary word the event gave in Danish (a status, an offer), in the mail's language.
    env.filters["oversat"] = lambda text: gettext(text) if text else ""
    # The words a case's history is told in (Danish msgids, translated with `oversat`).
    env.globals["history_kinds"] = HISTORY_KINDS
    env.globals["case_statuses"] = CASE_STATUSES
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
# Someone joining an idea on the idea board: to its initiator and to its agent alike.
_JOINED = {
    **_CASE,
    "join_id": "j1",
    "offer": "help",
    "offer_text": "vil give en hånd med",
    "message": "Jeg har en trailer og kan hente reoler.",
    "helper": {"name": "Lars Nabo", "email": "lars@example.dk"},
    "agent": _AGENT,
    "idea_url": "http://localhost:8011/ideer/j1",
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
            N_("Kvittering til initiativtageren"),
            {
                **_CASE,
                "status_url": "http://localhost:8001/status/ACDE-FHJK",
                "reply_url": "http://localhost:8001/svar/eksempel",
                "due": date(2026, 12, 4),
                "recipient_name": "Anna Jensen",
            },
        ),
        MailTemplate(
            "case_assigned_initiator",
            1,
            True,
            N_("Initiativtageren får sin sparringsagent"),
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
            N_("Sparringsagenten får en ny sag"),
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
            N_("Svar fra sparringsagenten til initiativtageren"),
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
            "case_handed_over",
            1,
            False,
            N_("Den, der overtager en idé, får idéen og forløbet"),
            {
                **_CASE,
                "description": "En reol hvor naboer bytter bøger, spil og frø.",
                "agent": _AGENT,
                "responsible": {
                    "unit": "Gentofte Bibliotekerne",
                    "name": "Ida Bog",
                    "email": "ida.bog@gentofte.dk",
                },
                "message": "Biblioteket tager over herfra og kontakter dig i næste uge.",
                "initiator": {
                    "name": "Anna Jensen",
                    "email": "anna.jensen@example.dk",
                    "phone": None,
                    "organisation": None,
                },
                "history": [
                    {"at": "2026-11-23T09:00:00Z", "kind": "submitted", "to": None, "text": None},
                    {"at": "2026-11-24T10:00:00Z", "kind": "status_changed", "to": "handed_over"},
                ],
                "recipient_name": "Ida Bog",
            },
        ),
        MailTemplate(
            "case_initiator_replied",
            1,
            False,
            N_("Initiativtageren har skrevet til sagen (til sparringsagenten)"),
            {
                **_CASE,
                "agent": _AGENT,
                "text": "Vi har nu fået lov af biblioteket til at stille reolen op i foyeren.",
                "replied_at": "2026-12-02T08:30:00Z",
                "recipient_name": "Mette Sparring",
            },
        ),
        MailTemplate(
            "case_linked_colleague",
            1,
            False,
            N_("En kollega bliver koblet til en sag"),
            {
                **_CASE,
                "theme": "kultur-og-fritid",
                "linked_at": "2026-12-02T08:30:00Z",
                "linked_by": {
                    "id": 7,
                    "name": "Mette Sparring",
                    "email": "mette.sparring@gentofte.dk",
                },
                "link": {
                    "kind": "colleague",
                    "target": "12",
                    "label": "Bo Kristensen",
                    "email": "bo.kristensen@gentofte.dk",
                },
                "recipient_name": "Bo Kristensen",
            },
        ),
        MailTemplate(
            "case_sla_at_risk",
            1,
            False,
            N_("Fristen for første svar nærmer sig"),
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
            N_("Fristen for første svar er overskredet (til koordinatorer)"),
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
            N_("Et møde, man er tilmeldt, er ændret"),
            {**_MEETING, "changes": ["starts_at", "location"], "recipient_name": "Bo Hansen"},
        ),
        MailTemplate(
            "event_cancelled",
            1,
            True,
            N_("Et møde, man er tilmeldt, er aflyst"),
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
            N_("Bekræftelse af tilmelding (eller venteliste)"),
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
            N_("En plads på ventelisten er blevet ledig"),
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
            N_("Nogen vil være med i initiativtagerens idé"),
            {**_JOINED, "recipient_name": "Anna Jensen"},
        ),
        MailTemplate(
            "idea_joined_agent",
            1,
            False,
            N_("Nogen vil være med i en idé, sparringsagenten har"),
            {**_JOINED, "recipient_name": "Mette Sparring"},
        ),
        MailTemplate(
            "digest",
            1,
            False,
            N_("Daglig samlet besked"),
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


@functools.cache
def _mail_app() -> Flask:
    """Babel for mails rendered outside the web app (the worker): the catalogs the pages use."""
    app = Flask("sammen.notify")
    app.config.update(
        BABEL_DEFAULT_LOCALE=DEFAULT_LANGUAGE,
        BABEL_TRANSLATION_DIRECTORIES=";".join(
            str(folder / "translations")
            for folder in (Path(app.root_path), Path(sammen.web.__file__).parent)
        ),
    )
    Babel(app)
    return app


@contextmanager
def _in_language(language: str) -> Iterator[None]:
    if has_app_context() and "babel" in current_app.extensions:
        with force_locale(language):
            yield
    else:
        with _mail_app().app_context(), force_locale(language):
            yield


def render(
    name: str, version: int, context: dict[str, Any], language: str = DEFAULT_LANGUAGE
) -> Rendered:
    """The subject, plain text and HTML of one template version with `context`, in `language`."""
    base = f"{name}/v{version}"
    language = language_of(language)
    context = {**context, "language": language}
    with _in_language(language):
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


def render_sample(
    name: str, base_urls: Mapping[str, str], language: str = DEFAULT_LANGUAGE
) -> Rendered:
    """A template rendered with its sample data, for the staff preview."""
    template = TEMPLATES[name]
    context = {**template.sample, **link_context(base_urls, template.sample)}
    if not template.essential:
        context["unsubscribe_url"] = f"{base_urls['notify']}/afmeld/eksempel"
    return render(name, template.version, context, language)
