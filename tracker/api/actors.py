"""Actor endpoints: register, add an alias, merge; list and read actors."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from ninja import Query, Router
from ninja.responses import Status

from tracker.api import caching
from tracker.api.auth import read_auth, write_auth
from tracker.api.errors import WRITE_ERRORS, responses
from tracker.api.params import ActorRef, IdempotencyKey
from tracker.api.rendering import TrackerJSONEncoder
from tracker.api.schemas.actors import ActorListOut, ActorOut
from tracker.api.schemas.queries import ActorListQuery
from tracker.api.schemas.writes import ActorIn, ActorWriteOut, AliasIn, MergeIn
from tracker.api.writing import actor_written, mark, write_args
from tracker.services import selectors
from tracker.services.actors import actor_alias_add, actor_merge, actor_register

router = Router(tags=["actors"], auth=read_auth)


@router.post("/actors", auth=write_auth, response=responses({201: ActorWriteOut}, *WRITE_ERRORS))
def actors_create(
    request: HttpRequest, payload: ActorIn, response: HttpResponse, key: IdempotencyKey = None
) -> Status[dict[str, Any]]:
    """Register an actor: a person, organization, country or place."""
    result = actor_register(**payload.dict(), **write_args(request, key=key))
    mark(response, result)
    return Status(201, actor_written(result))


@router.post(
    "/actors/{actor_id}/aliases",
    auth=write_auth,
    response=responses({201: ActorWriteOut}, *WRITE_ERRORS),
)
def actors_alias(
    request: HttpRequest,
    actor_id: ActorRef,
    payload: AliasIn,
    response: HttpResponse,
    key: IdempotencyKey = None,
) -> Status[dict[str, Any]]:
    """Add another name of the actor, optionally with its language."""
    result = actor_alias_add(actor_id=actor_id, **payload.dict(), **write_args(request, key=key))
    mark(response, result)
    return Status(201, actor_written(result))


@router.post(
    "/actors/{actor_id}/merge",
    auth=write_auth,
    response=responses({200: ActorWriteOut}, *WRITE_ERRORS),
)
def actors_merge(
    request: HttpRequest,
    actor_id: ActorRef,
    payload: MergeIn,
    response: HttpResponse,
    key: IdempotencyKey = None,
) -> Status[dict[str, Any]]:
    """Merge the actor into another; it then answers as that one."""
    result = actor_merge(actor_id=actor_id, into=payload.into, **write_args(request, key=key))
    mark(response, result)
    return Status(200, actor_written(result))


@router.get("/actors", response=responses({200: ActorListOut}, 400, 401, 422))
def actors_list(request: HttpRequest, params: Query[ActorListQuery]) -> dict[str, Any]:
    """List actors whose name or alias matches `q`."""
    return selectors.actor_list(**params.dict())


@router.get("/actors/{actor_id}", response=responses({200: ActorOut}, 400, 401, 404, 422))
def actors_get(request: HttpRequest, actor_id: ActorRef) -> HttpResponseBase:
    """Return the actor, its aliases, and the stories and developments it is in.

    The ETag is a digest of the answer: 304 to a matching If-None-Match.
    """
    body = json.dumps(selectors.actor_get(actor_id=actor_id), cls=TrackerJSONEncoder).encode()
    response = HttpResponse(body, content_type="application/json")
    return caching.cacheable(request, response, caching.content_etag(body))
