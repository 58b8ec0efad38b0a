"""Export endpoints: a story in an exchange format (TimelineJS, ninjs, PLOVER, CSV...)."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from ninja import P, PathEx, Query, Router, Schema
from pydantic import Field, model_validator

from tracker.api import caching
from tracker.api.auth import read_auth
from tracker.api.errors import responses
from tracker.api.params import StoryRef
from tracker.api.schemas.common import Moment, Version
from tracker.exports import registry
from tracker.exports.base import ExportOptions
from tracker.services.exports import export_story

router = Router(tags=["exports"], auth=read_auth)

FormatName = PathEx[
    str,
    P(
        description="the format: " + ", ".join(registry.names()),
        min_length=1,
        max_length=200,
    ),
]


class ExportQuery(Schema):
    """Replay parameters of an export, and what to do with retracted developments.

    Exports fold the story's events as stored: they never wait for the read models.
    """

    version: Version | None = Field(None, ge=1, description="the state after the first N events")
    as_of: Moment | None = Field(None, description="a time; see basis")
    basis: Literal["recorded", "occurred"] = Field(
        "recorded", description="as_of is when it was recorded (known), or when it occurred"
    )
    retracted: Literal["omit", "mark"] = Field(
        "omit", description="leave retracted developments out, or mark them (where a format can)"
    )

    @model_validator(mode="after")
    def _one_point(self) -> ExportQuery:
        if self.version is not None and self.as_of is not None:
            raise ValueError("give version or as_of, not both")
        return self


def _media_types() -> dict[str, Any]:
    """Return the 200 answer of the OpenAPI document: each format's media type."""
    types: dict[str, Any] = {
        fmt.content_type.split(";")[0]: {"schema": {}} for fmt in registry.FORMATS.values()
    }
    return {"responses": {"200": {"description": "the export", "content": types}}}


@router.get(
    "/stories/{story}/export/{format}",
    response=responses({}, 400, 401, 404, 422),
    openapi_extra=_media_types(),
)
def stories_export(
    request: HttpRequest,
    story: StoryRef,
    format: FormatName,
    params: Query[ExportQuery],
) -> HttpResponseBase:
    """Return the story in an exchange format, now or replayed (version, or as_of with a basis).

    Formats: timelinejs, ninjs, plover (JSON Lines), csv, csv-deletions, and every other
    format the registry names; an unknown one answers 404 listing them. A strong ETag (story
    version, format, rendering, digest) answers 304 to a matching If-None-Match.
    """
    export = export_story(
        story,
        format,
        version=params.version,
        as_of=params.as_of,
        basis=params.basis,
        options=ExportOptions(retracted=params.retracted),
    )
    response = HttpResponse(export.body, content_type=export.format.content_type)
    response["Content-Disposition"] = f'inline; filename="{export.filename}"'
    pinned = params.version is not None and export.version == params.version
    return caching.cacheable(
        request, response, export.etag, pinned=pinned, modified=export.modified
    )
