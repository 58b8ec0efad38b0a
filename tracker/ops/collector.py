"""Keep full garbage collections short in the served processes, whose objects mostly live long.

CPython's full (generation 2) collection walks every tracked object. The stream process
holds a few hundred objects per open stream, so with 2,000 streams each full collection
took 110-200 ms, a stall every 15-20 s for every request of that process; a web worker's
(Django, the projector, about 136,000 objects) took 44-65 ms. After each full collection,
what survived it is frozen (`gc.freeze`): later full collections walk only what is newer.
Frozen objects are still freed by reference counting; only reference cycles among them
wait, so every `thaw_seconds` they are thawed and the next full collection walks, and
frees, everything once.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any

FULL = 2  # the oldest generation: a full collection


class SurvivorFreezer:
    """A gc callback that freezes the survivors of each full collection, thawing now and then."""

    def __init__(self, thaw_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.thaw_seconds = thaw_seconds
        self.clock = clock
        self.thawed_at = clock()
        self.frozen = 0  # full collections followed by a freeze
        self.thawed = 0  # full collections followed by a thaw

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        """After a full collection: freeze its survivors, or thaw all once the time has come."""
        if phase != "stop" or info.get("generation") != FULL:
            return
        now = self.clock()
        if now - self.thawed_at >= self.thaw_seconds:
            gc.unfreeze()  # the next full collection walks everything, cycles included
            self.thawed_at = now
            self.thawed += 1
        else:
            gc.freeze()
            self.frozen += 1

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
