"""Development endpoints: record a development; correct or retract one."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Body, Router
from ninja.responses import Status

from tracker.api.auth import write_auth
from tracker.api.errors import WRITE_ERRORS, responses
from tracker.api.openapi import DEVELOPMENT_BODY
from tracker.api.params import EventRef, IdempotencyKey, IfMatch, StoryRef
from tracker.api.schemas.writes import CorrectionIn, RetractionIn, WriteOut
from tracker.api.writing import mark, story_write_args, story_written
from tracker.services.developments import (
    development_correct,
    development_record,
    development_retract,
)

router = Router(tags=["developments"], auth=write_auth)
WRITTEN = responses({201: WriteOut}, *WRITE_ERRORS)


@router.post("/stories/{story}/developments", response=WRITTEN, openapi_extra=DEVELOPMENT_BODY)
def developments_create(
    request: HttpRequest,
    story: StoryRef,
    development: Body[dict[str, Any]],
    response: HttpResponse,
    key: IdempotencyKey = None,
    if_match: IfMatch = None,
) -> Status[dict[str, Any]]:
    """Record a development of the story; `type` picks its fields."""
    args = story_write_args(request, key=key, if_match=if_match)
    result = development_record(story=story, development=development, **args)
    mark(response, result)
    return Status(201, story_written(result))


@router.post("/stories/{story}/developments/{event_id}/correction", response=WRITTEN)
def developments_correct(
    request: HttpRequest,
    story: StoryRef,
    event_id: EventRef,
    payload: CorrectionIn,
    response: HttpResponse,
    key: IdempotencyKey = None,
    if_match: IfMatch = None,
) -> Status[dict[str, Any]]:
    """Correct fields of a development; the original stays in its history."""
    args = story_write_args(request, key=key, if_match=if_match)
    result = development_correct(story=story, target=event_id, **payload.dict(), **args)
    mark(response, result)
    return Status(201, story_written(result))


@router.post("/stories/{story}/developments/{event_id}/retraction", response=WRITTEN)
def developments_retract(
    request: HttpRequest,
    story: StoryRef,
    event_id: EventRef,
    payload: RetractionIn,
    response: HttpResponse,
    key: IdempotencyKey = None,
    if_match: IfMatch = None,
) -> Status[dict[str, Any]]:
    """Retract a development; it stays in the timeline, marked retracted."""
    args = story_write_args(request, key=key, if_match=if_match)
    result = development_retract(story=story, target=event_id, **payload.dict(), **args)
    mark(response, result)
    return Status(201, story_written(result))
