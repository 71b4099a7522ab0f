"""The whole platform as `make run` starts it, isolated for tests (see harness.py)."""
