"""Pydantic building blocks shared by every payload: text, times, sources, actor references."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from tracker.domain import bounds
from tracker.domain.bounds import check_storable
from tracker.domain.names import normalize_name
from tracker.domain.timeparse import format_partial, parse_occurred_at, parse_timestamp

Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=bounds.TEXT_LENGTH),
    AfterValidator(check_storable),
]
LongText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=bounds.LONG_TEXT_LENGTH),
    AfterValidator(check_storable),
]
ActorKind = Literal["person", "organization", "country", "place"]
Modality = Literal["asserted", "planned", "conditional", "hypothetical"]

_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def _short_time(value: Any) -> None:
    if isinstance(value, str) and len(value) > bounds.TIME_LENGTH:
        raise ValueError(f"is too long for a time (at most {bounds.TIME_LENGTH} characters)")


def _partial_time(value: Any) -> str:
    _short_time(value)
    if not isinstance(value, str | date | datetime):
        raise ValueError("must be a time as text, e.g. 2025-04-02T14:30:00Z, 2025-04-02, 2025")
    moment, precision = parse_occurred_at(value)
    return format_partial(moment, precision)


def _timestamp(value: Any) -> datetime:
    _short_time(value)
    if not isinstance(value, str | datetime):
        raise ValueError("must be a timestamp with a zone, e.g. 2025-04-03T08:15:00Z")
    return parse_timestamp(value)


def _language(value: str) -> str:
    if not _LANGUAGE.match(value):
        raise ValueError(f"{value!r} is not a language code; use e.g. de, en, ru or pt-BR")
    return value


def _url(value: str) -> str:
    if not _URL.match(value):
        raise ValueError(f"{value[:80]!r} is not a web address; it should start with https://")
    return bounds.check_url_bytes(value)


def check_name(value: str) -> str:
    """Return a name that has letters or digits and whose normal form fits an index key."""
    normal = normalize_name(value)
    if not normal:
        raise ValueError(f"{value!r} has no letters or digits; a name needs some")
    if len(normal.encode("utf-8")) > bounds.NORMALIZED_NAME_BYTES:
        raise ValueError(
            f"is too long once normalized (at most {bounds.NORMALIZED_NAME_BYTES} bytes; "
            "some characters decompose into many)"
        )
    return value


PartialTime = Annotated[str, BeforeValidator(_partial_time), Field(max_length=bounds.TIME_LENGTH)]
Name = Annotated[Text, AfterValidator(check_name)]
Timestamp = Annotated[
    datetime,
    BeforeValidator(_timestamp),
    WithJsonSchema({"type": "string", "format": "date-time", "maxLength": bounds.TIME_LENGTH}),
]
Language = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=bounds.LANGUAGE_LENGTH),
    AfterValidator(_language),
]
Url = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=bounds.URL_LENGTH),
    AfterValidator(_url),
    Field(description=f"http(s) address, at most {bounds.URL_BYTES} bytes in UTF-8"),
]
#: A list field: at most bounds.LIST_ITEMS items.
Items = Field(max_length=bounds.LIST_ITEMS)
Texts = Annotated[list[Text], Items]
#: Figure units and periods are read-model columns of 32 characters.
Unit = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=bounds.UNIT_LENGTH),
    AfterValidator(check_storable),
]
Period = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=bounds.PERIOD_LENGTH),
    AfterValidator(check_storable),
]


class Payload(BaseModel):
    """Base of every payload: unknown fields are refused, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceIn(Payload):
    """Where a development was reported, with the verbatim quote in its original language."""

    outlet: Text
    url: Url | None = None
    language: Language | None = None
    published_at: Timestamp | None = None
    quote: LongText | None = None
    quote_translation: LongText | None = None
    via: Text | None = None


class ActorRefIn(Payload):
    """A reference to an actor: `{"actor_id": ...}` or `{"name": ...}`, or just a name."""

    actor_id: UUID | None = None
    name: Text | None = None
    name_as_stated: Text | None = None
    kind: ActorKind | None = Field(
        default=None, description="kind to register an unknown name with"
    )
    new: bool | None = Field(
        default=None,
        description="true: a name no actor has is registered as a new actor even when it is "
        "close to a registered actor's name or alias (without it, that is 409 ambiguous_actor)",
    )

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"name": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _one_of(self) -> ActorRefIn:
        if self.actor_id is None and self.name is None:
            raise ValueError('give the actor as {"actor_id": ...} or {"name": ...}')
        if self.actor_id is not None and self.name is not None:
            raise ValueError("give either actor_id or name, not both")
        if self.actor_id is not None and self.new:
            raise ValueError('"new": true registers a name; an actor_id names a registered actor')
        if self.name is not None:
            try:
                check_name(self.name)
            except ValueError as exc:
                raise ValueError(f"name: {exc}") from None
        return self


ActorRefs = Annotated[list[ActorRefIn], Items]


class ActorInvolvementIn(ActorRefIn):
    """A further actor of a development and its role; `{"actor": {...}, "role": ...}` works too."""

    role: Text = "involved"

    @model_validator(mode="before")
    @classmethod
    def _flatten(cls, value: Any) -> Any:
        if isinstance(value, dict) and "actor" in value:
            rest = {k: v for k, v in value.items() if k != "actor"}
            inner = value["actor"]
            inner = {"name": inner} if isinstance(inner, str) else inner
            if isinstance(inner, dict):
                return {**inner, **rest}
        return value


class PloverIn(Payload):
    """A PLOVER code: event, optional mode and contexts; a plain string is the event."""

    event: Annotated[
        str,
        StringConstraints(strip_whitespace=True, to_upper=True, min_length=1, max_length=64),
        AfterValidator(check_storable),
    ]
    mode: Text | None = None
    context: Annotated[list[Text], Items] = []

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"event": value} if isinstance(value, str) else value
