"""The realisation's mails, worded here in the recipient's language and delivered by notify.

Updates carry a one-click unsubscribe (they are news a person can stop); the confirmation, the
question to the owner and the answer to the asker are essential and carry none.
"""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _

from sammen.contracts import NotificationRequested
from sammen.formats.realisation import domain
from sammen.formats.realisation.models import Question, Recommendation, Update
from sammen.requested_mail import mail_request

SIGNATURE = "Gentofte Kommune"


def _body(*lines: str) -> str:
    return "\n\n".join([*lines, _("Venlig hilsen") + "\n" + SIGNATURE]) + "\n"


def confirm_following(
    reference: str, email: str, language: str, recommendation: Recommendation, confirm_url: str
) -> NotificationRequested:
    """The double opt-in: following starts only when the link's page is confirmed."""
    with force_locale(language):
        subject = _("Bekræft, at du vil følge: %(title)s", title=recommendation.title)
        text = _body(
            _(
                "Du (eller nogen med din e-mailadresse) har bedt om at følge anbefalingen"
                " »%(title)s« og få besked, når der er nyt.",
                title=recommendation.title,
            ),
            _("Bekræft her: %(url)s", url=confirm_url),
            _("Har du ikke bedt om det, skal du ikke gøre noget. Så hører du ikke mere fra os."),
        )
    return mail_request(
        reference, ("", email), language, "realisation.confirm", subject, text, None
    )


def update_published(
    reference: str,
    recipient: domain.Recipient,
    recommendation: Recommendation,
    update: Update,
    page_url: str,
    unsubscribe_url: str,
) -> NotificationRequested:
    """One update, to one committee member or confirmed follower."""
    with force_locale(recipient.language):
        status = _(domain.STATUS_NAMES[update.status])
        lines = [
            _("Nyt om anbefalingen »%(title)s«:", title=recommendation.title),
            update.text,
            _(
                "Status: %(status)s · fremdrift: %(progress)s %%",
                status=status,
                progress=update.progress,
            ),
        ]
        if update.media_url:
            lines.append(_("Hør eller se mere: %(url)s", url=update.media_url))
        lines += [
            _("Læs mere: %(url)s", url=page_url),
            _(
                "Vil du ikke have flere mails om anbefalingen, kan du afmelde dig her: %(url)s",
                url=unsubscribe_url,
            ),
        ]
        subject = _("Nyt om: %(title)s", title=recommendation.title)
        text = _body(*lines)
    to = (recipient.name, recipient.email)
    return mail_request(
        reference, to, recipient.language, "realisation.update", subject, text, unsubscribe_url
    )


def question_to_owner(
    question: Question, recommendation: Recommendation, staff_url: str, due: str
) -> NotificationRequested:
    """The owner hears of a question (in Danish: a work mail), with its deadline."""
    with force_locale("da"):
        subject = _("Nyt spørgsmål om: %(title)s", title=recommendation.title)
        text = _body(
            _("Kære %(name)s", name=recommendation.responsible_name),
            _(
                "En borger har stillet et spørgsmål om anbefalingen »%(title)s«, som du er"
                " ansvarlig for:",
                title=recommendation.title,
            ),
            question.text,
            _("Svar senest %(due)s her: %(url)s", due=due, url=staff_url),
        )
    to = (recommendation.responsible_name, recommendation.responsible_email)
    return mail_request(
        f"realisation.question:{question.id}", to, "da", "realisation.question", subject, text
    )


def question_answered(
    question: Question, recommendation: Recommendation, page_url: str
) -> NotificationRequested:
    """The asker hears the answer; the page shows it without their name."""
    with force_locale(question.language):
        subject = _("Svar på dit spørgsmål om: %(title)s", title=recommendation.title)
        text = _body(
            _("Kære %(name)s", name=question.asker_name),
            _("Du spurgte om »%(title)s«:", title=recommendation.title),
            question.text,
            _("Svaret fra %(name)s:", name=recommendation.responsible_name),
            question.answer or "",
            _(
                "Spørgsmålet og svaret vises på anbefalingens side, uden dit navn: %(url)s",
                url=page_url,
            ),
        )
    to = (question.asker_name, question.asker_email)
    return mail_request(
        f"realisation.answer:{question.id}",
        to,
        question.language,
        "realisation.answer",
        subject,
        text,
    )
