"""CSV files for staff to open in Danish Excel: semicolons, a BOM, and no cell that runs as a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse(value: str) -> str:
    """A cell starting like a formula would run in a spreadsheet (CSV injection): quote it."""
    return "'" + value if value[:1] in FORMULA_STARTS else value


def semicolon_csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """The header and the rows, every cell defused, as one text with a BOM."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([defuse(cell) for cell in row])
    return "\ufeff" + out.getvalue()
