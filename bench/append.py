"""Benchmark the event store beside raw psycopg on the same server, in a scratch database."""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import psycopg
from psycopg.types.json import Jsonb
from sqlalchemy import create_engine
from tqdm import tqdm

from tracker.eventstore import NO_STREAM, EventStore, NewEvent, close_all, migrate

SCRATCH = "tracker_bench"
# The raw baseline numbers its rows from a sequence (a bigserial), as a plain table would,
# and keeps no hash chain.
RAW_TABLE = """CREATE TABLE raw_events (LIKE events INCLUDING ALL);
ALTER TABLE raw_events DROP COLUMN chain_hash;
CREATE SEQUENCE raw_events_position OWNED BY raw_events.position;
ALTER TABLE raw_events ALTER position SET DEFAULT nextval('raw_events_position')"""
COLUMNS = (
    "event_id, stream_id, stream_type, version, event_type, schema_version, data,"
    " metadata, occurred_at, occurred_precision, reported_at, idempotency_key, request_hash"
)
RAW_INSERT = f"INSERT INTO raw_events ({COLUMNS}) VALUES ({', '.join(['%s'] * 13)})"
RAW_COPY = f"COPY raw_events ({COLUMNS}) FROM STDIN"
DATA = {
    "summary": "Kremlin envoy travels to Washington to lobby for sanctions relief",
    "source": {"outlet": "Der Spiegel", "url": "https://example.org/a", "language": "de"},
    "actors": [{"name": "Kirill Dmitriev", "role": "visitor"}],
    "destination": "Washington",
}
META = {"recorded_by": "bench", "request_id": "00000000-0000-0000-0000-000000000000"}
TARGETS = (  # metric, baseline, factor
    ("store_1w", "raw_1w", 0.8),
    ("store_8w", "store_1w", 2.0),
    ("store_8w", "raw_8w", 0.8),
    ("store_batch", "raw_copy", 0.4),
)
READ_TARGET = 100_000
KINDS = ("raw", "store")  # alternated round by round, so drift on the machine hits both


def scratch_url(url: str) -> str:
    """Return the libpq URL of the scratch database on the server of `url`."""
    return urlsplit(migrate.libpq_url(url))._replace(path=f"/{SCRATCH}").geturl()


def raw_row(stream_id: uuid.UUID, version: int) -> tuple[Any, ...]:
    """Return one raw_events row shaped like what the store writes (the sequence numbers it)."""
    return (uuid.uuid4(), stream_id, "story", version, "development", 1,
            Jsonb(DATA), Jsonb(META), None, None, None, None, None)  # fmt: skip


def writer(url: str, kind: str) -> Callable[[], None]:
    """Return a warmed-up step that appends the next event to a stream of its own."""
    stream_id, versions = uuid.uuid4(), itertools.count()
    if kind == "store":
        store = EventStore(create_engine(migrate.sqlalchemy_url(url)))

        def step() -> None:
            event = NewEvent("development", DATA, metadata=META)
            store.append(stream_id, "story", [event], expected_version=next(versions))
    else:
        connection = psycopg.connect(url, autocommit=True)

        def step() -> None:
            connection.execute(RAW_INSERT, raw_row(stream_id, next(versions) + 1))

    for _ in range(20):  # connections, prepared statements
        step()
    return step


def run_for(step: Callable[[], None], seconds: float) -> int:
    """Call `step` for `seconds`; return how many times it ran."""
    done, deadline = 0, time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        step()
        done += 1
    return done


def _worker(url: str, kind: str, seconds: float, barrier: Any, out: Any) -> None:
    step = writer(url, kind)
    barrier.wait()  # every writer is connected and warm before any starts the clock
    out.put(run_for(step, seconds))


def concurrent_writers(url: str, kind: str, seconds: float, writers: int) -> float:
    """Run `writers` processes appending single events at once; return events/s."""
    context = multiprocessing.get_context("spawn")
    barrier, out = context.Barrier(writers), context.Queue()
    processes = [
        context.Process(target=_worker, args=(url, kind, seconds, barrier, out))
        for _ in range(writers)
    ]
    for process in processes:
        process.start()
    total = sum(out.get() for _ in processes)
    for process in processes:
        process.join()
    return total / seconds


def batches(url: str, kind: str, count: int, size: int = 1000) -> float:
    """Append `count` batches of `size` events (store) or COPY them (raw); return events/s."""
    if kind == "store":
        store = EventStore(create_engine(migrate.sqlalchemy_url(url)))

        def step() -> None:
            events = [NewEvent("development", DATA, metadata=META) for _ in range(size)]
            store.append(uuid.uuid4(), "story", events, expected_version=NO_STREAM)
    else:
        connection = psycopg.connect(url, autocommit=True)

        def step() -> None:
            stream_id = uuid.uuid4()
            with connection.cursor() as cursor, cursor.copy(RAW_COPY) as copy:
                for offset in range(size):
                    copy.write_row(raw_row(stream_id, offset + 1))

    step()
    started = time.perf_counter()
    for _ in range(count):
        step()
    return count * size / (time.perf_counter() - started)


def read_all(url: str, events: int) -> float:
    """Read the first `events` events with read_all, decoded into StoredEvent; return events/s."""
    store = EventStore(create_engine(migrate.sqlalchemy_url(url)))
    after, read, started = 0, 0, time.perf_counter()
    while read < events and (batch := store.read_all(after=after, limit=1000)):
        read += len(batch)
        after = batch[-1].position
    return read / (time.perf_counter() - started)


def fill(url: str, events: int) -> None:
    """Append 1,000-event batches through the store until it holds `events` events."""
    store = EventStore(create_engine(migrate.sqlalchemy_url(url)))
    with psycopg.connect(url) as connection:
        (stored,) = connection.execute("SELECT count(*) FROM events").fetchone() or (0,)
    missing = events - stored
    for _ in tqdm(range(max(missing, 0) // 1000 + 1), desc="fill", file=sys.stderr, leave=False):
        batch = [NewEvent("development", DATA, metadata=META) for _ in range(1000)]
        store.append(uuid.uuid4(), "story", batch, expected_version=NO_STREAM)


def measure(url: str, args: argparse.Namespace) -> dict[str, float]:
    """Run every phase, alternating store and raw rounds; return the median events/s of each."""
    seconds = args.seconds
    phases: dict[str, Callable[[str], float]] = {
        "1w": lambda kind: run_for(writer(url, kind), seconds) / seconds,
        "8w": lambda kind: concurrent_writers(url, kind, seconds, 8),
        "batch": lambda kind: batches(url, kind, args.batches),
    }
    steps = [(phase, kind) for _ in range(args.rounds) for phase in phases for kind in KINDS]
    runs: dict[str, list[float]] = {}
    for phase, kind in tqdm(steps, desc="bench", file=sys.stderr):
        name = "raw_copy" if (phase, kind) == ("batch", "raw") else f"{kind}_{phase}"
        runs.setdefault(name, []).append(phases[phase](kind))
    fill(url, args.read_events)
    runs["read_all"] = [read_all(url, args.read_events) for _ in range(args.rounds)]
    return {name: round(statistics.median(values)) for name, values in runs.items()}


def report(figures: dict[str, float]) -> str:
    """Return the figures as a table with each target, its ratio and whether it is met."""
    lines = [f"{'metric':<12} {'events/s':>10}   {'target':<28} {'ratio':>6}  met"]
    for metric, base, factor in TARGETS:
        ratio = figures[metric] / figures[base]
        target = f">= {factor} x {base} ({figures[base]:,.0f})"
        lines.append(f"{metric:<12} {figures[metric]:>10,.0f}   {target:<28} {ratio:>6.2f}  "
                     f"{'yes' if ratio >= factor else 'NO'}")  # fmt: skip
    for name in ("raw_1w", "raw_8w", "raw_copy"):
        lines.append(f"{name:<12} {figures[name]:>10,.0f}   (baseline)")
    met = "yes" if figures["read_all"] >= READ_TARGET else "NO"
    lines.append(f"{'read_all':<12} {figures['read_all']:>10,.0f}   >= {READ_TARGET:,}{'':<17} "
                 f"{'':>6}  {met}")  # fmt: skip
    return "\n".join(lines)


def main() -> None:
    """Create the scratch database, migrate it, measure, print, and drop it."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="server to use (default: the tracker's database server)")
    parser.add_argument("--json", action="store_true", help="print one flat JSON object")
    parser.add_argument("--seconds", type=float, default=2.0, help="length of a writer round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per phase (median kept)")
    parser.add_argument("--batches", type=int, default=20, help="1,000-event batches per round")
    parser.add_argument("--read-events", type=int, default=200_000, help="events read_all reads")
    args = parser.parse_args()
    if args.url is None:
        from tracker.config import database_url

        args.url = database_url()
    admin = psycopg.connect(migrate.libpq_url(args.url), autocommit=True)
    admin.execute(f"DROP DATABASE IF EXISTS {SCRATCH} WITH (FORCE)")
    admin.execute(f"CREATE DATABASE {SCRATCH}")
    url = scratch_url(args.url)
    try:
        engine = create_engine(migrate.sqlalchemy_url(url))
        migrate.upgrade(engine)
        engine.dispose()
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(RAW_TABLE)
        figures = measure(url, args)
    finally:
        close_all()
        admin.execute(f"DROP DATABASE IF EXISTS {SCRATCH} WITH (FORCE)")
    print(json.dumps(figures) if args.json else report(figures))


if __name__ == "__main__":
    main()
