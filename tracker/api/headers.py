"""The write headers: If-Match (expected story version) and Idempotency-Key."""

from __future__ import annotations

import re

from tracker.api.errors import ApiError

IF_MATCH = re.compile(r'^\s*(?:"(\d{1,18})"|(\d{1,18}))\s*$')
IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,200}$")  # visible ASCII, no spaces


def _invalid(header: str, message: str) -> ApiError:
    detail = f"The {header} header is not valid: {message}."
    return ApiError(422, "invalid_header", detail, [{"field": header, "message": message}])


def expected_version(if_match: str | None) -> int | None:
    """Return the version an If-Match header names ("N" or N); None when absent or `*`."""
    if if_match is None or if_match.strip() == "*":
        return None
    found = IF_MATCH.match(if_match)
    if found is None:
        raise _invalid("If-Match", 'expected a story version such as "3"')
    return int(found.group(1) or found.group(2))


def idempotency_key(value: str | None) -> str | None:
    """Return the Idempotency-Key header, checked: 1 to 200 visible ASCII characters."""
    if value is None:
        return None
    if IDEMPOTENCY_KEY.match(value) is None:
        raise _invalid("Idempotency-Key", "expected 1 to 200 visible ASCII characters")
    return value


def etag(version: int) -> str:
    """Return the ETag header value of a story version (what If-Match sends back)."""
    return f'"{version}"'


def last_event_id(value: str | None, *, default: int | None) -> int | None:
    """Return the position a Last-Event-ID header names (it wins over `after`)."""
    if value is None or not value.strip():
        return default
    text = value.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        raise _invalid("Last-Event-ID", "expected the position of an event, e.g. 4711")
    return int(text)
