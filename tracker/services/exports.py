"""Export a story in an exchange format, now or at a replay point (version, or as_of + basis)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from tracker.domain import (
    ACTOR_STREAM,
    ActorDirectory,
    RecordedEvent,
    StoryState,
    fold,
    fold_actors,
    state_as_happened_by,
    state_as_known_at,
    state_at_version,
)
from tracker.exports import registry
from tracker.exports.base import ExportFormat, ExportInput, ExportOptions, story_input
from tracker.projections.directory import actor_directory, directory_seed
from tracker.services import streams
from tracker.services.errors import NotFound, ServiceError


class UnknownFormat(ServiceError):
    """No exchange format has this name."""

    code = "unknown_format"
    status = 404


@dataclass(frozen=True, slots=True)
class Export:
    """One rendered export: its bytes, how to serve them, and what identifies them."""

    body: bytes
    format: ExportFormat
    version: int
    slug: str
    modified: datetime | None

    @property
    def etag(self) -> str:
        """Return a strong ETag: story version, format, its rendering and a digest of the bytes.

        The digest tells apart two renderings of one version (an actor renamed since).
        """
        digest = hashlib.blake2b(self.body, digest_size=8).hexdigest()
        return f'"{self.version}-{self.format.name}-r{self.format.rendering}-{digest}"'

    @property
    def filename(self) -> str:
        """Return the file name an export is saved as: slug, version, format, extension."""
        return f"{self.slug}-v{self.version}-{self.format.name}.{self.format.extension}"


def export_format(name: str) -> ExportFormat:
    """Return the format with this name, or raise UnknownFormat naming every format."""
    found = registry.get(name)
    if found is None:
        known = ", ".join(registry.names())
        raise UnknownFormat(f"There is no export format {name[:60]!r}; the formats are: {known}.")
    return found


def export_story(
    story: str,
    format_name: str,
    *,
    version: int | None = None,
    as_of: datetime | None = None,
    basis: str = "recorded",
    options: ExportOptions | None = None,
) -> Export:
    """Render a story in a format, now or at a version or a time (basis recorded or occurred)."""
    fmt = export_format(format_name)
    story_input = export_input(
        story, version=version, as_of=as_of, basis=basis, options=options or ExportOptions()
    )
    state = story_input.state
    modified = max((e.recorded_at for e in story_input.events), default=None)
    return Export(fmt.render(story_input), fmt, state.version, state.slug or "", modified)


def export_input(
    story: str,
    *,
    version: int | None = None,
    as_of: datetime | None = None,
    basis: str = "recorded",
    options: ExportOptions | None = None,
) -> ExportInput:
    """Return what every format reads: the fold, its document, its events, its actors.

    Its actors are shown as the projection shows them: an actor recorded stuck stays stopped
    at its recorded event until it is retried (`directory_seed`).
    """
    _, events = streams.require_events(story)
    chosen: list[RecordedEvent] = list(events)
    store = streams.store()
    directory: ActorDirectory | None = None
    if version is not None:
        chosen = [e for e in events if e.version <= version]
        state: StoryState = state_at_version(events, version)
    elif as_of is not None and basis == "occurred":
        state = state_as_happened_by(events, as_of)
    elif as_of is not None:
        chosen = [e for e in events if e.recorded_at <= as_of]
        state = state_as_known_at(events, as_of)
        actor_events = store.read_all(after=0, limit=1_000_000, stream_types=[ACTOR_STREAM])
        directory = fold_actors(
            (e for e in actor_events if e.recorded_at <= as_of), directory_seed()
        )
    else:
        state = fold(events)
    if state.id is None:
        raise NotFound(f"story {story} was not open yet at that point")
    if directory is not None:
        return story_input(state, chosen, directory, options)
    with actor_directory(store) as current:
        return story_input(state, chosen, current, options)
