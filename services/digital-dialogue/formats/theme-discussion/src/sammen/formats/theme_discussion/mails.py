"""The theme discussion's letters to a contributor, in their language: the receipt names the
question they answered, and the word of the committee's conclusions links to them (the greeting and
the signature come with `sammen.pilot_formats.consultation.letter`)."""

from __future__ import annotations

from flask_babel import gettext as _

from sammen.contracts import NotificationRequested
from sammen.formats.theme_discussion.domain import Contributor
from sammen.formats.theme_discussion.models import Discussion, Question
from sammen.pilot_formats.consultation import letter


def receipt(
    discussion: Discussion, question: Question, contributor: Contributor, url: str
) -> NotificationRequested:
    """The receipt for one answer."""

    def words() -> tuple[str, list[str]]:
        return _("Tak for dit svar: %(title)s", title=discussion.title), [
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
        ]

    return letter(contributor, "theme_discussion.receipt", words)


def concluded(discussion: Discussion, contributor: Contributor, url: str) -> NotificationRequested:
    """The word to a contributor that the committee's conclusions are out, with a link to them."""
    conclusions_url = f"{url}#konklusioner"

    def words() -> tuple[str, list[str]]:
        return _("Udvalgets konklusioner: %(title)s", title=discussion.title), [
            _(
                "Tak, fordi du deltog i temadrøftelsen »%(title)s«. %(committee)s har nu"
                " offentliggjort sine konklusioner, spørgsmål for spørgsmål.",
                title=discussion.title,
                committee=discussion.committee,
            ),
            _("Læs konklusionerne: %(url)s", url=conclusions_url),
        ]

    return letter(contributor, "theme_discussion.concluded", words)
