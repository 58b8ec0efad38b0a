"""Read the tracker's settings from the environment."""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

DEV_SECRET_KEY = "insecure-development-key"
TRUE_WORDS = {"1", "true", "yes", "on"}
#: Where `make` keeps the development key; TRACKER_SECRET_KEY_FILE names another file.
DEFAULT_KEY_FILE = Path(__file__).resolve().parent.parent / ".local" / "secret_key"
KEY_FILE_VARIABLE = "TRACKER_SECRET_KEY_FILE"


class ConfigurationError(RuntimeError):
    """The environment does not describe a configuration the tracker can run with."""


def env_flag(name: str, default: bool = False) -> bool:
    """Return the boolean value of an environment variable."""
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in TRUE_WORDS


def env_list(name: str, default: str) -> list[str]:
    """Return a comma-separated environment variable as a list."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int, minimum: int = 0) -> int:
    """Return an integer environment variable, refusing words and numbers below `minimum`."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number, got {value!r}") from None
    if number < minimum:
        raise ConfigurationError(f"{name} must be at least {minimum}, got {number}")
    return number


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    """Return an environment variable that must be one of `choices` (case does not matter)."""
    value = os.environ.get(name, "").strip().lower() or default
    if value not in choices:
        raise ConfigurationError(f"{name} must be one of {', '.join(choices)}, got {value!r}")
    return value


def secret_key(debug: bool) -> str:
    """Return SECRET_KEY, else the key file `make` wrote; refuse a missing or weak one unless DEBUG.

    The file is TRACKER_SECRET_KEY_FILE, by default `.local/secret_key` in the project (written
    by `make run` and `make setup`), so manage.py works in such a clone with no environment.
    """
    key = os.environ.get("SECRET_KEY", "") or _key_from_file()
    if debug:
        return key or DEV_SECRET_KEY
    if not key or key == DEV_SECRET_KEY or len(key) < 32:
        where = os.environ.get(KEY_FILE_VARIABLE) or DEFAULT_KEY_FILE
        raise ConfigurationError(
            f"SECRET_KEY (or the file {where}, which `make run` writes) must hold a random "
            "value of at least 32 characters when DEBUG is off"
        )
    return key


def _key_from_file() -> str:
    """Return the key in TRACKER_SECRET_KEY_FILE (or the default file, when it exists), or ""."""
    named = os.environ.get(KEY_FILE_VARIABLE, "").strip()
    path = Path(named) if named else DEFAULT_KEY_FILE
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        if named:  # a file named on purpose must be there
            raise ConfigurationError(
                f"{KEY_FILE_VARIABLE} names {named}, which does not exist"
            ) from None
        return ""
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"cannot read the secret key from {path}: {exc}") from None


def database_url() -> str:
    """Return DATABASE_URL, or the URL of the embedded server when it is unset.

    On the embedded server, TRACKER_DB_USER picks the role to log in as (`make run` serves
    as the application's role, after `setup` ran the migrations as the owner).
    """
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    from tracker.devdb import embedded_database_url

    url = embedded_database_url(os.environ.get("TRACKER_DB_USER") or None)
    os.environ["DATABASE_URL"] = url  # child processes share the same database
    return url


def django_database(url: str) -> dict[str, Any]:
    """Translate a postgres:// URL into Django's DATABASES entry."""
    parts = urlsplit(url)
    if parts.scheme.split("+")[0] not in {"postgres", "postgresql"}:
        raise ConfigurationError(f"DATABASE_URL must be a PostgreSQL URL, got {parts.scheme!r}")
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    host = query.pop("host", None) or parts.hostname or ""
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")) or "postgres",
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": host,
        "PORT": str(parts.port or ""),
        "OPTIONS": query,
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }


def replica_urls() -> list[str]:
    """Return DATABASE_REPLICA_URLS: the streaming replicas' URLs, comma-separated (or none)."""
    return env_list("DATABASE_REPLICA_URLS", "")


def replica_database(url: str, primary: dict[str, Any]) -> dict[str, Any]:
    """Return the DATABASES entry of a replica: its URL, with the primary's connection habits.

    It keeps the primary's connection lifetime and health checks, connect timeout and pool;
    tests mirror the primary's test database (a replica of it has no test database of its own).
    """
    entry = django_database(url)
    for setting in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS"):
        entry[setting] = primary[setting]
    for option in ("connect_timeout", "pool"):
        if option in primary["OPTIONS"]:
            entry["OPTIONS"].setdefault(option, copy.deepcopy(primary["OPTIONS"][option]))
    entry["TEST"] = {"MIRROR": "default"}
    return entry
