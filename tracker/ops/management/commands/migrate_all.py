"""Apply every migration: the event store's (Alembic) and Django's."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from tracker import bootstrap
from tracker.eventstore import migrate


class Command(BaseCommand):
    help = "Apply the event store's Alembic migrations, then Django's migrations."

    def handle(self, *args: Any, **options: Any) -> None:
        """Upgrade the event store schema, then run Django's migrate."""
        migrate.upgrade(bootstrap.engine())
        self.stdout.write("event store schema: up to date")
        call_command("migrate", interactive=False, verbosity=options["verbosity"])
