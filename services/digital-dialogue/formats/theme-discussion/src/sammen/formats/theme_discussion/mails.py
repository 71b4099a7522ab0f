"""The theme discussion's own mails, worded here and delivered by notify (`notification.requested`).

Each is written in the contributor's language (`force_locale`) and carries a reference that names
what it answers, so a repeated publication never mails anyone twice.
"""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _

from sammen.contracts import NotificationRequested
from sammen.formats.theme_discussion.domain import Contributor
from sammen.formats.theme_discussion.models import Discussion, Question
from sammen.pilot_formats.mails import to_contributor
from sammen.requested_mail import one_line

SIGNATURE = "Gentofte Kommune"


def receipt(
    discussion: Discussion, question: Question, contributor: Contributor, url: str
) -> NotificationRequested:
    """The receipt for one answer."""
    with force_locale(contributor.language):
        lines = [
            _("Kære %(name)s", name=one_line(contributor.name)),
            _(
                "Tak for dit svar til %(committee)s om »%(title)s«. Vi har modtaget det.",
                committee=discussion.committee,
                title=discussion.title,
            ),
            _("Du svarede på spørgsmålet: %(question)s", question=question.text),
            _(
                "Udvalget læser svarene før sit møde. Dit svar vises på siden uden dit navn, når"
                " en moderator har set det. Din e-mail vises aldrig."
            ),
            _("Når udvalget har konkluderet, får du besked med et link til konklusionerne."),
            _("Temadrøftelsen: %(url)s", url=url),
            _("Venlig hilsen") + "\n" + SIGNATURE,
        ]
        subject = _("Tak for dit svar: %(title)s", title=discussion.title)
    return to_contributor(contributor, "theme_discussion.receipt", subject, lines)


def concluded(discussion: Discussion, contributor: Contributor, url: str) -> NotificationRequested:
    """The word to a contributor that the committee's conclusions are out, with a link to them."""
    conclusions_url = f"{url}#konklusioner"
    with force_locale(contributor.language):
        lines = [
            _("Kære %(name)s", name=one_line(contributor.name)),
            _(
                "Tak, fordi du deltog i temadrøftelsen »%(title)s«. %(committee)s har nu"
                " offentliggjort sine konklusioner, spørgsmål for spørgsmål.",
                title=discussion.title,
                committee=discussion.committee,
            ),
            _("Læs konklusionerne: %(url)s", url=conclusions_url),
            _("Venlig hilsen") + "\n" + SIGNATURE,
        ]
        subject = _("Udvalgets konklusioner: %(title)s", title=discussion.title)
    return to_contributor(contributor, "theme_discussion.concluded", subject, lines)
