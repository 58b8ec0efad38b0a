"""Create the editors and viewers groups with their permissions (the migration does it too)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tracker.backoffice.roles import ROLES, roles_ensure


class Command(BaseCommand):
    help = "Create the newsroom's groups (editors, viewers) and their permissions if missing."

    def handle(self, *args: Any, **options: Any) -> None:
        """Ensure both groups and say so."""
        roles_ensure()
        self.stdout.write(self.style.SUCCESS(f"groups ready: {', '.join(ROLES)}"))
