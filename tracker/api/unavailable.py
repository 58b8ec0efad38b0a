"""A database that does not answer: every request fails fast with 503 database_unavailable."""

from __future__ import annotations

import logging
from collections.abc import Callable

import psycopg
import sqlalchemy.exc
from django.db import utils
from django.http import HttpRequest, HttpResponse

from tracker.api.errors import error_response

logger = logging.getLogger(__name__)

#: What a lost, refused or exhausted database connection raises, through each layer.
DATABASE_ERRORS: tuple[type[Exception], ...] = (
    utils.OperationalError,
    utils.InterfaceError,
    psycopg.OperationalError,  # psycopg_pool.PoolTimeout is one of these
    psycopg.InterfaceError,
    sqlalchemy.exc.OperationalError,
    sqlalchemy.exc.InterfaceError,
)
RETRY_AFTER_SECONDS = 1
CODE = "database_unavailable"
DETAIL = "The database does not answer right now; nothing was changed. Retry shortly."


def is_database_error(exc: BaseException) -> bool:
    """Return whether an exception means the database cannot be reached or used now."""
    return isinstance(exc, DATABASE_ERRORS)


def database_unavailable() -> HttpResponse:
    """Return the 503 answer, with Retry-After."""
    response = error_response(503, CODE, DETAIL)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def on_database_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Answer an API request whose database work failed to connect (a ninja handler)."""
    logger.warning("database unavailable on %s %s: %s", request.method, request.path, exc)
    return database_unavailable()


class DatabaseUnavailableMiddleware:
    """Answer 503 (JSON for the API, text for pages) when a view cannot reach the database."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Pass the request on."""
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        """Turn a database connection failure into 503; leave every other error alone."""
        if not is_database_error(exc):
            return None
        logger.warning("database unavailable on %s %s: %s", request.method, request.path, exc)
        if request.path.startswith("/api/"):
            return database_unavailable()
        page = HttpResponse(
            "The database does not answer right now. Retry shortly.\n",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
        page["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return page
