"""Run the event store's Alembic migrations programmatically (no alembic.ini needed)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.environment import NameFilterParentNames, NameFilterType
from sqlalchemy import Engine

from tracker.eventstore.schema import metadata

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def include_name(name: str | None, type_: NameFilterType, parents: NameFilterParentNames) -> bool:
    """Tell Alembic which tables are the store's: Django owns the others in the same database."""
    return type_ != "table" or name in metadata.tables


def alembic_config() -> Config:
    """Return the Alembic configuration read from the project's pyproject.toml."""
    return Config(toml_file=PYPROJECT)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade the event store schema on `engine` to `revision`, in one transaction."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Downgrade the event store schema on `engine` to `revision` ("base" drops it all)."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def sqlalchemy_url(url: str) -> str:
    """Return a postgres:// URL with the scheme SQLAlchemy needs for psycopg 3."""
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.split("+")[0] not in {"postgres", "postgresql"}:
        raise ValueError(f"not a PostgreSQL URL: {url!r}")
    return f"postgresql+psycopg://{rest}"


def libpq_url(url: str) -> str:
    """Return a URL psycopg.connect() accepts, whatever driver suffix the scheme carries."""
    return "postgresql://" + sqlalchemy_url(url).partition("://")[2]
