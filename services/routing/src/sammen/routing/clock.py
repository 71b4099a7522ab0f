"""The clock of the quick answer: the first answer is due within Danish working days, at risk a
working day before, breached after (the shared clock of `sammen.workdays`)."""

from __future__ import annotations

from sammen.workdays import Deadline
from sammen.workdays import answer_deadline as first_response_deadline
from sammen.workdays import deadline_state as sla_state

__all__ = ["Deadline", "first_response_deadline", "sla_state"]
