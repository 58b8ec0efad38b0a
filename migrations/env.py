"""Alembic environment for the event store: migrates on a passed connection or DATABASE_URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine, pool, text

from tracker.config import database_url
from tracker.eventstore.migrate import include_name, sqlalchemy_url
from tracker.eventstore.schema import metadata

MIGRATION_LOCK = 7_400_117_001  # advisory lock: two processes starting at once migrate in turn

config = context.config
target_metadata = metadata


def run_migrations(connection: Connection) -> None:
    """Run the pending revisions on `connection`, holding the migration lock."""
    context.configure(
        connection=connection, target_metadata=target_metadata, include_name=include_name
    )
    with context.begin_transaction():
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        context.run_migrations()


def main() -> None:
    """Migrate offline (SQL script), on the caller's connection, or on DATABASE_URL."""
    if context.is_offline_mode():
        context.configure(
            url=sqlalchemy_url(database_url()), target_metadata=target_metadata, literal_binds=True
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    connection = config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    engine = create_engine(sqlalchemy_url(database_url()), poolclass=pool.NullPool)
    with engine.connect() as connection:
        run_migrations(connection)
    engine.dispose()


main()
