"""HTTP caching of reads: strong ETags, If-None-Match (304), Cache-Control, Last-Modified."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import http_date

from tracker.services.selectors.documents import RENDERING, Validators

#: Headers a 304 answer repeats from the 200 it stands for.
KEPT_ON_304 = ("ETag", "Cache-Control", "Last-Modified", "Vary")


def story_etag(validators: Validators) -> str:
    """Return the strong ETag of a live story: its version, the rendering and the row's write.

    The row's write (its transaction id) changes whenever the projector rewrites the stored
    document, also when only an actor it shows changed; the version leads, so an If-Match
    of a write may send the ETag back as it came.
    """
    stale = "-stale" if validators.stuck else ""
    return f'"{validators.version}-r{RENDERING}-{validators.stamp}{stale}"'


def replay_etag(version: int, body: bytes) -> str:
    """Return the strong ETag of a replayed state: its version and a digest of its bytes."""
    return f'"{version}-r{RENDERING}-{content_digest(body)}"'


def content_etag(body: bytes) -> str:
    """Return a strong ETag that is a digest of the answer's bytes."""
    return f'"{content_digest(body)}"'


def content_digest(body: bytes) -> str:
    """Return a short digest of bytes (16 hex digits)."""
    return hashlib.blake2b(body, digest_size=8).hexdigest()


def matches(if_none_match: str | None, etag: str) -> bool:
    """Return whether an If-None-Match header names this ETag (weak comparison), or is `*`."""
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    return etag in _tags(if_none_match.split(","))


def _tags(values: Iterable[str]) -> set[str]:
    return {value.strip().removeprefix("W/") for value in values}


def cache_control(*, pinned: bool = False, public: bool | None = None) -> str:
    """Return Cache-Control of a read: short and revalidated, or immutable when pinned.

    Reads that need a token are private to the client and revalidated on every use.
    """
    if not (settings.TRACKER_PUBLIC_READ if public is None else public):
        return "private, no-cache"
    if pinned:
        return f"public, max-age={settings.TRACKER_CACHE_REPLAY_SECONDS}, immutable"
    return (
        f"public, max-age={settings.TRACKER_CACHE_MAX_AGE}, "
        f"stale-while-revalidate={settings.TRACKER_CACHE_STALE_WHILE_REVALIDATE}"
    )


def last_modified(moment: datetime | None) -> str | None:
    """Return an HTTP date for Last-Modified, or None without a time."""
    return http_date(moment.timestamp()) if moment is not None else None


def cacheable(
    request: HttpRequest,
    response: HttpResponse,
    etag: str,
    *,
    pinned: bool = False,
    modified: datetime | None = None,
) -> HttpResponseBase:
    """Set the caching headers of a read; answer 304 when the client holds this very ETag."""
    response["ETag"] = etag
    response["Cache-Control"] = cache_control(pinned=pinned)
    stamp = last_modified(modified)
    if stamp is not None:
        response["Last-Modified"] = stamp
    if not matches(request.headers.get("If-None-Match"), etag):
        return response
    return not_modified(response)


def not_modified(response: HttpResponseBase) -> HttpResponse:
    """Return the 304 answer standing for `response`: its validators and no body."""
    answer = HttpResponse(status=304)
    for name in KEPT_ON_304:
        if name in response:
            answer[name] = response[name]
    del answer["Content-Type"]
    if isinstance(response, HttpResponse):  # what the 200 would have sent, never 0
        answer["Content-Length"] = str(len(response.content))
    return answer
