"""Create a staff user in the editors or viewers group, printing its random password once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tracker.backoffice.roles import ROLES, newsroom_user_ensure


class Command(BaseCommand):
    help = "Create (or reset) a newsroom user who can log in to the admin as an editor or viewer."

    def add_arguments(self, parser: CommandParser) -> None:
        """Accept the username and the group."""
        parser.add_argument("username")
        parser.add_argument("--group", choices=sorted(ROLES), default="editors")
        parser.add_argument("--reset", action="store_true", help="set a new random password")

    def handle(self, *args: Any, **options: Any) -> None:
        """Create the user, or reset its password, and print how to log in."""
        name, group = options["username"], options["group"]
        if not name.strip():
            raise CommandError("give a username")
        password = newsroom_user_ensure(username=name, group=group, reset=options["reset"])
        if password is None:
            self.stdout.write(f"user {name!r} exists and is in {group}; --reset prints a password")
        else:
            self.stdout.write(self.style.SUCCESS(f"{group} login: {name} / {password}"))
