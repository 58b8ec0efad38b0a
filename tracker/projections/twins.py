"""The tables a rebuild fills beside the live ones: create them bare, index them, switch."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.db import connection

from tracker.projections.rows import COLUMNS

NEXT = "_next"
INDEX_MEMORY = "256MB"  # maintenance_work_mem for building an index

#: The index definitions of a table, with the key constraint each one backs (if any).
_LIVE_INDEXES = """
SELECT pg_get_indexdef(i.indexrelid),
       CASE c.contype WHEN 'p' THEN 'PRIMARY KEY' WHEN 'u' THEN 'UNIQUE' END
FROM pg_index i
LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid
                         AND c.contype IN ('p', 'u')
WHERE i.indrelid = %s::regclass
ORDER BY i.indexrelid"""


def create_twins() -> None:
    """Create each table's empty twin, without indexes: bulk-building them after COPY is faster."""
    with connection.cursor() as cursor:
        for table in COLUMNS:
            cursor.execute(f"DROP TABLE IF EXISTS {table}{NEXT}")
            cursor.execute(
                f"CREATE TABLE {table}{NEXT} (LIKE {table} INCLUDING DEFAULTS INCLUDING GENERATED"
                " INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMPRESSION)"
            )


def index_twins(sessions: int = 1) -> None:
    """Give each filled twin the indexes and key constraints of its live table.

    The indexes build in `sessions` database sessions at once, the largest tables' first.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relname = ANY(%s)"
            " ORDER BY pg_relation_size(oid) DESC",
            [[table + NEXT for table in COLUMNS]],
        )
        largest_first = [name.removesuffix(NEXT) for (name,) in cursor.fetchall()]
        jobs = [statements for table in largest_first for statements in _index_jobs(cursor, table)]
    if sessions < 2:
        for statements in jobs:
            _run(statements)
        return
    with ThreadPoolExecutor(max_workers=sessions, thread_name_prefix="rebuild-index") as pool:
        for done in [pool.submit(_run_in_own_session, statements) for statements in jobs]:
            done.result()


def _index_jobs(cursor: Any, table: str) -> list[list[str]]:
    """Return, per index of the live table, the statements that give its twin the same."""
    cursor.execute(_LIVE_INDEXES, [table])
    jobs = []
    for number, (definition, constraint) in enumerate(cursor.fetchall()):
        name = f"{table}{NEXT}_{number}"
        unique = "UNIQUE " if definition.startswith("CREATE UNIQUE") else ""
        shape = definition.split(" USING ", 1)[1]
        statements = [f'CREATE {unique}INDEX "{name}" ON {table}{NEXT} USING {shape}']
        if constraint:
            statements.append(
                f'ALTER TABLE {table}{NEXT} ADD CONSTRAINT "{name}" {constraint}'
                f' USING INDEX "{name}"'
            )
        jobs.append(statements)
    return jobs


def _run(statements: list[str]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"SET maintenance_work_mem = '{INDEX_MEMORY}'")
        for statement in statements:
            cursor.execute(statement)
        cursor.execute("RESET maintenance_work_mem")


def _run_in_own_session(statements: list[str]) -> None:
    try:
        _run(statements)
    finally:
        connection.close()


def switch_twins() -> None:
    """Swap each table with its rebuilt twin; the twin's indexes take the original names."""
    with connection.cursor() as cursor:
        for table in COLUMNS:
            live = _indexes(cursor, table)
            built = _indexes(cursor, table + NEXT)
            cursor.execute(f"ALTER TABLE {table} RENAME TO {table}_old")
            cursor.execute(f"ALTER TABLE {table}{NEXT} RENAME TO {table}")
            cursor.execute(f"DROP TABLE {table}_old")
            for definition, name in built.items():
                original = live.get(definition)
                if original and original != name:
                    cursor.execute(f'ALTER INDEX "{name}" RENAME TO "{original}"')


def _indexes(cursor: Any, table: str) -> dict[str, str]:
    """Return index definitions (with names and table left out) -> index name."""
    cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [table])
    found = {}
    for name, definition in cursor.fetchall():
        shape = definition.split(" USING ", 1)[1] if " USING " in definition else definition
        unique = definition.startswith("CREATE UNIQUE")
        found[f"{unique}:{shape}"] = name
    return found
