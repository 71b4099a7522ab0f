"""Høring: the public hearing pilot format (its own process, port 8012)."""
