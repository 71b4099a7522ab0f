"""The number of rows an UPDATE or DELETE changed, as a plain int."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, Result


def changed_rows(result: Result[Any]) -> int:
    """`Session.execute` types its result as a plain `Result`; for DML it is a `CursorResult`,
    which alone has `rowcount` (None where the driver cannot tell)."""
    return int(cast("CursorResult[Any]", result).rowcount or 0)
