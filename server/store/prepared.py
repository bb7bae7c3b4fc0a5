"""Statements of the redeem hot path, run straight on the SQLite driver.

A redeem runs three small SELECTs before its INSERT. Through SQLAlchemy's execution
machinery each costs several times what SQLite itself needs, and on the 2-core hosts
we target that Python time is the throughput limit. ``Prepared`` compiles a Core
statement once per dialect and, on SQLite, executes it on the driver cursor of the
connection's current transaction, returning plain named tuples. Results are not
type-processed: booleans come back as 0/1, so callers test truthiness. Other
databases go through SQLAlchemy as usual.
"""

from __future__ import annotations

import sqlite3
from collections import namedtuple
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.sql import Executable

from server.db import read_only


def _driver(conn: Connection) -> sqlite3.Connection | None:
    if conn.dialect.name != "sqlite":
        return None
    raw = conn.connection.driver_connection
    return raw if isinstance(raw, sqlite3.Connection) else None


@contextmanager
def reading(conn: Connection) -> Iterator[None]:
    """Scope for reads made with ``Prepared`` statements only.

    On SQLite outside a transaction no BEGIN/COMMIT is sent: each statement runs as its
    own snapshot (enough for single-statement decisions, and two fewer round trips).
    Elsewhere: a read-only transaction, or a savepoint inside the caller's transaction.
    """
    raw = None if conn.in_transaction() else _driver(conn)
    if raw is not None and raw.isolation_level is None and not raw.in_transaction:
        yield
    elif conn.in_transaction():
        with conn.begin_nested():
            yield
    else:
        read_only(conn)
        with conn.begin():
            yield


class Prepared:
    """A SELECT compiled once per dialect; ``first``/``all`` take a Connection and a params dict."""

    def __init__(self, statement: Executable) -> None:
        self.statement = statement
        self._compiled: dict[str, tuple[str, tuple[str, ...], dict[str, Any], type]] = {}

    def _for(self, dialect) -> tuple[str, tuple[str, ...], dict[str, Any], type]:
        compiled = self._compiled.get(dialect.name)
        if compiled is None:
            form = self.statement.compile(dialect=dialect)
            names = [column[1] for column in form._result_columns]
            compiled = (str(form), tuple(form.positiontup or ()), dict(form.params), namedtuple("Row", names, rename=True))
            self._compiled[dialect.name] = compiled
        return compiled

    def _cursor(self, conn: Connection, params: dict[str, Any]) -> tuple[sqlite3.Cursor, type] | None:
        raw = _driver(conn)
        if raw is None:
            return None
        sql, order, defaults, row_type = self._for(conn.dialect)
        values = [params[name] if name in params else defaults[name] for name in order]
        return raw.execute(sql, values), row_type

    def first(self, conn: Connection, params: dict[str, Any]) -> Any | None:
        """The first row, or None."""
        prepared = self._cursor(conn, params)
        if prepared is None:
            return conn.execute(self.statement, params).first()
        cursor, row_type = prepared
        row = cursor.fetchone()
        cursor.close()
        return None if row is None else row_type(*row)

    def all(self, conn: Connection, params: dict[str, Any]) -> list[Any]:
        """Every row, as named tuples."""
        prepared = self._cursor(conn, params)
        if prepared is None:
            return list(conn.execute(self.statement, params))
        cursor, row_type = prepared
        return [row_type(*row) for row in cursor.fetchall()]

    def tuples(self, conn: Connection, params: dict[str, Any]) -> list[tuple]:
        """Every row as a plain tuple in SELECT order (the fastest form for bulk answers)."""
        prepared = self._cursor(conn, params)
        if prepared is None:
            return [tuple(row) for row in conn.execute(self.statement, params)]
        return prepared[0].fetchall()
