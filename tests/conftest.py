"""Shared fixtures: the test database gets the event store schema as well as Django's."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import settings
from sqlalchemy import Engine

from tracker import bootstrap
from tracker.eventstore import close_all, migrate

# Property tests: `ci` (the default, what `make test` runs) tries the same cases on every run
# (a seed derived from each test), so a failure reproduces; `deep` (HYPOTHESIS_PROFILE=deep,
# `make test-deep`) draws many more random cases and prints how to replay a failure.
# Neither has a deadline: a slow, shared machine is not a failing test.
settings.register_profile("ci", derandomize=True, database=None, deadline=None)
settings.register_profile("deep", max_examples=2000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def django_db_setup(
    django_db_setup: None, django_db_blocker: pytest.FixtureRequest
) -> Iterator[None]:
    """Create the test database with Django's tables, then apply the event store's migrations."""
    migrate.upgrade(bootstrap.engine())
    yield
    close_all()  # let the test database be dropped: no connection may stay open
    bootstrap.engine().dispose()


@pytest.fixture(scope="session")
def engine(django_db_setup: None) -> Iterator[Engine]:
    """Return the SQLAlchemy engine on the test database."""
    yield bootstrap.engine()


@pytest.fixture(autouse=True)
def _read_models_at_the_head(request: pytest.FixtureRequest) -> None:
    """Bring the read models up to every stored event before a transactional test.

    Such a test empties Django's tables when it ends (read models and checkpoint included)
    while the events stay, so the next one would start with the whole store to project again
    and its writes' bounded catch-ups would time out on that backlog instead of its own events.
    """
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    from tracker.projections import projector

    store = bootstrap.event_store()
    head = store.last_position()
    assert projector.catch_up(store, position=head, timeout=600), "read models never caught up"
