"""The shared calendar: councils', committees' and dialogue formats' meetings, their feeds and sign-ups."""

SERVICE = "calendar"  # the bus source, the privacy reports' and the audit log's service name
