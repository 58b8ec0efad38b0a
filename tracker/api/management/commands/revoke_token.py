"""Revoke an API token by name."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tracker.api.tokens import TokenError, token_revoke


class Command(BaseCommand):
    help = "Revoke the REST API token with this name; requests bearing it get 401 from now on."

    def add_arguments(self, parser: CommandParser) -> None:
        """Accept the token's name."""
        parser.add_argument("--name", required=True, help="name given to create_token")

    def handle(self, *args: Any, **options: Any) -> None:
        """Revoke the token and say so on stderr."""
        try:
            token = token_revoke(name=options["name"])
        except TokenError as exc:
            raise CommandError(str(exc)) from exc
        self.stderr.write(f"revoked token {token.name!r} at {token.revoked_at:%Y-%m-%d %H:%M:%S}Z")
