"""GET /health: the database's status."""

from __future__ import annotations

from django.db import connection
from ninja import Router, Schema

router = Router(tags=["health"])


class HealthOut(Schema):
    """The tracker's health: whether the database answers."""

    status: str
    database: str


@router.get("/health", response={200: HealthOut, 503: HealthOut})
def health(request: object) -> tuple[int, HealthOut]:
    """Report whether the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means "down"
        return 503, HealthOut(status="degraded", database="unavailable")
    return 200, HealthOut(status="ok", database="ok")
