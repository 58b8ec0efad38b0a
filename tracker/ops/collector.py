"""Keep full garbage collections short in the served processes, whose objects mostly live long.

CPython's full (generation 2) collection walks every tracked object. The stream process
holds a few hundred objects per open stream, so with 2,000 streams each full collection
took 110-200 ms, a stall every 15-20 s for every request of that process; a web worker's
(Django, the projector, about 136,000 objects) took 44-65 ms. After each full collection,
what survived it is frozen (`gc.freeze`): later full collections walk only what is newer.
Frozen objects are still freed by reference counting; only reference cycles among them
wait. A closed stream leaves such cycles (about 19 KB a stream: 2,000 reconnecting streams
kept 38 MB more each time), so everything is thawed, and the next full collection walks and
frees it all, once the objects frozen since the last such walk reach `growth` (half) of what
that walk left, and at the latest every `thaw_seconds`. Sizes are counted as they are frozen
(`gc.get_freeze_count` walks every frozen object, 27 ms at 390,000: it is called only when
that count says a thaw may be due, and decides it).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any

FULL = 2  # the oldest generation: a full collection


class SurvivorFreezer:
    """A gc callback that freezes the survivors of each full collection, thawing now and then."""

    def __init__(
        self,
        thaw_seconds: float,
        growth: float = 0.5,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.thaw_seconds = thaw_seconds
        self.growth = growth
        self.clock = clock
        self.thawed_at = clock()
        self.walked = 0  # objects the last collection that walked everything left
        self.since = 0  # objects frozen since then
        self.count_at = 0.0  # `since` past which the frozen objects are counted
        self.walk_all = True  # the next full collection walks everything (nothing frozen yet)
        self.counted = 0  # times the frozen objects were counted
        self.frozen = 0  # full collections followed by a freeze
        self.thawed = 0  # full collections followed by a thaw

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        """After a full collection: freeze its survivors, or thaw all when it is time."""
        if phase != "stop" or info.get("generation") != FULL:
            return
        survivors = len(gc.get_objects(generation=FULL))  # not the frozen ones
        if self.walk_all:  # this one walked everything: what it left is what lives
            self.walked, self.since, self.walk_all = survivors, 0, False
            self.count_at = survivors * self.growth
        else:
            self.since += survivors
            if self._thaw_due(survivors):
                gc.unfreeze()  # the next full collection walks everything, cycles included
                self.walk_all, self.thawed_at = True, self.clock()
                self.thawed += 1
                return
        gc.freeze()
        self.frozen += 1

    def _thaw_due(self, survivors: int) -> bool:
        """Return whether too much was frozen, or for too long, since the last full walk.

        `since` counts what was frozen, also what reference counting freed later (a request's
        objects frozen in passing). Once it says too much, the frozen objects are counted
        (a walk of them all, about 27 ms at 390,000, instead of 150 ms or more for a thaw and
        full walk), and that count decides; if it does not thaw, the next count waits until
        half the share more was frozen.
        """
        if self.clock() - self.thawed_at >= self.thaw_seconds:
            return True
        if self.since <= self.count_at:
            return False
        self.since = max(0, gc.get_freeze_count() + survivors - self.walked)
        self.counted += 1
        allowed = self.walked * self.growth
        self.count_at = self.since + allowed / 2
        return self.since > allowed

    def install(self) -> SurvivorFreezer:
        """Start freezing (once per process); return self."""
        if self not in gc.callbacks:
            gc.callbacks.append(self)
        return self

    def uninstall(self) -> None:
        """Stop freezing and thaw what is frozen."""
        if self in gc.callbacks:
            gc.callbacks.remove(self)
        gc.unfreeze()


def freeze_survivors(thaw_seconds: float) -> SurvivorFreezer | None:
    """Install a SurvivorFreezer thawing every `thaw_seconds`, and freeze what lives now.

    Called once a served process has loaded its application, before it serves: the first
    full collection then happens here, not under a request. 0 or less installs none.
    """
    if thaw_seconds <= 0:
        return None
    freezer = SurvivorFreezer(thaw_seconds).install()
    gc.collect()  # ends with the freeze
    return freezer
