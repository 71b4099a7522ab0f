"""The pure parts every pilot format shares (sammen.pilot_formats): who is told once, what a
moderator's decision makes of an answer, the queues a format consumes, and a mail to a contributor."""

import subprocess
import sys

from sammen.contracts import AccessRequested, ContributionModerated, ErasureRequested
from sammen.pilot_formats import contributors
from sammen.pilot_formats.contributors import HIDDEN, PENDING, PUBLISHED, Contributor
from sammen.pilot_formats.mails import to_contributor
from sammen.pilot_formats.queues import moderation_queue
from sammen.privacy import queues as privacy_queues


def test_each_contributor_is_told_once_by_their_first_answer_whatever_the_address_case():
    bent = Contributor("a1", "Bent", "bent@example.dk", "da")
    lis = Contributor("a2", "Lis", "lis@example.dk", "en")
    bent_again = Contributor("a3", "Bent O.", " BENT@example.dk", "da")
    nobody = Contributor("a4", "Uden adresse", "", "da")
    assert contributors.told_once([bent, lis, bent_again, nobody]) == [bent, lis]
    assert contributors.told_once([]) == []


def test_restore_publishes_an_answer_hide_keeps_it_off_and_anything_else_changes_nothing():
    assert contributors.moderation_after(PENDING, "restore") == PUBLISHED
    assert contributors.moderation_after(PUBLISHED, "hide") == HIDDEN
    assert contributors.moderation_after(HIDDEN, "unknown") == HIDDEN


def test_the_contributor_rules_import_without_flask_or_sqlalchemy():
    code = (
        "import sys; import sammen.pilot_formats.contributors; "
        "print(sorted(m for m in ('flask', 'sqlalchemy', 'pika') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_format_consumes_its_moderation_and_privacy_queues_under_its_own_name():
    def handler(session, event):  # the queues only carry it
        raise AssertionError("not called here")

    moderation = moderation_queue("hearing", handler)
    erasure, access = privacy_queues("hearing", handler, handler)
    assert (moderation.name, list(moderation.handlers)) == (
        "hearing.moderation",
        [ContributionModerated.TYPE],
    )
    assert (erasure.name, list(erasure.handlers)) == ("hearing.erasure", [ErasureRequested.TYPE])
    assert (access.name, list(access.handlers)) == ("hearing.access", [AccessRequested.TYPE])


def test_a_mail_to_a_contributor_is_named_by_its_kind_and_their_first_answer():
    lis = Contributor("a2", "Lis Berg", "lis@example.dk", "en")
    mail = to_contributor(lis, "hearing.receipt", "Thanks", ["Dear Lis", "Best regards"])
    assert mail.reference == "hearing.receipt:a2"
    assert (mail.category, mail.language, mail.subject) == ("hearing.receipt", "en", "Thanks")
    assert (mail.to.name, mail.to.email) == ("Lis Berg", "lis@example.dk")
    assert mail.text == "Dear Lis\n\nBest regards\n"
