"""Who is calling: bearer tokens (read/write scope) and, for writes, a staff session."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import AuthenticationError, AuthorizationError
from ninja.security import HttpBearer
from ninja.security.base import AuthBase
from ninja.utils import check_csrf

from tracker.api.tokens import token_authenticate


@dataclass(frozen=True)
class Principal:
    """The caller of a request, as it goes into the metadata of the events it records."""

    kind: str  # token, user or anonymous
    name: str
    id: int | None = None
    scope: str = "read"

    def recorded_by(self) -> dict[str, Any]:
        """Return the metadata entry naming who recorded an event."""
        if self.kind == "user":
            return {"kind": "user", "username": self.name, "id": self.id}
        return {"kind": self.kind, "name": self.name, "id": self.id}


ANONYMOUS = Principal(kind="anonymous", name="anonymous")


def _bearer(request: HttpRequest) -> str | None:
    """Return the bearer token of the request, "" for a malformed header, None for none."""
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _, token = header.strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _token_principal(raw: str) -> Principal:
    """Return the principal of a raw token; raise 401 if it is unknown or revoked."""
    token = token_authenticate(raw)
    if token is None:
        raise AuthenticationError()
    return Principal(kind="token", name=token.name, id=token.pk, scope=token.scope)


class ReadAuth(HttpBearer):
    """Reads: a read or write token, or nothing at all when TRACKER_PUBLIC_READ is on."""

    def __call__(self, request: HttpRequest) -> Principal | None:
        """Return the caller, or None (401) when a token is needed and missing."""
        raw = _bearer(request)
        if raw is None:
            return ANONYMOUS if settings.TRACKER_PUBLIC_READ else None
        return _token_principal(raw)

    def authenticate(self, request: HttpRequest, token: str) -> Principal | None:
        """Return the principal of a token (unused: __call__ handles the header)."""
        return _token_principal(token)


class WriteAuth(HttpBearer):
    """Writes: a token with the write scope (a read token is 403)."""

    def __call__(self, request: HttpRequest) -> Principal | None:
        """Return the caller, None when there is no token (the session may still answer)."""
        raw = _bearer(request)
        if raw is None:
            return None
        return self.authenticate(request, raw)

    def authenticate(self, request: HttpRequest, token: str) -> Principal | None:
        """Return the principal of a write token; raise 403 for a read token."""
        principal = _token_principal(token)
        if principal.scope != "write":
            raise AuthorizationError(message="This token may only read.")
        return principal


class StaffSession(AuthBase):
    """Writes from the admin: a logged-in staff user, with Django's CSRF check."""

    openapi_type = "apiKey"
    openapi_in = "cookie"
    openapi_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> Principal | None:
        """Return the staff user as a principal, None without one; 403 on a failed CSRF check."""
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_staff:
            return None
        if check_csrf(request) is not None:
            raise AuthorizationError(message="CSRF check failed.")
        return Principal(kind="user", name=user.get_username(), id=user.pk, scope="write")


read_auth = ReadAuth()
write_auth = [WriteAuth(), StaffSession()]
