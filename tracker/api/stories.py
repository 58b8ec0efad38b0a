"""Story endpoints: open a story; list, read, replay and follow stories."""

from __future__ import annotations

from typing import Any

import orjson
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from ninja import Query, Router
from ninja.responses import Status

from tracker.api import caching
from tracker.api.auth import read_auth, write_auth
from tracker.api.errors import responses
from tracker.api.params import IdempotencyKey, StoryRef
from tracker.api.schemas.events import StreamPageOut
from tracker.api.schemas.queries import ChangesQuery, ReplayQuery, StoryListQuery, StreamPageQuery
from tracker.api.schemas.state import StoryStateOut
from tracker.api.schemas.stories import ChangesOut, StoryListOut, TimelineOut
from tracker.api.schemas.writes import StoryCreatedOut, StoryIn
from tracker.api.writing import mark, story_created, write_args
from tracker.services import selectors
from tracker.services.selectors import answers
from tracker.services.stories import story_open

router = Router(tags=["stories"], auth=read_auth)


@router.post(
    "/stories",
    auth=write_auth,
    response=responses({201: StoryCreatedOut}, 400, 401, 403, 409, 413, 415, 422),
)
def stories_create(
    request: HttpRequest, payload: StoryIn, response: HttpResponse, key: IdempotencyKey = None
) -> Status[dict[str, Any]]:
    """Open a story."""
    result = story_open(**payload.dict(), **write_args(request, key=key))
    mark(response, result)
    return Status(201, story_created(result))


@router.get("/stories", response=responses({200: StoryListOut}, 400, 401, 422))
def stories_list(request: HttpRequest, params: Query[StoryListQuery]) -> dict[str, Any]:
    """List stories, newest development first; `q` searches titles and developments."""
    return selectors.story_list(**params.dict())


@router.get("/stories/{story}", response=responses({200: StoryStateOut}, 400, 401, 404, 409, 422))
def stories_get(
    request: HttpRequest, story: StoryRef, params: Query[ReplayQuery]
) -> HttpResponseBase:
    """Return the story state, now or replayed (version, or as_of with a basis).

    Answers carry a strong ETag (304 to a matching If-None-Match), Cache-Control (immutable
    for a replay pinned to a version the story has reached) and Last-Modified.
    """
    read = answers.story_read(story=story, **params.arguments())
    response = HttpResponse(read.body, content_type="application/json")
    if read.validators is not None:
        etag = caching.story_etag(read.validators)
        modified = read.validators.modified
    else:
        etag, modified = caching.replay_etag(read.version, read.body), None
    pinned = params.version is not None and read.version == params.version
    return caching.cacheable(request, response, etag, pinned=pinned, modified=modified)


@router.get(
    "/stories/{story}/timeline", response=responses({200: TimelineOut}, 400, 401, 404, 409, 422)
)
def stories_timeline(
    request: HttpRequest, story: StoryRef, params: Query[ReplayQuery]
) -> HttpResponseBase:
    """Return the story's developments by occurred_at, then position (replayable)."""
    read = answers.timeline_read(story=story, **params.arguments())
    answer: dict[str, Any] = {"items": read.items}
    if read.replay is not None:
        answer["replay"] = read.replay
    body = orjson.dumps(answer)
    response = HttpResponse(body, content_type="application/json")
    modified = read.validators.modified if read.validators is not None else None
    pinned = params.version is not None and read.version == params.version
    return caching.cacheable(
        request, response, caching.content_etag(body), pinned=pinned, modified=modified
    )


@router.get("/stories/{story}/events", response=responses({200: StreamPageOut}, 400, 401, 404, 422))
def stories_events(
    request: HttpRequest, story: StoryRef, params: Query[StreamPageQuery]
) -> dict[str, Any]:
    """Return the story's raw events after a version, for replay."""
    return selectors.story_events(story=story, **params.dict())


@router.get("/stories/{story}/changes", response=responses({200: ChangesOut}, 400, 401, 404, 422))
def stories_changes(
    request: HttpRequest, story: StoryRef, params: Query[ChangesQuery]
) -> dict[str, Any]:
    """Return what was added, corrected, retracted or changed status since a time or version."""
    return selectors.story_changes(story=story, **params.dict())
