"""Shared fixtures: the test database gets the event store schema as well as Django's."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from tracker import bootstrap
from tracker.eventstore import close_all, migrate


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
