"""The served processes' garbage collector: a full collection's survivors frozen, then thawed."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from tracker.ops.collector import SurvivorFreezer, freeze_survivors


@pytest.fixture(autouse=True)
def _only_explicit_collections() -> Iterator[None]:
    """Stop automatic collections meanwhile: only the test's own gc.collect() calls run."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        """Return the current time."""
        return self.now


def test_survivors_of_a_full_collection_are_frozen_then_thawed_after_the_interval() -> None:
    """A full collection freezes what survived it; after thaw_seconds the next one thaws all."""
    clock = Clock()
    freezer = SurvivorFreezer(thaw_seconds=60, clock=clock).install()
    try:
        gc.collect()
        assert freezer.frozen == 1
        assert gc.get_freeze_count() > 0
        gc.collect(1)  # a younger generation's collection changes nothing
        assert (freezer.frozen, freezer.thawed) == (1, 0)
        clock.now += 61
        gc.collect()
        assert freezer.thawed == 1
        assert gc.get_freeze_count() == 0
        gc.collect()  # the interval starts again from the thaw
        assert (freezer.frozen, freezer.thawed) == (2, 1)
    finally:
        freezer.uninstall()
    assert gc.get_freeze_count() == 0
    assert freezer not in gc.callbacks


class Node:
    """An object that can sit in a reference cycle and be watched through a weak reference."""

    def __init__(self) -> None:
        self.itself = self


def test_a_cycle_dropped_while_frozen_is_freed_only_after_the_thaw() -> None:
    """Frozen objects are not walked; after the thaw the next full collection frees the cycle."""
    clock = Clock()
    freezer = SurvivorFreezer(thaw_seconds=60, clock=clock).install()
    try:
        node = Node()
        watched = weakref.ref(node)
        gc.collect()  # the cycle is alive: it survives and is frozen
        del node
        gc.collect()
        assert watched() is not None  # garbage now, but frozen: not walked
        clock.now += 61
        gc.collect()  # ends with the thaw
        gc.collect()  # walks everything again
        assert watched() is None
    finally:
        freezer.uninstall()


def test_frozen_objects_grown_by_the_growth_share_are_thawed_before_the_interval() -> None:
    """Freezing more than `growth` of what the last full walk left thaws all at once."""
    freezer = SurvivorFreezer(thaw_seconds=3600, growth=0.1, clock=Clock()).install()
    try:
        gc.collect()  # walks everything and freezes what lives
        walked = freezer.walked
        assert walked > 0 and freezer.thawed == 0
        kept: list[list[int]] = [[] for _ in range(walked // 5)]  # 20 % more objects, alive
        gc.collect()  # they survive: more than 10 % of what was walked, so all is thawed
        assert freezer.thawed == 1
        assert gc.get_freeze_count() == 0
        gc.collect()  # walks everything again, then freezes it as the new measure
        # The new measure holds the kept lists (give or take what the process freed meanwhile).
        assert freezer.walked > walked + len(kept) // 2
        assert gc.get_freeze_count() > freezer.walked // 2
        del kept
    finally:
        freezer.uninstall()


def test_frozen_objects_freed_since_do_not_count_towards_a_thaw() -> None:
    """Objects frozen in passing and freed later: the real count, not the tally, decides."""
    freezer = SurvivorFreezer(thaw_seconds=3600, growth=0.5, clock=Clock()).install()
    try:
        gc.collect()
        walked = freezer.walked
        for _ in range(3):  # 3 x 20 % frozen in passing: the tally passes 50 %
            passing: list[list[int]] = [[] for _ in range(walked // 5)]
            gc.collect()
            del passing  # freed by reference counting, frozen as they were
        gc.collect()
        assert freezer.counted == 1  # the tally said 60 %: the frozen objects were counted
        assert freezer.thawed == 0  # and only what lives was there
    finally:
        freezer.uninstall()


def test_zero_seconds_installs_nothing() -> None:
    """TRACKER_GC_THAW_SECONDS=0 leaves the collector as CPython has it."""
    before = list(gc.callbacks)
    assert freeze_survivors(0) is None
    assert gc.callbacks == before
