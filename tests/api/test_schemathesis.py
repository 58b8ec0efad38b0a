"""Property-based tests from the API's own OpenAPI schema: no 5xx, every answer as documented."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tracker.api.tokens import token_create
from tracker.services import writes

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


# Loaded from the app itself, in-process (WSGI); serving the schema touches no database.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application()).exclude(
    path="/api/v1/events/stream"  # endless by design
)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(
    max_examples=25,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure is reported as found
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_as_documented(case: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Generated requests, valid and invalid, never get a 5xx and always match the schema."""
    monkeypatch.setattr(writes, "CATCH_UP_SECONDS", 0.05)  # min_position=huge waits this long
    token = token_create(name=f"fuzz-{uuid.uuid4()}", scope="write")
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
