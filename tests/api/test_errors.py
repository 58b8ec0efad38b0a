"""Every failure answers the one JSON error shape, through the real URL routing and middleware."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tests.api.conftest import bearer
from tracker.bootstrap import event_store

pytestmark = pytest.mark.django_db


def post(client: Client, path: str, body: str | bytes, token: str, **headers: Any) -> Any:
    """POST a raw body as JSON to the API."""
    return client.post(
        f"/api/v1{path}", body, content_type="application/json", **bearer(token), **headers
    )


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    """Check the status, the JSON content type and the error shape; return the body."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code and isinstance(body["detail"], str) and body["detail"]
    return body


def test_unknown_path_is_json_404(client: Client) -> None:
    """A path the API does not have answers 404 not_found in JSON, not Django's HTML."""
    assert_error(client.get("/api/v1/no/such/thing"), 404, "not_found")
    assert_error(client.post("/api/v1/stories/"), 404, "not_found")


def test_wrong_method_is_json_405(client: Client) -> None:
    """A method the path does not serve answers 405 method_not_allowed with Allow."""
    response = client.delete("/api/v1/events")
    assert_error(response, 405, "method_not_allowed")
    assert response["Allow"] == "GET, HEAD"  # HEAD is served wherever GET is


def test_malformed_json_is_400(client: Client, write_token: str) -> None:
    """Bodies that are not JSON, or use NaN/Infinity, answer 400 malformed_json."""
    for body in ('{"title": ', '{"title": NaN}', '{"n": 1e999}', b"\xff\xfe", "[" * 100_000):
        assert_error(post(client, "/stories", body, write_token), 400, "malformed_json")


def test_unstorable_text_is_422(client: Client, write_token: str) -> None:
    """NUL characters and lone surrogates, which PostgreSQL refuses, answer 422."""
    for title in ('"a\\u0000b"', '"\\ud800"'):
        body = assert_error(
            post(client, "/stories", f'{{"title": {title}}}', write_token), 422, "validation_error"
        )
        assert body["errors"][0]["field"] == "title"


def test_too_large_body_is_413(client: Client, write_token: str) -> None:
    """A body above DATA_UPLOAD_MAX_MEMORY_SIZE answers 413 payload_too_large."""
    body = json.dumps({"title": "x", "summary": "y" * 300_000})
    assert_error(post(client, "/stories", body, write_token), 413, "payload_too_large")


def test_invalid_body_lists_the_fields(client: Client, write_token: str) -> None:
    """A body that misses fields, or is not an object, answers 422 with field details."""
    body = assert_error(post(client, "/stories", "{}", write_token), 422, "validation_error")
    assert {"field": "title", "message": "Field required"} in body["errors"]
    assert_error(post(client, "/stories", "[1, 2]", write_token), 422, "validation_error")
    extra = assert_error(
        post(client, "/stories", '{"title": "t", "colour": 1}', write_token),
        422,
        "validation_error",
    )
    assert extra["errors"][0]["field"] == "colour"


@pytest.mark.parametrize(
    "query",
    ["limit=0", "limit=1001", "after=-1", f"after={2**63}", "after=abc", "type=Bad%20Type"],
)
def test_invalid_query_is_422(client: Client, query: str) -> None:
    """Out-of-range or malformed query parameters answer 422, before any query runs."""
    body = assert_error(client.get(f"/api/v1/events?{query}"), 422, "validation_error")
    assert body["errors"][0]["field"] in {"limit", "after", "type.0"}


@pytest.mark.parametrize("value", ["abc", '"3', "-1", "W/x", '"1" "2"', "9" * 30])
def test_malformed_if_match_is_422(client: Client, write_token: str, value: str) -> None:
    """An If-Match that names no version answers 422 invalid_header."""
    body = assert_error(
        post(client, "/stories/any/developments", "{}", write_token, HTTP_IF_MATCH=value),
        422,
        "invalid_header",
    )
    assert body["errors"] == [{"field": "If-Match", "message": body["errors"][0]["message"]}]


def test_malformed_idempotency_key_is_422(client: Client, write_token: str) -> None:
    """An Idempotency-Key with spaces or over 200 characters answers 422 invalid_header."""
    for key in ("has space", "k" * 201):
        response = post(client, "/stories", '{"title": "t"}', write_token, HTTP_IDEMPOTENCY_KEY=key)
        assert_error(response, 422, "invalid_header")


def test_unexpected_exception_is_json_500(
    client: Client, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A bug answers 500 internal_error in JSON, logs the traceback and leaks nothing."""

    def broken(**kwargs: Any) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr("tracker.api.events.feed_page_json", broken)
    body = assert_error(client.get("/api/v1/events"), 500, "internal_error")
    assert "secret" not in json.dumps(body)
    assert "secret internals" in caplog.text


def test_errors_store_nothing(client: Client, write_token: str, read_token: str) -> None:
    """No failed request appends an event."""
    before = event_store().last_position()
    post(client, "/stories", "{bad", write_token)
    post(client, "/stories", "{}", write_token)
    post(client, "/stories", '{"title": "t"}', read_token)
    post(client, "/stories", json.dumps({"title": "x" * 300_000}), write_token)
    assert event_store().last_position() == before


def test_event_stream_refuses_wsgi(client: Client) -> None:
    """Under WSGI the endless stream would be buffered: 501 not_implemented instead."""
    assert_error(client.get("/api/v1/events/stream"), 501, "not_implemented")


def test_too_many_query_fields_is_400(client: Client) -> None:
    """More query fields than Django reads answers 400 bad_request, not 500."""
    query = "&".join(f"type=t{n}" for n in range(1500))
    assert_error(client.get(f"/api/v1/events?{query}"), 400, "bad_request")


def test_a_host_not_served_here_is_json_400(client: Client) -> None:
    """A Host header Django refuses answers 400 bad_request in JSON, before any view runs."""
    assert_error(client.get("/api/v1/stories", HTTP_HOST="evil.example"), 400, "bad_request")
    assert_error(client.get("/api/v1/actors/x", HTTP_HOST="bad host!"), 400, "bad_request")


def test_a_path_outside_the_api_version_is_json_404(client: Client) -> None:
    """Under /api/ every unknown path answers JSON, even outside the routes of /api/v1."""
    assert_error(client.get("/api/v2/stories"), 404, "not_found")
    assert client.get("/nowhere").status_code == 404
