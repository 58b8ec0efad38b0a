"""Least privilege: the application's database role may only INSERT and SELECT events.

Migrations run as the role that owns the tables (the owner). The web server and the
projector connect as an application role that can read and write the read models and
Django's tables, but can only add and read events: no UPDATE, DELETE or TRUNCATE, and,
not being the owner, no ALTER TABLE (so no `DISABLE TRIGGER`) and no DROP. It may call
`events_align_positions()`, which runs as the owner but can only move the position
clock forward (see `tracker.eventstore.positions`).
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, text

ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

# Statements run as the owner, in order; {role} is a validated identifier.
GRANTS = (
    "GRANT USAGE ON SCHEMA public TO {role}",
    "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
    "GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {role}",
    # Tables the owner creates later (a rebuild's twins) are the application's to use too.
    "ALTER DEFAULT PRIVILEGES IN SCHEMA public"
    " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role}",
    "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {role}",
    # The event store: append and read, nothing else.
    "REVOKE ALL ON events, events_clock, alembic_version FROM {role}",
    "GRANT SELECT, INSERT ON events TO {role}",
    "GRANT SELECT ON events_clock, alembic_version TO {role}",
    "GRANT EXECUTE ON FUNCTION events_align_positions() TO {role}",
)


def checked_role(role: str) -> str:
    """Return `role` if it is a plain lower-case identifier, else raise ValueError."""
    if not ROLE_NAME.match(role):
        raise ValueError(f"not a plain role name (a-z, 0-9, _): {role!r}")
    return role


def ensure_app_role(connection: Connection, role: str, password: str | None = None) -> bool:
    """Create the application's login role if missing (needs CREATEROLE); return if created."""
    role = checked_role(role)
    exists = connection.execute(
        text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role}
    ).first()
    verb = "ALTER" if exists else "CREATE"
    options = "" if exists else " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE"
    if password:  # utility statements take no parameters: let the server quote the literal
        statement = connection.execute(
            text(
                "SELECT format('%s ROLE %I%s PASSWORD %L',"
                " CAST(:verb AS text), CAST(:role AS text), CAST(:options AS text),"
                " CAST(:password AS text))"
            ),
            {"verb": verb, "role": role, "options": options, "password": password},
        ).scalar_one()
        connection.exec_driver_sql(statement)
    elif not exists:
        connection.execute(text(f"CREATE ROLE {role}{options}"))
    return not exists


def grant_app_role(connection: Connection, role: str) -> None:
    """Give `role` what the application needs and no more; run as the tables' owner."""
    role = checked_role(role)
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    connection.execute(text(f'GRANT CONNECT ON DATABASE "{database}" TO {role}'))
    for statement in GRANTS:
        connection.execute(text(statement.format(role=role)))
