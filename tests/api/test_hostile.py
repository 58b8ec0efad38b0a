"""Values at and just past every bound: stored and projected at the bound, 422 past it."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest
from django.test import Client

from tests.api.helpers import get, new_story, post, statement
from tests.api.hostile import WIDE
from tests.api.refusals import assert_projected, stored
from tracker.domain import bounds

pytestmark = pytest.mark.django_db(transaction=True)

Y1 = "0001-01-01T00:00:00+05:00"  # year 0 in UTC
Y9999 = "9999-12-31T23:59:59-05:00"  # year 10000 in UTC


@pytest.fixture
def story(client: Client, write_token: str) -> UUID:
    """Return the id of a fresh story."""
    return UUID(new_story(client, write_token)["id"])


def figure(value: Any, **fields: Any) -> dict[str, Any]:
    """Return a figure development with this value."""
    body = {"type": "figure", "occurred_at": "2024", "summary": "Trade", "metric": "trade"}
    return body | {"source": {"outlet": "Wire"}, "value": value, "unit": "USD"} | fields


def decision(**fields: Any) -> dict[str, Any]:
    """Return a sanctions decision targeting an actor."""
    body = {"type": "sanctions_decision", "summary": "Eased", "source": {"outlet": "Wire"}}
    return (
        body | {"decider": {"name": "EU"}, "target": {"name": "Russia"}, "action": "eased"} | fields
    )


def refused(client: Client, token: str, story: UUID, body: Any, field: str) -> dict[str, Any]:
    """POST a development; check it is 422 naming `field` and stored nothing."""
    before = stored(story)
    response = post(client, f"/stories/{story}/developments", body, token)
    assert response.status_code == 422, response.content
    answer = response.json()
    assert answer["code"] == "validation_error", answer
    assert field in {error["field"] for error in answer["errors"]}, answer
    assert stored(story) == before
    return dict(answer)


def accepted(client: Client, token: str, story: UUID, body: Any) -> dict[str, Any]:
    """POST a development; check it is 201 and the read models show the story at its version."""
    response = post(client, f"/stories/{story}/developments", body, token)
    assert response.status_code == 201, response.content
    assert_projected(response)
    state = get(client, f"/stories/{story}").json()
    assert state["version"] == response.json()["version"]
    return dict(state)


@pytest.mark.parametrize(
    "value",
    ["999999999999999999999999.999999", "-999999999999999999999999.999999", "0.000001", 1e23],
)
def test_figure_values_the_read_model_holds_are_stored(
    client: Client, write_token: str, story: UUID, value: Any
) -> None:
    """Values up to 24 digits before the point and 6 after it are stored and projected."""
    state = accepted(client, write_token, story, figure(value))
    assert state["figures"][0]["series"][0]["value"] is not None


@pytest.mark.parametrize(
    "value",
    [1e24, -1e24, "1000000000000000000000000", "0.0000001", "1E+100000", "1E-100000", True],
)
def test_figure_values_past_the_read_model_are_422(
    client: Client, write_token: str, story: UUID, value: Any
) -> None:
    """A value of 10**24 or more, more than 6 decimals, or a huge exponent is 422 on `value`."""
    refused(client, write_token, story, figure(value), "value")


@pytest.mark.parametrize("moment", [Y1, Y9999])
@pytest.mark.parametrize(
    ("field", "body"),
    [
        ("occurred_at", lambda t: statement() | {"occurred_at": t}),
        ("reported_at", lambda t: statement() | {"reported_at": t}),
        (
            "source.published_at",
            lambda t: statement() | {"source": {"outlet": "W", "published_at": t}},
        ),
        ("effective_at", lambda t: decision(effective_at=t)),
    ],
)
def test_times_whose_offset_leaves_years_1_to_9999_are_422(
    client: Client, write_token: str, story: UUID, moment: str, field: str, body: Any
) -> None:
    """A time whose UTC offset takes it before year 1 or past 9999 is 422, not an overflow."""
    answer = refused(client, write_token, story, body(moment), field)
    assert "out of range" in answer["detail"]


@pytest.mark.parametrize(
    "moment", ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0001", "9999-12"]
)
def test_times_at_year_1_and_9999_are_stored(
    client: Client, write_token: str, story: UUID, moment: str
) -> None:
    """The first and last moments of the calendar, in UTC or as a year or month, are stored."""
    accepted(client, write_token, story, statement() | {"occurred_at": moment})


def test_a_correction_to_an_out_of_range_time_is_422(
    client: Client, write_token: str, story: UUID
) -> None:
    """A correction whose changes hold an overflowing time is refused and stores nothing."""
    event_id = post(client, f"/stories/{story}/developments", statement(), write_token).json()
    path = f"/stories/{story}/developments/{event_id['event_id']}/correction"
    before = stored(story)
    response = post(client, path, {"changes": {"occurred_at": Y9999}, "reason": "r"}, write_token)
    assert response.status_code == 422 and response.json()["code"] == "invalid_correction"
    assert stored(story) == before


def test_one_request_registers_at_most_20_new_actors(
    client: Client, write_token: str, story: UUID
) -> None:
    """Twenty new names register twenty actors; a twenty-first is 422 and stores nothing."""
    names = [{"name": f"New Person {n}", "role": "witness"} for n in range(bounds.NEW_ACTORS)]
    body = statement(speaker="New Person 0") | {"actors": names}
    accepted(client, write_token, story, body)
    more = [{"name": f"Other Person {n}"} for n in range(bounds.NEW_ACTORS + 1)]
    refused(client, write_token, story, statement() | {"actors": more}, "actors")
    known = statement(speaker="New Person 0") | {"actors": [*names, {"name": "One More"}]}
    accepted(client, write_token, story, known)  # known names register nothing


def test_addresses_are_bounded_in_bytes(client: Client, write_token: str, story: UUID) -> None:
    """A 1200-byte address beside a 300-character outlet of 4-byte characters is stored;
    1201 characters, or fewer characters taking more than 1200 bytes, are 422."""
    base = "https://example.org/"
    widest = {
        "outlet": WIDE * bounds.TEXT_LENGTH,
        "url": base + "p" * (bounds.URL_BYTES - len(base)),
    }
    accepted(client, write_token, story, statement() | {"source": widest})
    for url in (base + "p" * (bounds.URL_LENGTH + 1 - len(base)), base + WIDE * 300):
        refused(
            client,
            write_token,
            story,
            statement() | {"source": {"outlet": "W", "url": url}},
            "source.url",
        )


@pytest.mark.parametrize(
    ("field", "body"),
    [
        ("conditions", statement() | {"conditions": ["c"] * (bounds.LIST_ITEMS + 1)}),
        ("actors", statement() | {"actors": [{"name": "Known"}] * (bounds.LIST_ITEMS + 1)}),
        ("unit", figure(1, unit="u" * (bounds.UNIT_LENGTH + 1))),
        ("period", figure(1, period="p" * (bounds.PERIOD_LENGTH + 1))),
        (
            "source.language",
            statement() | {"source": {"outlet": "W", "language": "de-" + "a" * 14}},
        ),
        ("speaker.name", statement(speaker="\ufdfa" * bounds.TEXT_LENGTH)),
        ("summary", statement("s" * (bounds.TEXT_LENGTH + 1))),
    ],
)
def test_lists_and_texts_past_their_bounds_are_422(
    client: Client, write_token: str, story: UUID, field: str, body: dict[str, Any]
) -> None:
    """Lists past 50 items, units and periods past 32, languages past 16 characters and
    names that decompose past an index key are 422 on their field."""
    refused(client, write_token, story, body, field)


def test_units_and_periods_at_their_bounds_are_stored(
    client: Client, write_token: str, story: UUID
) -> None:
    """A 32-character unit and period of 4-byte characters fit their columns."""
    accepted(client, write_token, story, figure(1, unit=WIDE * 32, period=WIDE * 32))


@pytest.mark.parametrize("text", ["a\x00b", "\ud800", "x\udfff"])
@pytest.mark.parametrize(
    "where",
    [
        lambda t: statement() | {"source": {"outlet": "W", "quote": t}},
        lambda t: statement() | {"actors": [{"name": "A", "role": t}]},
        lambda t: statement() | {t: 1},
        lambda t: statement(speaker=t),
    ],
)
def test_nul_and_lone_surrogates_anywhere_are_422(
    client: Client, write_token: str, story: UUID, text: str, where: Any
) -> None:
    """NUL characters and lone surrogates, which PostgreSQL refuses, are 422 wherever they are."""
    before = stored(story)
    response = post(client, f"/stories/{story}/developments", where(text), write_token)
    assert response.status_code == 422 and response.json()["code"] == "validation_error"
    assert stored(story) == before
