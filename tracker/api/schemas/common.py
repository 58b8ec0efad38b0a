"""Field types shared by the schemas and the query parameters."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, Field

MAX_BIGINT = 2**63 - 1
MAX_VERSION = 2**31 - 1  # stream versions are PostgreSQL integers
MAX_LIMIT = 1000
DEFAULT_LIMIT = 100

#: A global position (a PostgreSQL bigint) or a stream version: never negative, never too big.
Position = Annotated[int, Field(ge=0, le=MAX_BIGINT)]
Version = Annotated[int, Field(ge=0, le=MAX_VERSION)]
#: A version to read after: the next one must still be a version.
AfterVersion = Annotated[int, Field(ge=0, le=MAX_VERSION - 1)]
Limit = Annotated[int, Field(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Field(ge=0, le=MAX_BIGINT)]
#: Free text from the query string or a body; NUL characters are refused by PostgreSQL.
Text = Annotated[str, Field(max_length=2000, pattern=r"^[^\x00]*$")]
ShortText = Annotated[str, Field(max_length=300, pattern=r"^[^\x00]*$")]
#: An event type or stream type name, as the vocabulary spells them.
TypeName = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9_]*$")]


def _utc(value: datetime) -> datetime:
    """Return the time in UTC; a time without a zone is taken as UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("the time is out of range") from None


#: A point in time; without a zone it is taken as UTC.
Moment = Annotated[datetime, AfterValidator(_utc)]
