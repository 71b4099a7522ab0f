"""Temadrøftelse: a committee's theme discussion before its meeting (pilot format, port 8014)."""
