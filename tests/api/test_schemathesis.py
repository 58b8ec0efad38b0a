"""Property-based tests from the API's own OpenAPI schema: no 5xx, every answer as documented."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.seeded import Seeded, seed_every_type
from tracker.api.tokens import token_create
from tracker.services import writes

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
SETTINGS = settings(
    max_examples=25,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure is reported as found
    deadline=None,  # derandomized by the `ci` profile (tests/conftest.py): the same every run
    suppress_health_check=list(HealthCheck),
)


# The coverage phase tries every keyword's boundary of every field; for the development body
# (a oneOf of every type) that is thousands of requests, which tests/api/test_fuzz.py makes
# with aim instead. Its other phases still run there.
CONFIG = SchemathesisConfig.from_dict(
    {
        "operations": [
            {"include-path-regex": "/developments$", "phases": {"coverage": {"enabled": False}}}
        ]
    }
)
# Loaded from the app itself, in-process (WSGI); serving the schema touches no database.
# /events/stream is left out: it is endless under ASGI and answers 501 under WSGI by design
# (tests/api/test_sse.py covers it through a live server).
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json", get_wsgi_application(), config=CONFIG
).exclude(path="/api/v1/events/stream")
#: What a seeded story changes: the reads, and the writes whose path names a story or actor.
seeded_schema = schema.exclude(path=["/api/v1/stories", "/api/v1/actors"], method="POST").exclude(
    path="/api/v1/health"
)


def call(case: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Send a case with a fresh write token and check every answer against the schema."""
    monkeypatch.setattr(writes, "CATCH_UP_SECONDS", 0.05)  # min_position=huge waits this long
    token = token_create(name=f"fuzz-{uuid.uuid4()}", scope="write")
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@SETTINGS
def test_api_answers_as_documented(case: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Generated requests, valid and invalid, never get a 5xx and always match the schema."""
    call(case, monkeypatch)


@pytest.fixture
def seeded(transactional_db: None) -> Seeded:
    """Return a story holding every development type, a correction, a retraction and more."""
    return seed_every_type()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@seeded_schema.parametrize()
@SETTINGS
def test_api_answers_as_documented_for_a_story_of_every_type(
    case: Any, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every endpoint, its path pointing at a story that holds every development type (and an
    actor and a development of it), answers as documented: /changes, /timeline, /events too."""
    for name, generated in (case.path_parameters or {}).items():
        case.path_parameters[name] = seeded.path_parameter(name, generated)
    call(case, monkeypatch)
