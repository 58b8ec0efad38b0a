"""Re-compute every stream's hash chain and report each event that was altered, removed or added."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from sqlalchemy import Engine, text

from tracker.eventstore.chain import link, root, stamp, stored_digest

# Stream by stream, in version order; a server-side cursor keeps memory flat.
STORED = text(
    "SELECT stream_id, version, position, event_id, stream_type, event_type, schema_version,"
    " data, metadata, occurred_at, occurred_precision, reported_at, recorded_at, chain_hash"
    " FROM events ORDER BY stream_id, version"
)
BATCH = 5_000


@dataclass(frozen=True)
class Finding:
    """One event whose place in its stream's chain does not hold."""

    stream_id: UUID
    version: int
    position: int
    event_id: UUID
    problem: str

    def __str__(self) -> str:
        """Return the finding as one line an operator can act on."""
        return (
            f"stream {self.stream_id} version {self.version} (position {self.position}, "
            f"event {self.event_id}): {self.problem}"
        )


@dataclass
class ChainReport:
    """What a verification found: counts, findings, and the root over every stream's head."""

    events: int = 0
    streams: int = 0
    findings: list[Finding] = field(default_factory=list)
    heads: list[tuple[UUID, int, bytes]] = field(default_factory=list)

    @property
    def root(self) -> str:
        """Return the hex root over every stream's head: publish it to detect a cut tail."""
        return root(self.heads)

    @property
    def intact(self) -> bool:
        """Return whether every chain holds."""
        return not self.findings


def _rows(engine: Engine) -> Iterator[Any]:
    """Yield every stored event, stream by stream, through a server-side cursor."""
    with engine.connect() as connection:
        result = connection.execution_options(stream_results=True, max_row_buffer=BATCH).execute(
            STORED
        )
        yield from result.mappings()


def verify_chains(engine: Engine, progress: Callable[[int], object] | None = None) -> ChainReport:
    """Re-compute each stream's chain from its first event; report every break."""
    report = ChainReport()
    stream: UUID | None = None
    previous: bytes | None = None
    expected_version = 1
    head: tuple[UUID, int, bytes] | None = None
    for count, row in enumerate(_rows(engine), start=1):
        if row["stream_id"] != stream:
            if head is not None:
                report.heads.append(head)
            stream, previous, expected_version = row["stream_id"], None, 1
            report.streams += 1
        report.events += 1
        stored = bytes(row["chain_hash"])
        if row["version"] != expected_version:
            gap = f"{expected_version}..{row['version'] - 1}"
            report.findings.append(_finding(row, f"removed: versions {gap} are missing before it"))
        else:
            computed = link(previous, stored_digest(row), stamp(row["recorded_at"]))
            if computed != stored:
                problem = "altered: its content, recorded_at or predecessor no longer hash to it"
                report.findings.append(_finding(row, problem))
        # Go on from the stored hash: one altered event is reported once, not with all after it.
        previous, expected_version = stored, row["version"] + 1
        head = (row["stream_id"], row["version"], stored)
        if progress is not None and count % BATCH == 0:
            progress(BATCH)
    if head is not None:
        report.heads.append(head)
    if progress is not None:
        progress(report.events % BATCH)
    return report


AT_VERSIONS = text(
    "SELECT s.stream_id, s.version, e.chain_hash, e.position, e.event_id"
    " FROM unnest(CAST(:streams AS uuid[]), CAST(:versions AS int[])) AS s(stream_id, version)"
    " LEFT JOIN events AS e ON e.stream_id = s.stream_id AND e.version = s.version"
)


def check_heads(engine: Engine, heads: list[tuple[UUID, int, bytes]]) -> list[Finding]:
    """Report each earlier head no longer in the store with the same hash (appends may follow).

    An event's chain hash covers every event before it in its stream, so a head that is
    still there with its hash proves that stream's whole prefix unchanged; a removed last
    event, or a chain rewritten and re-hashed from some event on, fails here.
    """
    if not heads:
        return []
    params = {"streams": [h[0] for h in heads], "versions": [h[1] for h in heads]}
    expected = {(h[0], h[1]): h[2] for h in heads}
    findings = []
    with engine.connect() as connection:
        for stream_id, version, chain_hash, position, event_id in connection.execute(
            AT_VERSIONS, params
        ):
            if chain_hash is None:
                problem = "removed: an earlier head is no longer in the store"
                findings.append(Finding(stream_id, version, -1, UUID(int=0), problem))
            elif bytes(chain_hash) != expected[(stream_id, version)]:
                problem = "rewritten: no longer hashes to the head recorded earlier"
                findings.append(Finding(stream_id, version, position, event_id, problem))
    return findings


def _finding(row: Any, problem: str) -> Finding:
    """Return a finding about a stored row."""
    return Finding(row["stream_id"], row["version"], row["position"], row["event_id"], problem)
