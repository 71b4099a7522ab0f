"""/dev/mail: the development mail sink's mailbox (never registered in production)."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, abort, current_app, render_template

from sammen.notify.mailsink import body_of, list_mails, read_mail
from sammen.notify.pages import mail_html_response

devmail = Blueprint("devmail", __name__, template_folder="templates")


def _folder() -> Path:
    return current_app.config["NOTIFY_CONFIG"].mail_dir


@devmail.get("/dev/mail")
def mailbox() -> str:
    return render_template("notify/devmail.html", mails=list_mails(_folder()))


@devmail.get("/dev/mail/<name>")
def one_mail(name: str) -> str:
    mail = read_mail(_folder(), name) or abort(404)
    return render_template(
        "notify/devmail_one.html",
        name=name,
        headers=list(mail.items()),
        text=body_of(mail, "plain"),
        has_html=body_of(mail, "html") is not None,
    )


@devmail.get("/dev/mail/<name>/html")
def mail_html(name: str) -> Response:
    mail = read_mail(_folder(), name) or abort(404)
    return mail_html_response(body_of(mail, "html") or "")
