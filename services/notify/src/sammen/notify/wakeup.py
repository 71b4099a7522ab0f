"""The signal that wakes this process's sender: set once a transaction with a new mail commits."""

from __future__ import annotations

import threading

from sqlalchemy import event
from sqlalchemy.orm import Session

mail_queued = threading.Event()


def after_commit(session: Session) -> None:
    """Wake the sender when `session` commits (a rolled-back mail wakes nobody)."""
    if not session.info.get("wakes_sender"):
        session.info["wakes_sender"] = True
        event.listen(session, "after_commit", lambda _session: mail_queued.set(), once=True)
