"""An INSERT of many rows on a hot path, handed to the driver's executemany ready-made."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Connection, Dialect, Insert

_Processors = Mapping[str, Callable[[Any], Any]]
_Prepared = tuple[str, _Processors]


class DriverInsert:
    """`statement` (an INSERT; per database where they differ, e.g. ON CONFLICT) run for many
    rows at once with `Connection.exec_driver_sql`: the driver's executemany (psycopg pipelines
    it), in the connection's transaction.

    SQLAlchemy compiles the statement once per database and set of columns, and each column's
    own bind processor prepares its values, as SQLAlchemy's statement path does. What is left
    out is that path's work on every execute, which for intake's batches cost more than the
    driver and the database together; on PostgreSQL it also wrote a batch as one INSERT of many
    rows, a new text for psycopg to parse on every batch.
    """

    def __init__(self, statement: Insert | Mapping[str, Insert]) -> None:
        self._statements = statement
        self._prepared: dict[tuple[str, tuple[str, ...]], _Prepared] = {}

    def run(self, connection: Connection, rows: list[dict[str, Any]]) -> int:
        """Insert `rows` (each with the same keys, column names) and return how many rows the
        database inserted: fewer than given where ON CONFLICT DO NOTHING passed some over."""
        sql, processors = self._prepare(connection.dialect, tuple(rows[0]))
        if processors:
            rows = [_processed(row, processors) for row in rows]
        return connection.exec_driver_sql(sql, rows).rowcount

    def _prepare(self, dialect: Dialect, columns: tuple[str, ...]) -> _Prepared:
        key = (dialect.name, columns)
        if key not in self._prepared:
            statements = self._statements
            statement = statements if isinstance(statements, Insert) else statements[dialect.name]
            compiled = statement.compile(
                dialect=_with_named_parameters(dialect), column_keys=list(columns)
            )
            table = statement.table
            processors = {
                column: process
                for column in columns
                if (process := table.c[column].type.dialect_impl(dialect).bind_processor(dialect))
            }
            self._prepared[key] = (str(compiled), processors)
        return self._prepared[key]


def _processed(row: dict[str, Any], processors: _Processors) -> dict[str, Any]:
    row = dict(row)
    for column, process in processors.items():
        row[column] = process(row[column])
    return row


def _with_named_parameters(dialect: Dialect) -> Dialect:
    """The dialect, or one like it that writes `:name` placeholders (SQLite's driver takes
    them): the rows are dicts, whatever the driver's default style."""
    if dialect.paramstyle in ("named", "pyformat"):
        return dialect
    return type(dialect)(paramstyle="named")  # type: ignore[call-arg]
