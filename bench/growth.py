"""Benchmark how one write, one read and the projector's apply rate change as a story grows.

In a scratch database on the project's server, one story grows (through the services, one
command per development, the vocabulary's mix with corrections and retractions) to each
size asked for; at each size it measures the median time of one more write (decide, append,
catch the read models up), of one read of the story (`story_get_json`, as the API serves it),
and the projector's apply rate over events appended while the catch-up was off. The baseline,
measured in the same run: the store's raw append of one event (no decision, no projection).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from typing import Any

from tqdm import tqdm

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.scratch import scratch_drop, scratch_setup

SCRATCH = "tracker_bench_growth"
SIZES = (100, 1_000, 10_000)


def main() -> None:
    """Grow the story, measure at each size, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="story sizes (events)")
    parser.add_argument("--samples", type=int, default=15, help="writes and reads timed per size")
    parser.add_argument(
        "--apply-events", type=int, default=200, help="events appended per size to time applying"
    )
    parser.add_argument(
        "--bulk", action="store_true", help="grow by appending decided events straight to the store"
    )
    parser.add_argument(
        "--merge-stories", type=int, default=0,
        help="also time merging an actor named in this many stories (0: skip)",
    )  # fmt: skip
    parser.add_argument(
        "--sync-commit", action="store_true", help="projection transactions commit synchronously"
    )
    parser.add_argument("--url", help="PostgreSQL server URL (default: the project's database)")
    parser.add_argument("--json", action="store_true", help="print one flat JSON object")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()
    base = scratch_setup(SCRATCH, args.url)
    try:
        figures = _measure(args, [int(size) for size in args.sizes.split(",")])
    finally:
        if not args.keep:
            scratch_drop(SCRATCH, base)
    if args.json:
        print(json.dumps(figures))
    else:
        _table(figures)


def _median_ms(action: Callable[[], object], samples: int) -> float:
    timings = []
    for _ in range(samples):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(timings), 2)


def _measure(args: argparse.Namespace, sizes: list[int]) -> dict[str, Any]:
    import django

    django.setup()
    from django.core.management import call_command

    from tracker import bootstrap

    call_command("migrate_all", verbosity=0, stdout=io.StringIO())
    if args.sync_commit:
        from tracker.projections import checkpoint

        checkpoint.ASYNC_COMMIT = False
    store = bootstrap.event_store()
    story = _Story(store, bulk=args.bulk)
    figures: dict[str, Any] = {"raw_append_ms": _median_ms(lambda: _raw_append(store), 50)}
    with tqdm(total=max(sizes), desc="grow story", unit="ev", file=sys.stderr) as bar:
        for size in sizes:
            story.grow_to(size, bar)
            figures |= _at_size(story, size, args)
    if args.merge_stories:
        figures |= _merge(store, args.merge_stories)
    return figures


def _merge(store: Any, count: int) -> dict[str, Any]:
    """Time merging an actor named in `count` stories, and rendering what it left pending."""
    from tracker.domain import actor_id_for_name
    from tracker.eventstore import NO_STREAM, NewEvent
    from tracker.projections import projector
    from tracker.services import actors, developments, stories, streams

    name, into = "Merged Envoy", "Surviving Envoy"
    actors.actor_register(name=into, kind="person")
    stories.story_open(title="Merge template", slug="merge-template")
    body = {"type": "statement", "summary": "Said", "speaker": {"name": name}, "content": "Yes",
            "source": {"outlet": "Reuters"}}  # fmt: skip
    developments.development_record(story="merge-template", development=body)
    opened, said = store.read_stream(streams.story_id_of("merge-template"))
    for start in tqdm(range(0, count, 100), desc="merge stories", file=sys.stderr):
        for _ in range(start, min(start + 100, count)):
            story_id = uuid.uuid4()
            events = [
                NewEvent(opened.event_type, {**opened.data, "slug": f"m-{story_id}"}),
                NewEvent(said.event_type, said.data, occurred_at=said.occurred_at),
            ]
            store.append(story_id, "story", events, expected_version=NO_STREAM)
        projector.catch_up(store, position=store.last_position(), timeout=600)
    started = time.perf_counter()
    actors.actor_merge(actor_id=actor_id_for_name(name), into=actor_id_for_name(into))
    merge_ms = (time.perf_counter() - started) * 1000
    from tracker.projections import pending

    started = time.perf_counter()
    while pending.render_some(store):
        pass
    drain = time.perf_counter() - started
    return {f"merge_ms_{count}": round(merge_ms, 1), f"merge_render_s_{count}": round(drain, 2)}


def _raw_append(store: Any) -> None:
    from tracker.eventstore import NO_STREAM, NewEvent

    store.append(uuid.uuid4(), "bench", [NewEvent("noted", {"n": 1})], expected_version=NO_STREAM)


def _at_size(story: _Story, size: int, args: argparse.Namespace) -> dict[str, Any]:
    from django.conf import settings

    from tracker import bootstrap
    from tracker.projections import projector
    from tracker.services.selectors import story_get_json

    out: dict[str, Any] = {}
    out[f"write_ms_{size}"] = _median_ms(story.statement, args.samples)
    started = time.perf_counter()
    story_get_json(story=story.ref)
    out[f"read_first_ms_{size}"] = round((time.perf_counter() - started) * 1000, 2)
    out[f"read_ms_{size}"] = _median_ms(lambda: story_get_json(story=story.ref), args.samples)
    settings.TRACKER_CATCH_UP_ON_WRITE = False
    try:
        for _ in range(args.apply_events):
            story.statement()
    finally:
        settings.TRACKER_CATCH_UP_ON_WRITE = True
    store = bootstrap.event_store()
    head = store.last_position()
    started = time.perf_counter()
    applied = 0
    while projector.checkpoint_position() < head:
        applied += projector.apply_batch(store) or 0
    out[f"apply_{size}"] = round(applied / (time.perf_counter() - started))
    return out


class _Story:
    """One story grown with the corpus's mix, through the services or straight into the store."""

    def __init__(self, store: Any, *, bulk: bool) -> None:
        from bench.corpus import Corpus
        from tracker.services import stories
        from tracker.services.streams import append_pending

        self.store, self.bulk = store, bulk
        self.corpus = Corpus()
        append_pending(
            self.corpus.actors(), versions={}, metadata={}, idempotency_key=None, request=None
        )
        self.cast = self.corpus.rng.sample(list(self.corpus.cast), len(self.corpus.cast))
        self.live: list[uuid.UUID] = []
        self.version = 0
        if bulk:
            self.pending = self.corpus.story(10**9)
            opened = next(self.pending)
            self.ref = str(opened.stream_id)
            self._append([opened])
        else:
            self.ref = stories.story_open(title="Growing story", slug="growing-story").slug or ""
            self.version = 1

    def grow_to(self, size: int, bar: Any) -> None:
        """Add developments until the story holds `size` events."""
        while self.version < size:
            before = self.version
            if self.bulk:
                self._append([next(self.pending) for _ in range(min(500, size - self.version))])
            else:
                self._one()
            bar.update(self.version - before)

    def _append(self, pending: list[Any]) -> None:
        from tracker.projections import projector
        from tracker.services.streams import append_pending

        results = append_pending(
            pending,
            versions={pending[0].stream_id: self.version},
            metadata={},
            idempotency_key=None,
            request=None,
        )
        self.version = results[0].last_version
        projector.catch_up(self.store, position=results[0].positions[-1], timeout=600)

    def _one(self) -> None:
        from bench.corpus import development_input
        from tracker.domain import DomainError
        from tracker.services import developments

        kind = self.corpus.rng.choice(self.corpus.types)
        try:
            if kind == "development_corrected" and self.live:
                result = developments.development_correct(
                    story=self.ref,
                    target=self.corpus.rng.choice(self.live),
                    changes={"summary": "corrected"},
                    reason="fix",
                )
            elif kind == "development_retracted" and self.live:
                target = self.corpus.rng.choice(self.live)
                result = developments.development_retract(
                    story=self.ref, target=target, reason="false"
                )
                self.live.remove(target)
            else:
                kind = "statement" if kind.startswith("development_") else kind
                body = development_input(kind, self.corpus.rng, self.live, self.cast)
                result = developments.development_record(story=self.ref, development=body)
                self.live.append(result.event_id)
        except DomainError:
            return
        self.version = result.version

    def statement(self) -> None:
        """Record one more statement through the services."""
        from bench.corpus import development_input
        from tracker.services import developments

        body = development_input("statement", self.corpus.rng, self.live, self.cast)
        result = developments.development_record(story=self.ref, development=body)
        self.version = result.version


def _table(figures: dict[str, Any]) -> None:
    print(f"baseline: the store's raw append of one event: {figures['raw_append_ms']} ms")
    sizes = sorted({int(key.rsplit("_", 1)[1]) for key in figures if key.startswith("write_ms_")})
    print(f"{'events':>8}{'write ms':>10}{'read ms':>10}{'1st read ms':>13}{'apply ev/s':>12}")
    for size in sizes:
        print(
            f"{size:>8,}{figures[f'write_ms_{size}']:>10}{figures[f'read_ms_{size}']:>10}"
            f"{figures[f'read_first_ms_{size}']:>13}{figures[f'apply_{size}']:>12,}"
        )
    low, high = sizes[0], sizes[-1]
    write = figures[f"write_ms_{high}"] / figures[f"write_ms_{low}"]
    apply = figures[f"apply_{high}"] / figures[f"apply_{low}"]
    print(f"write at {high:,} / at {low:,}: {write:.2f} (target <= 1.5)")
    print(f"apply rate at {high:,} / at {low:,}: {apply:.2f} (target >= 0.8)")
    raw = figures[f"write_ms_{low}"] / figures["raw_append_ms"]
    print(f"write at {low:,} / the store's raw append: {raw:.1f}")


if __name__ == "__main__":
    main()
