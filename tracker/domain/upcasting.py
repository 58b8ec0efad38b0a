"""Upcasters: bring old payload versions up to the current schema when events are read.

A registered function takes the data of (event_type, version N) and returns it as version N+1;
`upcast` chains them. History of the schemas:

- statement v1 -> v2: the statement's words moved from `text` to `content`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from tracker.domain.event_types import CURRENT_SCHEMA_VERSIONS

Upcaster = Callable[[Mapping[str, Any]], Mapping[str, Any]]

UPCASTERS: dict[tuple[str, int], Upcaster] = {}


def upcaster(event_type: str, from_version: int) -> Callable[[Upcaster], Upcaster]:
    """Register a function that turns `event_type` data of `from_version` into the next one."""

    def register(function: Upcaster) -> Upcaster:
        UPCASTERS[(event_type, from_version)] = function
        return function

    return register


def upcast(event_type: str, schema_version: int, data: Mapping[str, Any]) -> Mapping[str, Any]:
    """Return `data` brought to the current schema version of `event_type`."""
    current = CURRENT_SCHEMA_VERSIONS.get(event_type, schema_version)
    version = schema_version
    while version < current:
        step = UPCASTERS.get((event_type, version))
        if step is None:
            break
        data = step(data)
        version += 1
    return data


@upcaster("statement", 1)
def _statement_text_to_content(data: Mapping[str, Any]) -> Mapping[str, Any]:
    """Rename a v1 statement's `text` to v2's `content`."""
    out = {key: value for key, value in data.items() if key != "text"}
    if "text" in data and "content" not in data:
        out["content"] = data["text"]
    return out
