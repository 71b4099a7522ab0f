"""The sender is woken by a new mail instead of waiting for its interval."""

from __future__ import annotations

from sammen.notify import handlers
from sammen.notify.app import create_app
from sammen.notify.jobs import build_jobs
from sammen.notify.settings import notify_config
from sammen.testing import publish_event, running_worker, wait_for, wired_worker

from .conftest import idea_submitted, messages, notify_settings_env


def test_a_new_mail_is_sent_at_once_though_the_interval_is_an_hour(
    service_env, database_url, amqp_url, smtp_server
):
    service_env(
        "notify",
        database_url,
        **notify_settings_env(smtp_server, NOTIFY_SEND_INTERVAL_SECONDS="3600"),
    )
    app = create_app()
    settings = app.config["SAMMEN_SETTINGS"]
    jobs = build_jobs(app.config["SAMMEN_DATABASE"], settings, notify_config(settings))
    worker = wired_worker(handlers, app, jobs)
    ideas = [idea_submitted(email=f"borger{n}@example.dk") for n in range(3)]
    try:
        with running_worker(worker):
            # The sender's first round (at start) found nothing; only the new mails wake it now.
            for idea in ideas:
                publish_event(amqp_url, idea)
            for n in range(3):
                wait_for(lambda n=n: smtp_server.to(f"borger{n}@example.dk"), what=f"mail {n}")
            wait_for(lambda: len(messages(app, status="delivered")) == 3, what="every one recorded")
    finally:
        app.config["SAMMEN_DATABASE"].dispose()
    assert sorted(m.event_id for m in messages(app)) == sorted(i.id for i in ideas)
