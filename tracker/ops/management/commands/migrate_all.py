"""Apply every migration: the event store's (Alembic) and Django's."""

from __future__ import annotations

import os
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from tracker import bootstrap
from tracker.eventstore import migrate
from tracker.eventstore.alignment import align_positions
from tracker.ops.db_roles import ensure_app_role, grant_app_role
from tracker.projections.rebuild import rebuild_if_stale

MIGRATE_LOCK = 0x5452_4B04  # advisory lock held while migrating


class Command(BaseCommand):
    help = (
        "Apply the event store's Alembic migrations, then Django's migrations, then rebuild "
        "the read models if an older version of the tracker rendered them. Run it as the "
        "tables' owner; with TRACKER_APP_ROLE (and TRACKER_APP_PASSWORD) set it also creates "
        "that login role and grants it what the application needs: SELECT and INSERT only on "
        "events."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """Accept --no-progress."""
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        """Upgrade the event store schema, run Django's migrate, rebuild stale read models."""
        with bootstrap.advisory_lock(MIGRATE_LOCK):  # processes started together take turns
            self._migrate(options)

    def _grant(self) -> None:
        """Create and grant the application's role when TRACKER_APP_ROLE names one."""
        role = os.environ.get("TRACKER_APP_ROLE")
        if not role:
            return
        with bootstrap.engine().begin() as connection:
            created = ensure_app_role(connection, role, os.environ.get("TRACKER_APP_PASSWORD"))
            grant_app_role(connection, role)
        verb = "created and granted" if created else "granted"
        self.stdout.write(f"application role {role}: {verb} (events: SELECT, INSERT only)")

    def _migrate(self, options: dict[str, Any]) -> None:
        migrate.upgrade(bootstrap.engine())
        self.stdout.write("event store schema: up to date")
        offset = align_positions(bootstrap.engine())
        self.stdout.write(f"event store position clock: aligned (offset {offset})")
        call_command("migrate", interactive=False, verbosity=options["verbosity"])
        self._grant()
        bars: list[tqdm[Any]] = []  # shown once a rebuild is found needed and starts

        def progress(count: int) -> None:
            if not bars:
                bars.append(tqdm(desc="rebuild", unit="ev", disable=options["no_progress"]))
            bars[0].update(count)

        report = rebuild_if_stale(bootstrap.event_store(), progress=progress)
        for bar in bars:
            bar.close()
        if report is not None:
            self.stdout.write(
                f"read models rendered by an older version: rebuilt {report.stories} stories "
                f"from {report.events} events"
            )
