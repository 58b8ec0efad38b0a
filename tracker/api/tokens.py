"""Token services: create, revoke and authenticate API bearer tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from tracker.api.models import ApiToken

TOKEN_PREFIX = "trk_"
TOKEN_MAX_LENGTH = 200
LAST_USED_RESOLUTION = timedelta(minutes=1)


class TokenError(Exception):
    """A token cannot be created or revoked as asked."""


def token_hash(raw: str) -> str:
    """Return the hex SHA-256 of a raw token."""
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def token_create(*, name: str, scope: str) -> str:
    """Create a token and return its raw value; only its hash is stored."""
    name = name.strip()
    if not name or len(name) > 100:
        raise TokenError("the name must have 1 to 100 characters")
    if scope not in ApiToken.Scope.values:
        raise TokenError(f"the scope must be one of {', '.join(ApiToken.Scope.values)}")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            ApiToken.objects.create(name=name, scope=scope, token_hash=token_hash(raw))
    except IntegrityError:
        raise TokenError(f"a token named {name!r} exists already") from None
    return raw


def token_revoke(*, name: str) -> ApiToken:
    """Revoke the token with this name; revoking twice keeps the first revocation time."""
    token = ApiToken.objects.filter(name=name).first()
    if token is None:
        raise TokenError(f"no token named {name!r}")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_authenticate(raw: str) -> ApiToken | None:
    """Return the live token whose hash matches `raw`, or None."""
    if not raw or len(raw) > TOKEN_MAX_LENGTH:
        return None
    digest = token_hash(raw)
    token = ApiToken.objects.filter(token_hash=digest, revoked_at__isnull=True).first()
    if token is None or not hmac.compare_digest(token.token_hash, digest):
        return None
    _touch(token)
    return token


def _touch(token: ApiToken) -> None:
    """Record the time of use, at most once a minute per token (reads stay cheap)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
