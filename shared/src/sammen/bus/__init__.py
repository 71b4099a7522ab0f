"""The event spine: CloudEvents on one topic exchange, a transactional outbox, reliable consumers."""

from sammen.bus.envelope import Event, InvalidEvent, new_event
from sammen.bus.outbox import emit, emit_all

__all__ = ["Event", "InvalidEvent", "emit", "emit_all", "new_event"]
