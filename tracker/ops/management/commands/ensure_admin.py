"""Create the admin superuser once, printing its random password."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tracker.ops.admin_user import admin_ensure


class Command(BaseCommand):
    help = "Create a superuser with a random password (printed once) unless it exists."

    def add_arguments(self, parser: CommandParser) -> None:
        """Accept the username and an option to reset the password."""
        parser.add_argument("--username", default="admin")
        parser.add_argument("--reset", action="store_true", help="set a new random password")

    def handle(self, *args: Any, **options: Any) -> None:
        """Create or reset the admin user and print how to log in."""
        password = admin_ensure(username=options["username"], reset=options["reset"])
        name = options["username"]
        if password is None:
            self.stdout.write(
                f"admin user {name!r} exists (its password was printed when it was created; "
                "`make reset-admin` prints a new one)"
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"admin login: {name} / {password}"))
