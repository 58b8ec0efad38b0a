"""Benchmark rebuilding the read models beside the pure in-memory fold of the same events.

Generates a corpus (default 1,000,000 events across 10,000 stories, the vocabulary's mix) in
a scratch database on the project's server, then measures in one run:
- fold: every story folded and rendered to its read-model rows in memory (the ceiling);
- fold_only: the fold alone, without rendering;
- rebuild: `rebuild_projections` end to end (read, fold, render, COPY, switch).
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import sys
import time
from typing import Any

from tqdm import tqdm

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.scratch import scratch_drop, scratch_setup

SCRATCH = "tracker_bench_rebuild"
STORY_BATCH = 10  # stories appended per transaction while generating


def main() -> None:
    """Generate the corpus, measure, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=10_000, help="stories in the corpus")
    parser.add_argument(
        "--events-per-story", type=int, default=100, help="events per story, its opening included"
    )
    parser.add_argument("--url", help="PostgreSQL server URL (default: the project's database)")
    parser.add_argument("--json", action="store_true", help="print one flat JSON object")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument(
        "--reuse", action="store_true", help="measure the corpus an earlier --keep run left"
    )
    args = parser.parse_args()
    url = scratch_setup(SCRATCH, args.url, reuse=args.reuse)
    try:
        figures = _measure(args)
    finally:
        if not args.keep:
            scratch_drop(SCRATCH, url)
    if args.json:
        print(json.dumps(figures))
    else:
        _table(figures)


def _measure(args: argparse.Namespace) -> dict[str, Any]:
    import django

    django.setup()
    from django.core.management import call_command

    from tracker import bootstrap

    call_command("migrate_all", verbosity=0, stdout=io.StringIO())
    store = bootstrap.event_store()
    events = _kept_events(store) if args.reuse else 0
    if not events:
        events = _generate(store, args.stories, args.events_per_story)
    fold_only, fold = _fold_rates(store)
    from tracker.projections.rebuild import rebuild

    started = time.perf_counter()
    with tqdm(total=events, desc="rebuild", unit="ev", file=sys.stderr) as bar:
        report = rebuild(store, progress=bar.update)
    rebuild_rate = report.events / (time.perf_counter() - started)
    return {"events": events, "rebuild": round(rebuild_rate), "fold": round(fold),
            "fold_only": round(fold_only)}  # fmt: skip


def _generate(store: Any, stories: int, size: int) -> int:
    from bench.corpus import Corpus
    from tracker.services.streams import append_pending

    corpus = Corpus()
    append_pending(corpus.actors(), versions={}, metadata={}, idempotency_key=None, request=None)
    count = len(corpus.directory.actors)
    with tqdm(total=stories * size, desc="corpus", unit="ev", file=sys.stderr) as bar:
        for _ in range(0, stories, STORY_BATCH):
            pending = [e for _ in range(STORY_BATCH) for e in corpus.story(size)]
            append_pending(pending, versions={}, metadata={}, idempotency_key=None, request=None)
            bar.update(len(pending))
            count += len(pending)
    return count


def _kept_events(store: Any) -> int:
    """Return how many events a kept corpus holds (0 when there is none)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM events")
        return int(cursor.fetchone()[0])


def _fold_rates(store: Any) -> tuple[float, float]:
    """Return (fold only, fold and render) in events/s over the corpus held in memory."""
    from tracker.domain import ACTOR_STREAM, ActorDirectory, StoryState, evolve, evolve_actors
    from tracker.projections.rows import actor_rows, story_rows

    events: list[Any] = []
    with tqdm(desc="load into memory", unit="ev", file=sys.stderr) as bar:
        while batch := store.read_all(after=events[-1].position if events else 0, limit=20_000):
            events += batch
            bar.update(len(batch))
    gc.disable()  # as the rebuild does: the same work, measured the same way
    started = time.perf_counter()
    states: dict[Any, StoryState] = {}
    directory = ActorDirectory()
    for event in events:
        if event.stream_type == ACTOR_STREAM:
            evolve_actors(directory, event)
        else:
            evolve(states.setdefault(event.stream_id, StoryState()), event)
    folded = time.perf_counter() - started
    actor_rows(directory, list(directory.actors))
    for story_id, state in states.items():
        story_rows(story_id, state, directory)
    rendered = time.perf_counter() - started
    gc.enable()
    return len(events) / folded, len(events) / rendered


def _table(figures: dict[str, Any]) -> None:
    print(f"corpus: {figures['events']:,} events")
    print(f"{'measure':<34}{'events/s':>12}")
    print(f"{'fold only (in memory)':<34}{figures['fold_only']:>12,}")
    print(f"{'fold + render rows (in memory)':<34}{figures['fold']:>12,}")
    print(f"{'rebuild_projections (end to end)':<34}{figures['rebuild']:>12,}")
    ratio = figures["rebuild"] / figures["fold"]
    print(f"rebuild / in-memory fold+render: {ratio:.2f} (target >= 0.3); target >= 20,000 ev/s")


if __name__ == "__main__":
    main()
