"""Path and header parameters the routers share."""

from __future__ import annotations

from uuid import UUID

from ninja import HeaderEx, P, PathEx

#: A story's UUID or slug.
StoryRef = PathEx[
    str,
    P(description="the story's UUID or slug", min_length=1, max_length=200, pattern=r"^[^\x00]+$"),
]
#: An actor's UUID.
ActorRef = PathEx[UUID, P(description="the actor's UUID")]
#: A development's event id.
EventRef = PathEx[UUID, P(description="the event id of the development")]

IdempotencyKey = HeaderEx[
    str | None,
    P(
        alias="Idempotency-Key",
        description="a retried request with the same key and body answers the first result",
    ),
]
IfMatch = HeaderEx[
    str | None,
    P(
        alias="If-Match",
        description='the story version the client saw, e.g. "3"; 409 when it moved on',
    ),
]
