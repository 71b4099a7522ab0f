"""The hearing's own mails, worded here and delivered by notify (`notification.requested`).

Each is written in the respondent's language (`force_locale`) and carries a reference that names
what it answers, so a repeated publication never mails anyone twice.
"""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _

from sammen.contracts import NotificationRequested
from sammen.formats.hearing.domain import Respondent
from sammen.formats.hearing.models import Hearing
from sammen.pilot_formats.mails import to_contributor
from sammen.requested_mail import one_line

SIGNATURE = "Gentofte Kommune"


def receipt(
    hearing: Hearing, respondent: Respondent, url: str, public: bool
) -> NotificationRequested:
    """The receipt for one answer."""
    with force_locale(respondent.language):
        shown = (
            _(
                "Dit navn (eller din forenings navn) og dit svar bliver vist her, når en"
                " moderator har set det. Din e-mail vises aldrig."
            )
            if public
            else _("Dit svar læses kun af kommunen og bliver ikke vist offentligt.")
        )
        lines = [
            _("Kære %(name)s", name=one_line(respondent.name)),
            _(
                "Tak for dit svar til høringen »%(title)s«. Vi har modtaget det.",
                title=hearing.title,
            ),
            shown,
            _("Når høringsnotatet er offentliggjort, får du besked med et link til det."),
            _("Høringen: %(url)s", url=url),
            _("Venlig hilsen") + "\n" + SIGNATURE,
        ]
        subject = _("Tak for dit høringssvar: %(title)s", title=hearing.title)
    return to_contributor(respondent, "hearing.receipt", subject, lines)


def concluded(hearing: Hearing, respondent: Respondent, url: str) -> NotificationRequested:
    """The word to a respondent that the høringsnotat is out, with a link to it."""
    notat_url = f"{url}#hoeringsnotat"
    with force_locale(respondent.language):
        lines = [
            _("Kære %(name)s", name=one_line(respondent.name)),
            _(
                "Tak, fordi du svarede på høringen »%(title)s«. Kommunen har nu offentliggjort"
                " høringsnotatet: svaret på høringssvarene, afsnit for afsnit, og om forslaget"
                " ændres.",
                title=hearing.title,
            ),
            _("Læs høringsnotatet: %(url)s", url=notat_url),
            _("Venlig hilsen") + "\n" + SIGNATURE,
        ]
        subject = _("Høringsnotatet er offentliggjort: %(title)s", title=hearing.title)
    return to_contributor(respondent, "hearing.concluded", subject, lines)
