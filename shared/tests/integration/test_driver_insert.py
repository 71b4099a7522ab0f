"""DriverInsert stores rows as SQLAlchemy's own INSERT would, and counts the rows it inserted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import Boolean, Column, MetaData, String, Table, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from sammen.db import UTCDateTime, make_engine
from sammen.db.driver_insert import DriverInsert

_metadata = MetaData()
_ideas = Table(
    "driver_insert_ideas",
    _metadata,
    Column("code", String(9), primary_key=True),
    Column("title", String(120), nullable=False),
    Column("submitted_at", UTCDateTime(), nullable=False),
    Column("consent", Boolean, nullable=False),
    Column("location", String(200)),
)
_INSERT = DriverInsert(
    {
        "sqlite": sqlite.insert(_ideas).on_conflict_do_nothing(index_elements=["code"]),
        "postgresql": postgresql.insert(_ideas).on_conflict_do_nothing(index_elements=["code"]),
    }
)
CPH = timezone(timedelta(hours=1))


def _row(code: str, **changes: object) -> dict[str, object]:
    row = {
        "code": code,
        "title": "Bytte-reol",
        "submitted_at": datetime(2026, 12, 6, 9, 30, 15, 123456, tzinfo=CPH),
        "consent": True,
        "location": None,
    }
    return row | changes


def test_rows_are_stored_exactly_as_sqlalchemys_own_insert_stores_them(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            _metadata.create_all(connection)
            connection.execute(insert(_ideas), [_row("SQLA-0001", consent=False)])
            inserted = _INSERT.run(
                connection, [_row("DRIV-0001", consent=False), _row("DRIV-0002")]
            )
        assert inserted == 2
        with engine.connect() as connection:
            # As the database holds them (SQLite keeps times as text): the same for both paths.
            raw = connection.exec_driver_sql(
                "SELECT code, submitted_at, consent, location FROM driver_insert_ideas ORDER BY code"
            ).all()
            loaded = connection.execute(select(_ideas).order_by(_ideas.c.code)).all()
        by_code = {row[0]: tuple(row[1:]) for row in raw}
        assert by_code["DRIV-0001"] == by_code["SQLA-0001"]
        assert [row.code for row in loaded] == ["DRIV-0001", "DRIV-0002", "SQLA-0001"]
        assert loaded[0].submitted_at == datetime(2026, 12, 6, 8, 30, 15, 123456, tzinfo=UTC)
        assert [row.consent for row in loaded] == [False, True, False]
    finally:
        with engine.begin() as connection:
            _metadata.drop_all(connection)
        engine.dispose()


def test_rows_passed_over_on_conflict_are_not_counted(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            _metadata.create_all(connection)
            assert _INSERT.run(connection, [_row("AAAA-0001")]) == 1
        with engine.begin() as connection:
            taken = _row("AAAA-0001", title="Anden titel")
            assert _INSERT.run(connection, [_row("AAAA-0002"), taken, _row("AAAA-0003")]) == 2
        with engine.connect() as connection:
            rows = connection.execute(select(_ideas.c.code, _ideas.c.title)).all()
        assert sorted(rows) == [
            ("AAAA-0001", "Bytte-reol"),
            ("AAAA-0002", "Bytte-reol"),
            ("AAAA-0003", "Bytte-reol"),
        ]
    finally:
        with engine.begin() as connection:
            _metadata.drop_all(connection)
        engine.dispose()
