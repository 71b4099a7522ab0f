"""What the hearing writes to a respondent (`sammen.pilot_formats.consultation.letter` adds the
greeting and the signature, in the respondent's language): the receipt for an answer, and the word
that the høringsnotat is out."""

from __future__ import annotations

from flask_babel import gettext as _

from sammen.contracts import NotificationRequested
from sammen.formats.hearing.domain import Respondent
from sammen.formats.hearing.models import Hearing
from sammen.pilot_formats.consultation import letter


def receipt(
    hearing: Hearing, respondent: Respondent, url: str, public: bool
) -> NotificationRequested:
    """The receipt for one answer."""

    def words() -> tuple[str, list[str]]:
        shown = (
            _(
                "Dit navn (eller din forenings navn) og dit svar bliver vist her, når en"
                " moderator har set det. Din e-mail vises aldrig."
            )
            if public
            else _("Dit svar læses kun af kommunen og bliver ikke vist offentligt.")
        )
        thanks = _(
            "Tak for dit svar til høringen »%(title)s«. Vi har modtaget det.", title=hearing.title
        )
        told = _("Når høringsnotatet er offentliggjort, får du besked med et link til det.")
        return _("Tak for dit høringssvar: %(title)s", title=hearing.title), [
            thanks,
            shown,
            told,
            _("Høringen: %(url)s", url=url),
        ]

    return letter(respondent, "hearing.receipt", words)


def concluded(hearing: Hearing, respondent: Respondent, url: str) -> NotificationRequested:
    """The word to a respondent that the høringsnotat is out, with a link to it."""

    notat_url = f"{url}#hoeringsnotat"

    def words() -> tuple[str, list[str]]:
        published = _(
            "Tak, fordi du svarede på høringen »%(title)s«. Kommunen har nu offentliggjort"
            " høringsnotatet: svaret på høringssvarene, afsnit for afsnit, og om forslaget"
            " ændres.",
            title=hearing.title,
        )
        link = _("Læs høringsnotatet: %(url)s", url=notat_url)
        return _("Høringsnotatet er offentliggjort: %(title)s", title=hearing.title), [
            published,
            link,
        ]

    return letter(respondent, "hearing.concluded", words)
