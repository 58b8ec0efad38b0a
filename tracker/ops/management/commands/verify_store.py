"""Re-compute the event store's hash chains; exit 1 if any event was altered, removed or added."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any
from uuid import UUID

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from tracker import bootstrap
from tracker.eventstore.verification import check_heads, verify_chains


class Command(BaseCommand):
    help = (
        "Re-compute every stream's hash chain from its first event and report each event that "
        "was altered, removed or inserted (exit 1 on any). --save-heads keeps every stream's "
        "head (and prints their root, to publish); --check-heads later proves those heads are "
        "still there, which also catches a removed last event or a chain re-hashed from some "
        "event on."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """Accept --save-heads, --check-heads and --no-progress."""
        parser.add_argument("--save-heads", metavar="FILE", help="write every stream's head")
        parser.add_argument(
            "--check-heads", metavar="FILE", help="heads saved earlier must still be there"
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        """Verify the chains (and earlier heads), print findings and the root, exit 1 on any."""
        engine = bootstrap.engine()
        with tqdm(desc="verify", unit="ev", disable=options["no_progress"]) as bar:
            report = verify_chains(engine, progress=bar.update)
        findings = list(report.findings)
        if options["check_heads"]:
            findings += check_heads(engine, _load(Path(options["check_heads"])))
        for finding in findings:
            self.stderr.write(str(finding))
        if options["save_heads"]:
            _save(Path(options["save_heads"]), report.heads, report.root)
        self.stdout.write(
            f"{report.events} events in {report.streams} streams, {len(findings)} problems; "
            f"root {report.root}"
        )
        if findings:
            sys.exit(1)


def _save(path: Path, heads: list[tuple[UUID, int, bytes]], root: str) -> None:
    """Write the heads as JSON: the root, then one [stream, version, hash] per stream."""
    body = {"root": root, "heads": [[str(s), v, h.hex()] for s, v, h in heads]}
    path.write_text(json.dumps(body, indent=0) + "\n")


def _load(path: Path) -> list[tuple[UUID, int, bytes]]:
    """Read heads written by --save-heads."""
    body = json.loads(path.read_text())
    return [(UUID(s), int(v), bytes.fromhex(h)) for s, v, h in body["heads"]]
