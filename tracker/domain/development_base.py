"""The fields every development has, and the base of developments that answer others."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, ClassVar

from pydantic import AfterValidator, Field, model_validator

from tracker.domain.fields import (
    ActorInvolvementIn,
    Modality,
    PartialTime,
    Payload,
    SourceIn,
    Text,
    Timestamp,
)


def _exact(value: Decimal) -> Decimal:
    return Decimal(format(value, "f"))


ExactDecimal = Annotated[Decimal, AfterValidator(_exact)]
CameoCode = Annotated[str, Field(pattern=r"^[0-9]{2,4}$", description="CAMEO code, e.g. 042")]


class DevelopmentIn(Payload):
    """The fields every development has."""

    #: (field, role) of the fields naming actors; the roles they are involved with.
    actor_fields: ClassVar[tuple[tuple[str, str], ...]] = ()
    #: Fields that point at an earlier development of the same story.
    reference_fields: ClassVar[tuple[str, ...]] = ()

    type: str
    occurred_at: PartialTime | None = None
    reported_at: Timestamp | None = None
    summary: Text
    source: SourceIn
    actors: list[ActorInvolvementIn] = []
    location: Text | None = None
    modality: Modality = "asserted"


class ResponseIn(DevelopmentIn):
    """A development that answers an earlier one: it names it, or says what it answers."""

    @model_validator(mode="after")
    def _says_something(self) -> ResponseIn:
        if all(getattr(self, name) is None for name in (*self.reference_fields, "content")):
            field = self.reference_fields[0]
            raise ValueError(f"{field}: give {field} (the event id of a development) or content")
        return self
