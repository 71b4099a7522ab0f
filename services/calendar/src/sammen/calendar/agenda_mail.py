"""The mail that tells a council's secretaries of a proposed agenda item, worded for notify.

Notify delivers it through its generic contract (`notification.requested`); staff are written to
in Danish, as notify's own staff mails are. The worker words it outside any request, so the
texts come straight from the calendar's catalogs.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from babel.support import NullTranslations, Translations

from sammen.contracts import NotificationRequested, Recipient
from sammen.vocabulary import N_

STAFF_LANGUAGE = "da"
CATEGORY = "calendar.agenda_item"
_CATALOGS = Path(__file__).parent / "translations"


@functools.cache
def _catalog(language: str) -> NullTranslations:
    return Translations.load(str(_CATALOGS), [language])


def _one_line(text: str) -> str:
    # The subject becomes a header: notify refuses a line break there.
    return " ".join(text.split())


def agenda_item_request(
    *,
    item_id: str,
    secretary_email: str,
    council: str,
    tracking_code: str,
    title: str,
    proposed_by: str,
    case_url: str,
    page_url: str,
    language: str = STAFF_LANGUAGE,
) -> NotificationRequested:
    """`notification.requested` for one secretary; the reference makes it one mail."""
    _ = _catalog(language).gettext
    values = {"council": council, "code": tracking_code, "title": title, "agent": proposed_by}
    lines = [
        _(N_("Til sekretæren for %(council)s")) % values,
        _(
            N_(
                "%(agent)s har koblet sagen %(code)s »%(title)s« til %(council)s og foreslår"
                " den som punkt til rådets dagsorden."
            )
        )
        % values,
        _(N_("Sagen: %(url)s")) % {"url": case_url} if case_url else "",
        _(N_("Alle foreslåede punkter: %(url)s")) % {"url": page_url},
        _(N_("Venlig hilsen")) + "\nSammen, Gentofte Kommune",
    ]
    subject = _(N_("Foreslået punkt til dagsordenen for %(council)s: %(title)s")) % values
    addressee = hashlib.sha256(secretary_email.encode()).hexdigest()[:16]
    return NotificationRequested(
        reference=f"agenda-item:{item_id}:{addressee}",
        to=Recipient(name=None, email=secretary_email),
        language=language,
        subject=_one_line(subject),
        text="\n\n".join(line for line in lines if line) + "\n",
        category=CATEGORY,
    )
