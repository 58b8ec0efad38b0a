"""API tokens: only a SHA-256 hash of each token is stored."""

from __future__ import annotations

from django.db import models


class ApiToken(models.Model):
    """A bearer token for the REST API, with a read or write scope."""

    class Scope(models.TextChoices):
        READ = "read"
        WRITE = "write"

    name = models.CharField(max_length=100, unique=True)
    scope = models.CharField(max_length=8, choices=Scope.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.scope})"
