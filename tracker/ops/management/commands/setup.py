"""Prepare a database for serving: migrations, sample story, admin user."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Apply all migrations, load the sample story and ensure the admin user exists."

    def add_arguments(self, parser: CommandParser) -> None:
        """Allow skipping the sample story."""
        parser.add_argument("--no-sample", action="store_true", help="do not load the sample")

    def handle(self, *args: Any, **options: Any) -> None:
        """Run migrate_all, load_sample and ensure_admin in turn."""
        call_command("migrate_all", verbosity=0)
        self.stdout.write("migrations: applied")
        if not options["no_sample"] and "load_sample" in _commands():
            call_command("load_sample")
        call_command("ensure_admin")


def _commands() -> set[str]:
    from django.core.management import get_commands

    return set(get_commands())
