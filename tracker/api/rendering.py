"""JSON rendering: times in UTC with microseconds and a Z, so `as_of` can name any event."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder


def iso_utc(moment: datetime) -> str:
    """Return an aware time as ISO 8601 in UTC with a Z (naive times are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


class TrackerJSONEncoder(NinjaJSONEncoder):
    """Django's encoder, but with full-precision UTC times (Django's drops microseconds)."""

    def default(self, o: Any) -> Any:
        """Return a JSON-ready value for times, UUIDs, decimals and pydantic models."""
        if isinstance(o, datetime):
            return iso_utc(o)
        return super().default(o)


class TrackerRenderer(JSONRenderer):
    """Render every API answer with TrackerJSONEncoder."""

    encoder_class = TrackerJSONEncoder
