"""Read-model tables; every row is derived from events and rebuilt from them at will."""

from __future__ import annotations

from typing import Any

import orjson
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.expressions import RawSQL

from tracker.projections.rendering import current_rendering
from tracker.projections.search import SEARCH_VECTOR_SQL


class Checkpoint(models.Model):
    """How far a projection has applied the global stream, how many events, rendered how."""

    name = models.CharField(primary_key=True, max_length=64)
    position = models.BigIntegerField(default=0)
    events_applied = models.BigIntegerField(default=0)
    rendering = models.IntegerField(default=current_rendering)
    updated_at = models.DateTimeField(auto_now=True)


class StoryViews(models.Manager["StoryView"]):
    """Story rows without the document's text: the story read alone sends it, by SQL."""

    def get_queryset(self) -> models.QuerySet[StoryView]:
        """Return the rows with `body` deferred (lists and exports read `document`)."""
        return super().get_queryset().defer("body")


class StoryView(models.Model):
    """A story's folded state as a JSON document, with the columns lists filter on."""

    story_id = models.UUIDField(primary_key=True)
    slug = models.CharField(max_length=200, unique=True)
    title = models.TextField()
    status = models.CharField(max_length=32)
    language = models.CharField(max_length=16, blank=True)
    version = models.IntegerField()
    position = models.BigIntegerField()
    opened_at = models.DateTimeField(null=True)
    last_development_at = models.DateTimeField(null=True)
    document = models.JSONField()
    #: The same document as the JSON text the API sends (stored uncompressed): a story read
    #: returns it as it is, without PostgreSQL printing the `jsonb` again. Null in rows an
    #: older rendering wrote (a stuck story's, kept through rebuilds): those print `document`.
    body = models.TextField(null=True)
    actor_ids = ArrayField(models.UUIDField(), default=list)  # every actor its views show
    text_german = models.TextField(default="")
    text_english = models.TextField(default="")
    text_simple = models.TextField(default="")
    search = models.GeneratedField(
        expression=RawSQL(SEARCH_VECTOR_SQL, []),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = StoryViews()

    class Meta:
        indexes = [
            GinIndex(fields=["search"], name="storyview_search"),
            GinIndex(fields=["actor_ids"], name="storyview_actors"),
            models.Index(fields=["status"], name="storyview_status"),
        ]


class StorySnapshot(models.Model):
    """A story's folded state but its developments (kept in their rows), as of one version.

    The projector loads it, evolves the new events and stores it; the write path decides
    against it plus the events after it. `pending` says which rows still show an older state:
    0 none, 1 the story's summary rows (document, involvement, figures, sources), 2 every row.
    """

    story_id = models.UUIDField(primary_key=True)
    version = models.IntegerField()
    position = models.BigIntegerField()
    rendering = models.IntegerField(default=current_rendering)
    state = models.TextField()  # the state's JSON text (domain.snapshot.state_to_data)
    developments = models.IntegerField(default=0)  # development rows the story holds
    pending = models.SmallIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(
                fields=["pending"], name="storysnapshot_pending", condition=models.Q(pending__gt=0)
            ),
        ]


class DevelopmentView(models.Model):
    """One development of a story as the timeline shows it, and as the fold knows it."""

    event_id = models.UUIDField(primary_key=True)
    story_id = models.UUIDField()  # looked up through the timeline index
    type = models.CharField(max_length=32)
    moment = models.DateTimeField()  # timeline order: (moment, position)
    position = models.BigIntegerField()
    occurred_at = models.DateTimeField(null=True)
    occurred_precision = models.CharField(max_length=8, blank=True)
    status = models.CharField(max_length=16)
    confirmation = models.CharField(max_length=16)
    summary = models.TextField(blank=True)
    view = models.TextField()  # the view as JSON text, stored and served as rendered
    record = models.TextField()  # the fold's record as JSON text (domain.snapshot.record_to_data)
    refs = ArrayField(models.TextField(), default=list)  # developments it points at
    actor_ids = ArrayField(models.UUIDField(), default=list)  # actors its view shows

    class Meta:
        indexes = [
            models.Index(fields=["story_id", "moment", "position"], name="devview_timeline"),
            GinIndex(fields=["refs"], name="devview_refs"),
            GinIndex(fields=["actor_ids"], name="devview_actors"),
        ]

    @property
    def view_data(self) -> dict[str, Any]:
        """Return the view decoded from its JSON text."""
        data: dict[str, Any] = orjson.loads(self.view)
        return data


class ActorView(models.Model):
    """An actor with its aliases; a merged actor points at the one it was merged into."""

    actor_id = models.UUIDField(primary_key=True)
    name = models.TextField()
    kind = models.CharField(max_length=16)
    aliases = models.JSONField(default=list)
    merged_into = models.UUIDField(null=True)
    description = models.TextField(blank=True)


class ActorName(models.Model):
    """One normalized spelling (name or alias) of an actor, for name resolution and search."""

    pk = models.CompositePrimaryKey("actor_id", "normalized")
    actor_id = models.UUIDField()  # looked up through the primary key
    normalized = models.TextField(db_index=True)
    name = models.TextField()
    language = models.CharField(max_length=16, blank=True)
    #: The spelling's loose key across scripts and transliterations (domain.latin_key); with
    #: pg_trgm on the server, it and `normalized` have trigram indexes (migration 0009).
    latin = models.TextField(default="")


class Involvement(models.Model):
    """An actor's part in a story: roles and the number of developments."""

    pk = models.CompositePrimaryKey("story_id", "actor_id")
    story_id = models.UUIDField()  # looked up through the primary key
    actor_id = models.UUIDField(db_index=True)
    roles = models.JSONField(default=list)
    developments = models.IntegerField(default=0)


class FigurePoint(models.Model):
    """One point of a figure series of a story."""

    pk = models.CompositePrimaryKey("story_id", "metric", "unit", "period")
    story_id = models.UUIDField()  # looked up through the primary key
    metric = models.TextField()
    unit = models.CharField(max_length=32)
    period = models.CharField(max_length=32)
    value = models.DecimalField(max_digits=30, decimal_places=6)
    event_id = models.UUIDField()


class SourceView(models.Model):
    """An outlet and URL a story's developments cite."""

    pk = models.CompositePrimaryKey("story_id", "outlet", "url")
    story_id = models.UUIDField()  # looked up through the primary key
    outlet = models.TextField()
    url = models.TextField(blank=True)
    language = models.CharField(max_length=16, blank=True)
    developments = models.JSONField(default=list)


class ProjectionFailure(models.Model):
    """A stream the projector stopped at: its read model stays at the last good version."""

    stream_id = models.UUIDField(primary_key=True)
    stream_type = models.CharField(max_length=32)  # "story" or "actor"
    event_id = models.UUIDField(null=True)  # the event that could not be applied
    position = models.BigIntegerField()
    version = models.IntegerField()  # that event's version in its stream
    good_version = models.IntegerField(default=0)  # the version the read model shows
    error = models.TextField()
    #: An actor event the directory left out: its stop seeds every fold until a retry clears it.
    #: False for an actor whose rows the database refused (the directory applied its events).
    left_out = models.BooleanField(default=False)
    first_seen = models.DateTimeField()
    last_seen = models.DateTimeField()
    attempts = models.IntegerField(default=1)

    class Meta:
        ordering = ["first_seen"]

    def __str__(self) -> str:
        """Name the stream and where it stopped."""
        return f"{self.stream_type} {self.stream_id} stuck at version {self.good_version}"


class ProjectorHeartbeat(models.Model):
    """The leading projector worker of a projection and when it last said it was alive."""

    name = models.CharField(primary_key=True, max_length=64)
    worker = models.CharField(max_length=200)  # host:pid:thread
    leading_since = models.DateTimeField()
    beat_at = models.DateTimeField()
