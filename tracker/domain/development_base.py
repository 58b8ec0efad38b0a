"""The fields every development has, and the base of developments that answer others."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, ClassVar

from pydantic import AfterValidator, Field, WithJsonSchema, model_validator

from tracker.domain import bounds
from tracker.domain.fields import (
    ActorInvolvementIn,
    Items,
    Modality,
    PartialTime,
    Payload,
    SourceIn,
    Text,
    Timestamp,
)


def _exact(value: Decimal) -> Decimal:
    return Decimal(format(value, "f"))


_FIGURE_WHOLE = bounds.FIGURE_DIGITS - bounds.FIGURE_DECIMALS
_FIGURE_TEXT = rf"^[+-]?[0-9]{{1,{_FIGURE_WHOLE}}}(\.[0-9]{{1,{bounds.FIGURE_DECIMALS}}})?$"
_FIGURE_SCHEMA = {
    "anyOf": [
        {
            "type": "number",
            "exclusiveMinimum": -float(bounds.FIGURE_LIMIT),
            "exclusiveMaximum": float(bounds.FIGURE_LIMIT),
        },
        {
            "type": "string",
            "pattern": _FIGURE_TEXT,
            "maxLength": bounds.FIGURE_DIGITS + 2,  # a sign and a point besides the digits
        },
    ],
    "description": f"an exact decimal: at most {_FIGURE_WHOLE} digits before the point and "
    f'{bounds.FIGURE_DECIMALS} after it (a number, or text such as "35000000000.5")',
}
#: A decimal the read models hold exactly: numeric(30, 6), so |value| < 10**24, 6 decimals.
ExactDecimal = Annotated[
    Decimal,
    Field(
        max_digits=bounds.FIGURE_DIGITS,
        decimal_places=bounds.FIGURE_DECIMALS,
        gt=-bounds.FIGURE_LIMIT,
        lt=bounds.FIGURE_LIMIT,
    ),
    AfterValidator(_exact),
    WithJsonSchema(_FIGURE_SCHEMA),
]
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
    actors: Annotated[list[ActorInvolvementIn], Items] = []
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
