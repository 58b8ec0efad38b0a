"""Write a story in an exchange format (TimelineJS, ninjs, PLOVER, CSV...), now or replayed."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tracker.domain import parse_timestamp
from tracker.exports import registry
from tracker.exports.base import ExportOptions
from tracker.services.errors import ServiceError
from tracker.services.exports import export_story


class Command(BaseCommand):
    help = (
        "Write a story in an exchange format to stdout or a file: now, at a version, or as of "
        "a time (basis recorded: as known then; occurred: what had happened by then)."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        """Let --version name a story version (it replaces Django's own --version)."""
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        """Accept the story, --format, --version or --as-of with --basis, --retracted, -o."""
        parser.add_argument("story", help="the story's UUID or slug")
        parser.add_argument("--format", "-f", required=True, choices=registry.names())
        point = parser.add_mutually_exclusive_group()
        point.add_argument("--version", type=_version, default=None, help="after N events")
        point.add_argument("--as-of", type=_moment, default=None, help="an ISO time with a zone")
        parser.add_argument("--basis", choices=("recorded", "occurred"), default="recorded")
        parser.add_argument("--retracted", choices=("omit", "mark"), default="omit")
        parser.add_argument("--output", "-o", default="-", help="file to write (default -: stdout)")

    def handle(self, *args: Any, **options: Any) -> None:
        """Render the export and write its bytes; say on stderr what was written."""
        try:
            export = export_story(
                options["story"],
                options["format"],
                version=options["version"],
                as_of=options["as_of"],
                basis=options["basis"],
                options=ExportOptions(retracted=options["retracted"]),
            )
        except ServiceError as error:
            raise CommandError(error.detail) from None
        if options["output"] == "-":
            sys.stdout.buffer.write(export.body)
            sys.stdout.buffer.flush()
        else:
            try:
                Path(options["output"]).write_bytes(export.body)
            except OSError as error:
                raise CommandError(str(error)) from None
        self.stderr.write(
            f"{export.format.name}: story {export.slug} at version {export.version}, "
            f"{len(export.body)} bytes (suggested name {export.filename})"
        )


def _version(text: str) -> int:
    """Return a story version given on the command line: a whole number, 1 or more."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a version (a whole number, 1 or more): {text!r}")
    return int(text)


def _moment(text: str) -> datetime:
    """Return a time given on the command line: ISO 8601 with a zone."""
    try:
        return parse_timestamp(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
