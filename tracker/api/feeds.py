"""Atom feed endpoints: one story's developments, corrections and retractions, or every story's."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from ninja import Query, Router, Schema
from pydantic import Field

from tracker.api import caching
from tracker.api.auth import read_auth
from tracker.api.errors import responses
from tracker.api.params import StoryRef
from tracker.api.schemas.common import MAX_BIGINT
from tracker.exports import atom
from tracker.services import feeds

router = Router(tags=["feeds"], auth=read_auth)

ATOM_ANSWER = {
    "responses": {
        "200": {
            "description": "an Atom feed (RFC 4287), newest entry first; rel=next links the "
            "next page",
            "content": {atom.CONTENT_TYPE.split(";")[0]: {"schema": {"type": "string"}}},
        }
    }
}


class FeedPageQuery(Schema):
    """A page of a feed: how many entries, and the position to continue before."""

    limit: int = Field(
        feeds.DEFAULT_LIMIT, ge=1, le=feeds.MAX_LIMIT, description="entries per page (1 to 200)"
    )
    before: int | None = Field(
        None, ge=1, le=MAX_BIGINT, description="only entries before this position (next pages)"
    )


def _answer(request: HttpRequest, feed: feeds.Feed) -> HttpResponseBase:
    """Return a feed with a strong ETag of its bytes; 304 when the client holds it."""
    response = HttpResponse(feed.body, content_type=atom.CONTENT_TYPE)
    etag = caching.content_etag(feed.body)
    return caching.cacheable(request, response, etag, modified=feed.modified)


def _api_url(request: HttpRequest) -> str:
    """Return the absolute address of the API's base, ending in a slash."""
    return request.build_absolute_uri("/api/v1/")


@router.get(
    "/stories/{story}/feed.atom",
    response=responses({}, 400, 401, 404, 422),
    openapi_extra=ATOM_ANSWER,
)
def stories_feed(
    request: HttpRequest, story: StoryRef, params: Query[FeedPageQuery]
) -> HttpResponseBase:
    """Return the Atom feed of a story: its developments, corrections and retractions."""
    feed = feeds.story_feed(story=story, api_url=_api_url(request), **params.dict())
    return _answer(request, feed)


@router.get("/feed.atom", response=responses({}, 400, 401, 422), openapi_extra=ATOM_ANSWER)
def feed_all(request: HttpRequest, params: Query[FeedPageQuery]) -> HttpResponseBase:
    """Return the Atom feed of every story: developments, corrections and retractions."""
    feed = feeds.all_stories_feed(api_url=_api_url(request), **params.dict())
    return _answer(request, feed)
