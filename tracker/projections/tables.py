"""Write read-model rows with COPY, into the live tables or the ones a rebuild builds beside."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from django.db import connection

from tracker.projections.rows import ACTOR_TABLES, COLUMNS, Rows


def rows_copy(rows: Rows, *, suffix: str = "") -> None:
    """COPY every table's rows into the table (or `<table><suffix>`)."""
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor under Django's wrapper
        for table, table_rows in rows.tables.items():
            if not table_rows:
                continue
            columns = ", ".join(COLUMNS[table])
            with raw.copy(f"COPY {table}{suffix} ({columns}) FROM STDIN") as copy:
                for row in table_rows:
                    copy.write_row(row)


def rows_delete(tables: Sequence[str], column: str, ids: Iterable[UUID]) -> None:
    """Delete the rows of the given tables whose `column` is one of `ids`."""
    id_list = [str(value) for value in ids]
    if not id_list:
        return
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {table} WHERE {column} = ANY(%s::uuid[])", [id_list])


def story_ids_involving(actor_ids: Iterable[UUID]) -> set[UUID]:
    """Return the stories one of whose development views shows any of the actors."""
    id_list = [str(value) for value in actor_ids]
    if not id_list:
        return set()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT story_id FROM projections_developmentview"
            " WHERE actor_ids && %s::uuid[]",
            [id_list],
        )
        return {_uuid(row[0]) for row in cursor.fetchall()}


def rows_put(table: str, key: str, ids: Iterable[Any], rows: Rows) -> None:
    """Replace the rows of one table whose `key` is one of `ids` with `rows`' rows of it."""
    id_list = [str(value) for value in ids]
    if id_list:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE {key} = ANY(%s::uuid[])", [id_list])
    only = Rows()
    only.tables[table] = rows.tables[table]
    rows_copy(only)


def pending_mark(story_ids: Iterable[UUID], level: int) -> None:
    """Say that these stories' rows (1: summary rows, 2: all) must be rendered again."""
    id_list = [str(value) for value in story_ids]
    if id_list:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE projections_storysnapshot SET pending = GREATEST(pending, %s)"
                " WHERE story_id = ANY(%s::uuid[])",
                [level, id_list],
            )


def _uuid(value: Any) -> UUID:
    return value if isinstance(value, UUID) else UUID(str(value))


def rows_replace(tables: Sequence[str], column: str, ids: Iterable[UUID], rows: Rows) -> None:
    """Delete the rows of `ids` from the tables, then COPY the new ones in."""
    rows_delete(tables, column, ids)
    rows_copy(rows)


def rows_carry(ids: Iterable[UUID], *, suffix: str) -> None:
    """Copy the live rows of these streams into `<table><suffix>`, replacing theirs there."""
    id_list = [str(value) for value in ids]
    if not id_list:
        return
    with connection.cursor() as cursor:
        for table, columns in COLUMNS.items():
            column = "actor_id" if table in ACTOR_TABLES else "story_id"
            listed = ", ".join(columns)
            cursor.execute(
                f"DELETE FROM {table}{suffix} WHERE {column} = ANY(%s::uuid[])", [id_list]
            )
            cursor.execute(
                f"INSERT INTO {table}{suffix} ({listed}) SELECT {listed} FROM {table} "
                f"WHERE {column} = ANY(%s::uuid[])",
                [id_list],
            )
