"""The store's schema version: an older database is upgraded on start, a newer one is refused untouched."""

from __future__ import annotations

import pytest
from sqlalchemy import func, inspect, select, update

from server.db import DatabaseError, open_database
from server.importer import import_file
from server.schema import SCHEMA_VERSION, checkins, meta, orders, positions, products, variations
from tests.support.pretix_samples import PRETIX_2026


def stored_version(engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar_one())


def set_version(engine, version: int) -> None:
    with engine.begin() as conn:
        conn.execute(update(meta).where(meta.c.key == "schema_version").values(value=str(version)))


def test_a_version_1_database_is_upgraded_on_start_and_keeps_its_tickets(engine, database_url):
    import_file(engine, PRETIX_2026)
    with engine.connect() as conn:
        tickets = conn.execute(select(func.count()).select_from(positions)).scalar_one()
    with engine.begin() as conn:  # make it what version 1 wrote: no variation attention flag, no check-in texts
        conn.exec_driver_sql("ALTER TABLE variations DROP COLUMN attention")
        drop_checkin_texts(conn)
        drop_version_4(conn)
    set_version(engine, 1)
    engine.dispose()

    upgraded = open_database(database_url)
    try:
        assert stored_version(upgraded) == SCHEMA_VERSION == 4
        assert "attention" in {column["name"] for column in inspect(upgraded).get_columns("variations")}
        with upgraded.connect() as conn:
            assert conn.execute(select(func.count()).select_from(positions)).scalar_one() == tickets > 0
            assert conn.execute(select(variations.c.name, variations.c.attention)).all() == [
                ("Red", False), ("Blue", False)]
        import_file(upgraded, PRETIX_2026)  # and the importer works on the upgraded store
    finally:
        upgraded.dispose()


def drop_version_4(conn) -> None:
    """Make the store what version 3 wrote: no pretix sync columns (new tables may stay: create_all makes them)."""
    conn.exec_driver_sql("DROP INDEX ix_checkins_pending")
    for table, column in (("positions", "blocked"), ("positions", "valid_from"), ("positions", "valid_until"),
                          ("positions", "canceled"), ("checkin_lists", "pretix_id"), ("checkins", "upload"),
                          ("checkins", "pretix_id"), ("checkins", "upload_error")):
        conn.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN {column}")


def test_a_version_3_database_keeps_its_check_ins_and_they_wait_for_upload_should_the_event_be_connected(
    engine, database_url, seed
):
    seed.checkin(seed.ticket("ADA"))
    seed.ticket("BOB")
    with engine.begin() as conn:
        drop_version_4(conn)
    set_version(engine, 3)
    engine.dispose()

    upgraded = open_database(database_url)
    try:
        assert stored_version(upgraded) == SCHEMA_VERSION == 4
        with upgraded.connect() as conn:
            assert conn.execute(select(checkins.c.upload)).scalars().all() == ["p"]
            assert conn.execute(select(positions.c.blocked, positions.c.canceled)).all() == [(False, False)] * 2
    finally:
        upgraded.dispose()


def drop_checkin_texts(conn) -> None:
    for table in ("products", "variations", "orders"):
        conn.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN checkin_text")


def test_a_version_2_database_gets_the_check_in_text_columns_in_place_and_keeps_its_orders(
    engine, database_url
):
    import_file(engine, PRETIX_2026)
    with engine.connect() as conn:
        before = conn.execute(select(orders.c.code, orders.c.status, orders.c.attention).order_by(orders.c.code)).all()
    with engine.begin() as conn:  # what version 2 wrote: no check-in texts
        drop_checkin_texts(conn)
        drop_version_4(conn)
    set_version(engine, 2)
    engine.dispose()

    upgraded = open_database(database_url)
    try:
        assert stored_version(upgraded) == SCHEMA_VERSION == 4
        for table in ("products", "variations", "orders"):
            assert "checkin_text" in {column["name"] for column in inspect(upgraded).get_columns(table)}
        with upgraded.connect() as conn:
            assert conn.execute(
                select(orders.c.code, orders.c.status, orders.c.attention).order_by(orders.c.code)
            ).all() == before
            assert conn.execute(select(func.count()).where(products.c.checkin_text.is_not(None))).scalar_one() == 0
        import_file(upgraded, PRETIX_2026)  # the importer writes the new columns
    finally:
        upgraded.dispose()


def test_a_database_from_a_newer_program_is_refused_and_left_unchanged(engine, database_url):
    set_version(engine, SCHEMA_VERSION + 1)
    try:
        with pytest.raises(DatabaseError, match=f"schema version {SCHEMA_VERSION + 1}.*Upgrade checkin-kiosk"):
            open_database(database_url)
        assert stored_version(engine) == SCHEMA_VERSION + 1
    finally:
        set_version(engine, SCHEMA_VERSION)  # the test database is reused
