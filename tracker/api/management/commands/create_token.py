"""Create an API token and print it once, alone on stdout."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tracker.api.tokens import TokenError, token_create


class Command(BaseCommand):
    help = (
        "Create a bearer token for the REST API. The token is printed once, alone on "
        "stdout (capture it: TOKEN=$(python manage.py create_token --name ci --scope write)); "
        "only its SHA-256 hash is stored."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """Accept the token's unique name and its scope."""
        parser.add_argument("--name", required=True, help="unique name of the token's holder")
        parser.add_argument(
            "--scope",
            required=True,
            choices=["read", "write"],
            help="read: GET endpoints; write: every endpoint",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        """Create the token and print it."""
        try:
            raw = token_create(name=options["name"], scope=options["scope"])
        except TokenError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(raw)
