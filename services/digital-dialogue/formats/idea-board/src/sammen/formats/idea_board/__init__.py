"""Idébanken: the idea board pilot format (its own process, port 8011)."""
