"""The backoffice's models: a holder of the editors' permissions and the read-only event log."""

from __future__ import annotations

from django.db import models


class Newsroom(models.Model):
    """Holds the newsroom's custom permissions; it has no table and no rows."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("browse", "Can look at stories, actors and their replays"),
            ("open_story", "Can open a story"),
            ("record_development", "Can record a development"),
            ("correct_development", "Can correct a development"),
            ("retract_development", "Can retract a development"),
            ("manage_actors", "Can add aliases to and merge actors"),
        ]


class Event(models.Model):
    """One stored event of the append-only `events` table (created by Alembic, never written)."""

    position = models.BigIntegerField(primary_key=True)
    event_id = models.UUIDField(unique=True)
    stream_id = models.UUIDField()
    stream_type = models.TextField()
    version = models.IntegerField()
    event_type = models.TextField()
    schema_version = models.IntegerField()
    data = models.JSONField()
    metadata = models.JSONField()
    occurred_at = models.DateTimeField(null=True)
    occurred_precision = models.TextField(null=True)
    reported_at = models.DateTimeField(null=True)
    recorded_at = models.DateTimeField()
    idempotency_key = models.TextField(null=True)
    request_hash = models.TextField(null=True)

    class Meta:
        managed = False
        db_table = "events"
        ordering = ["-position"]
        default_permissions = ("view",)
        verbose_name = "event"
        verbose_name_plural = "event log"

    def __str__(self) -> str:
        return f"#{self.position} {self.event_type} ({self.stream_type} v{self.version})"
