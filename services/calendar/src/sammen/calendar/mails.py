"""The calendar's own mails for closed and joint meetings and Gentofte Talks proposals, worded
here and delivered by notify (`notification.requested`).

A registrant's language is not recorded at sign-up, so their mails carry Danish and then
English; a proposer chose a language on the form and gets that one. Each mail's reference names
what it answers, so a repeated request never mails anyone twice.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from sammen.bus import emit
from sammen.calendar import SERVICE
from sammen.calendar.times import to_local
from sammen.contracts import NotificationRequested, Recipient
from sammen.web import LANGUAGES

SIGNATURE = "Gentofte Kommune"
Writer = Callable[[], tuple[str, str]]  # a mail's subject and text, in the active language


def _one_line(text: str) -> str:
    # Subjects and names become mail headers: a line break there would be refused by notify.
    return " ".join(text.split())


def _when(value: datetime) -> str:
    return f"{to_local(value):%d.%m.%Y %H.%M}"


def request(
    reference: str,
    to: dict[str, Any],
    language: str,
    category: str,
    subject: str,
    text: str,
) -> NotificationRequested:
    """The `notification.requested` of one mail."""
    return NotificationRequested(
        reference=reference,
        to=Recipient(name=_one_line(to.get("name") or "") or None, email=to["email"]),
        language=language,
        subject=_one_line(subject),
        text=text,
        category=category,
    )


def to_registrant(
    session: Session,
    category: str,
    registration_id: str,
    person: dict[str, Any],
    write: Writer,
    now: datetime,
) -> None:
    """Ask notify to mail a registrant, in Danish and English; the reference names the
    registration, so a repeated request never mails them twice."""
    subject, text = written(write)
    mail = request(f"{category}:{registration_id}", person, "da", category, subject, text)
    emit(session, mail.to_event(SERVICE, now, subject=registration_id))


def _bilingual(write: Writer) -> tuple[str, str]:
    """Subject and text in Danish, then English (the registrant's language is not known)."""
    versions = []
    for language in LANGUAGES:
        with force_locale(language):
            versions.append(write())
    subject = " / ".join(dict.fromkeys(subject for subject, _text in versions))
    return subject, "\n\n— English below —\n\n".join(text for _subject, text in versions)


def _closing(name: str, text: str) -> str:
    return "\n\n".join([_("Kære %(name)s", name=_one_line(name)), text, _("Venlig hilsen")])


def closed(
    title: str, url: str, summary: str, follow_up: list[str], person: dict[str, Any]
) -> Writer:
    """To a registrant who had a place: what the meeting heard and what is taken further."""

    def write() -> tuple[str, str]:
        lines = [
            _("Tak, fordi du deltog i »%(title)s«. Her er, hvad vi hørte:", title=title),
            summary,
        ]
        if follow_up:
            lines.append(_("Det arbejder vi videre med:") + "\n" + "\n".join(follow_up))
        lines.append(_("Læs mere: %(url)s", url=url))
        text = _closing(person.get("name") or "", "\n\n".join(lines)) + "\n" + SIGNATURE + "\n"
        return _("Det hørte vi: %(title)s", title=title), text

    return write


def joined(
    source_title: str,
    joint_title: str,
    joint_start: datetime,
    location: str,
    url: str,
    status: str,
    cancel_url: str,
    person: dict[str, Any],
) -> Writer:
    """To a registrant of a meeting now held as a joint meeting: where their place is now."""

    def write() -> tuple[str, str]:
        place = (
            _("Din tilmelding er flyttet med, og du har en plads.")
            if status == "confirmed"
            else _(
                "Din tilmelding er flyttet med. Du er på ventelisten og får besked, hvis du rykker op."
            )
        )
        lines = [
            _(
                "»%(source)s« holdes nu sammen med andre møder som ét fællesmøde: »%(joint)s«,"
                " %(when)s.",
                source=source_title,
                joint=joint_title,
                when=_when(joint_start),
            ),
            place,
        ]
        if location:
            lines.append(_("Sted: %(location)s", location=location))
        lines += [
            _("Fællesmødet: %(url)s", url=url),
            _("Kan du ikke komme, så afmeld dig her: %(url)s", url=cancel_url),
        ]
        text = _closing(person.get("name") or "", "\n\n".join(lines)) + "\n" + SIGNATURE + "\n"
        return _("Fællesmøde i stedet: %(title)s", title=joint_title), text

    return write


def written(write: Writer, language: str | None = None) -> tuple[str, str]:
    """A mail's subject and text: in `language`, or Danish and English when it is not known."""
    if language is None:
        return _bilingual(write)
    with force_locale(language):
        return write()


def proposal_received(title: str, person: dict[str, Any]) -> Writer:
    def write() -> tuple[str, str]:
        lines = [
            _("Tak for jeres forslag til en Gentofte Talk: »%(title)s«.", title=title),
            _(
                "En koordinator i kommunen læser forslaget og vender tilbage med et svar:"
                " enten en dato i kalenderen eller en begrundelse."
            ),
        ]
        text = _closing(person.get("name") or "", "\n\n".join(lines)) + "\n" + SIGNATURE + "\n"
        return _("Vi har modtaget jeres forslag: %(title)s", title=title), text

    return write


def proposal_for_coordinators(title: str, organisation: str, kind: str, staff_url: str) -> Writer:
    def write() -> tuple[str, str]:
        lines = [
            _(
                "%(organisation)s (%(kind)s) foreslår en Gentofte Talk: »%(title)s«.",
                organisation=organisation,
                kind=kind,
                title=title,
            ),
            _("Godkend eller afvis forslaget her: %(url)s", url=staff_url),
        ]
        text = "\n\n".join(lines) + "\n"
        return _("Nyt forslag til Gentofte Talks: %(title)s", title=title), text

    return write


def proposal_approved(
    title: str, start: datetime, location: str, url: str, person: dict[str, Any]
) -> Writer:
    def write() -> tuple[str, str]:
        lines = [
            _(
                "Jeres forslag »%(title)s« er godkendt og står nu i kalenderen under Gentofte"
                " Talks: %(when)s, %(location)s.",
                title=title,
                when=_when(start),
                location=location,
            ),
            _("Arrangementet: %(url)s", url=url),
        ]
        text = _closing(person.get("name") or "", "\n\n".join(lines)) + "\n" + SIGNATURE + "\n"
        return _("Jeres Gentofte Talk er godkendt: %(title)s", title=title), text

    return write


def proposal_declined(title: str, reason: str, person: dict[str, Any]) -> Writer:
    def write() -> tuple[str, str]:
        lines = [
            _("Tak for jeres forslag til en Gentofte Talk: »%(title)s«.", title=title),
            _("Vi kan desværre ikke sætte det i kalenderen. Begrundelsen er:"),
            reason,
        ]
        text = _closing(person.get("name") or "", "\n\n".join(lines)) + "\n" + SIGNATURE + "\n"
        return _("Svar på jeres forslag: %(title)s", title=title), text

    return write
