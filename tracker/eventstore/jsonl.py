"""The JSON Lines backup format of the event store: a header line, then one event a line.

The first line is a header object:

    {"format": "tracker-events", "version": 1, "after": 0, "columns": ["position", ...]}

`after` is the position the export started after (0: every event), `columns` the
columns of the `events` table in table order. Each following line is one event,
an object with exactly those keys in that order, in ascending position order.
Values are encoded by column type, whatever columns the table gains later:

- bigint and integer: JSON integers; text: JSON strings; boolean: true/false;
- uuid: the canonical lower-case string;
- timestamp with time zone: ISO 8601 in UTC with microseconds,
  "2025-04-02T08:15:00.000000+00:00";
- jsonb: the JSON value itself, as PostgreSQL prints it (so numbers keep their
  exact digits);
- bytea: a string of lower-case hex digits;
- any other type: a string of PostgreSQL's text form;
- NULL: null.

Lines end with "\\n" and are UTF-8. Encoding is deterministic: the same events
always give the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, Table
from sqlalchemy import types as sqltypes

from tracker.eventstore.errors import EventStoreError

FORMAT = "tracker-events"
FORMAT_VERSION = 1
HEADER_START = f'{{"format": "{FORMAT}", "version": {FORMAT_VERSION}, '.encode()


class BackupFormatError(EventStoreError, ValueError):
    """A file is not an export this tracker can read, or does not match the events table."""


@dataclass(frozen=True)
class Codec:
    """How one column is selected for export, written as JSON, and read back for COPY."""

    name: str
    select: str  # SQL expression selecting the column's value for `encode`
    encode: Callable[[Any], str]  # the selected value (not NULL) -> its JSON text
    decode: Callable[[Any], Any]  # the parsed JSON value (not null) -> a value COPY accepts


def codecs(table: Table) -> list[Codec]:
    """Return one codec per column of `table`, in column order."""
    return [_codec(column) for column in table.columns]


def header_line(columns: Sequence[str], after: int) -> bytes:
    """Return the header line of an export of `columns` after position `after`."""
    header = {"format": FORMAT, "version": FORMAT_VERSION, "after": after, "columns": list(columns)}
    return (json.dumps(header, ensure_ascii=False) + "\n").encode()


def read_header(line: bytes, columns: Sequence[str]) -> int:
    """Check a header line against the table's columns; return the header's `after`."""
    try:
        header = json.loads(line)
    except ValueError as error:
        raise BackupFormatError(f"line 1 is not a JSON header: {error}") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupFormatError(f"line 1 is not a {FORMAT!r} header")
    if header.get("version") != FORMAT_VERSION:
        raise BackupFormatError(f"format version {header.get('version')!r} is not supported")
    if header.get("columns") != list(columns):
        missing = sorted(set(columns) - set(header.get("columns") or ()))
        extra = sorted(set(header.get("columns") or ()) - set(columns))
        raise BackupFormatError(
            "the file's columns differ from the events table's "
            f"(missing from the file: {missing}; not in the table: {extra})"
        )
    after = header.get("after")
    if not isinstance(after, int) or isinstance(after, bool) or after < 0:
        raise BackupFormatError(f"the header's after is not a position: {after!r}")
    return after


def encoder(table_codecs: Sequence[Codec]) -> Callable[[Sequence[Any]], bytes]:
    """Return a function turning a selected row into its event line."""
    keys = [json.dumps(codec.name) + ": " for codec in table_codecs]
    encoders = [codec.encode for codec in table_codecs]

    def line(row: Sequence[Any]) -> bytes:
        parts = [
            key + ("null" if value is None else encode(value))
            for key, encode, value in zip(keys, encoders, row, strict=True)
        ]
        return ("{" + ", ".join(parts) + "}\n").encode()

    return line


def decoder(table_codecs: Sequence[Codec]) -> Callable[[bytes], list[Any]]:
    """Return a function turning an event line into a row of COPY values, in column order."""
    names = [codec.name for codec in table_codecs]
    decoders = [codec.decode for codec in table_codecs]

    def row(line: bytes) -> list[Any]:
        text = line.decode()
        try:
            event = _FAST.decode(text)
        except _Inexact:  # a number a float would change: keep its digits as a Decimal
            event = _EXACT.decode(text)
        if not isinstance(event, dict) or list(event) != names:
            raise BackupFormatError(f"an event line must hold the keys {names} in that order")
        return [
            None if value is None else decode(value)
            for decode, value in zip(decoders, event.values(), strict=True)
        ]

    return row


def _codec(column: Column[Any]) -> Codec:
    """Return the codec of a column, chosen by its SQL type."""
    name, kind = column.name, column.type
    quoted = f'"{name}"'
    if isinstance(kind, sqltypes.JSON):  # JSONB included
        return Codec(name, f"{quoted}::text", str, _json_out)
    if isinstance(kind, sqltypes.Boolean):
        return Codec(name, quoted, lambda v: "true" if v else "false", _of(bool))
    if isinstance(kind, sqltypes.Integer):  # SmallInteger, Integer, BigInteger
        return Codec(name, quoted, str, _of(int))
    if isinstance(kind, sqltypes.Uuid):
        return Codec(name, f"{quoted}::text", _string, _of(str))
    if isinstance(kind, sqltypes.DateTime):
        return Codec(name, quoted, lambda v: _string(_iso(v)), _of(str))
    if isinstance(kind, sqltypes.LargeBinary):
        return Codec(name, f"encode({quoted}, 'hex')", _string, _hex)
    return Codec(name, f"{quoted}::text", _string, _of(str))  # text, and PostgreSQL's text form


def _string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _iso(value: datetime) -> str:
    """Return ISO 8601 with microseconds, in UTC when the value has an offset."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.isoformat(timespec="microseconds")


def _of(kind: type) -> Callable[[Any], Any]:
    """Return a decoder accepting JSON values of one Python type only (bool is no int)."""

    def check(value: Any) -> Any:
        if type(value) is not kind:
            raise BackupFormatError(f"expected a {kind.__name__}, found {value!r}")
        return value

    return check


def _hex(value: Any) -> bytes:
    try:
        return bytes.fromhex(_of(str)(value))
    except ValueError:
        raise BackupFormatError(f"expected hex digits, found {value!r}") from None


class _Inexact(Exception):
    """A JSON number whose float would print other digits."""


def _exact_float(text: str) -> float:
    """Return the float of a JSON number if it prints back as the same text."""
    number = float(text)
    if repr(number) != text:
        raise _Inexact
    return number


_FAST = json.JSONDecoder(parse_float=_exact_float)
_EXACT = json.JSONDecoder(parse_float=Decimal)
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def _json_out(value: Any) -> str:
    """Return a parsed JSON value as JSON text: by the C encoder unless it holds Decimals."""
    try:
        return _ENCODE(value)
    except TypeError:  # Decimal: only a line with an inexact number holds them
        return json_text(value)


def json_text(value: Any) -> str:
    """Return JSON text of a value parsed with Decimal numbers, keeping every digit as written."""
    if isinstance(value, dict):
        items = (f"{_string(key)}: {json_text(item)}" for key, item in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(json_text(item) for item in value) + "]"
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, str):
        return _string(value)
    return json.dumps(value)  # int, bool, None
