"""Errors the services raise besides the domain's and the store's own."""

from __future__ import annotations


class ServiceError(Exception):
    """A request the services cannot carry out; `code` is machine-readable."""

    code = "service_error"
    status = 400

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotFound(ServiceError):
    """The story, development or actor does not exist."""

    code = "not_found"
    status = 404


class VersionNotFound(NotFound):
    """A replay asked for a version the story has not reached."""

    code = "version_not_found"


class SlugTaken(ServiceError):
    """Another story already has this slug."""

    code = "slug_taken"
    status = 409


class Stale(ServiceError):
    """The projection did not reach the requested position in time."""

    code = "stale"
    status = 409

    def __init__(self, detail: str, *, current_position: int) -> None:
        super().__init__(detail)
        self.current_position = current_position


class ProjectionStuck(ServiceError):
    """The story's read model could not be built: its events stop at a failure (see /health)."""

    code = "projection_stuck"
    status = 503
