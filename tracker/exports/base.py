"""What a format is given (the folded story, its document, its events) and what it declares."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from tracker.domain import ActorDirectory, RecordedEvent, StoryState, to_document

#: What to do with retracted developments where a format can leave them out or mark them.
Retracted = Literal["omit", "mark"]


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """Choices a reader makes about one export (query parameters of the endpoint)."""

    retracted: Retracted = "omit"


@dataclass(frozen=True, slots=True)
class ExportInput:
    """A story as every format reads it, at one point of its history.

    - `state`: the fold of the story (`tracker.domain.fold`) at the replay point;
    - `document`: `to_document(state, directory)`: the API's story JSON with its `timeline`
      (every development, retracted ones too, in occurred order, actors resolved by name);
    - `events`: the story's events the fold took in, in version order (for history:
      who recorded what and when; with basis `occurred`, every event known now).

    The actors as known at the replay point are resolved into the document; the directory
    itself is not kept (the process's current one is shared, and held only while read).
    """

    state: StoryState
    document: dict[str, Any]
    events: Sequence[RecordedEvent]
    options: ExportOptions = field(default_factory=ExportOptions)

    @property
    def timeline(self) -> list[dict[str, Any]]:
        """Return the development views of the document, in occurred order."""
        items: list[dict[str, Any]] = self.document["timeline"]
        return items

    def actor_kinds(self) -> dict[str, str | None]:
        """Return each canonical actor id of the story with its kind (person, organization...)."""
        return {entry["id"]: entry.get("kind") for entry in self.document.get("actors", [])}


def story_input(
    state: StoryState,
    events: Sequence[RecordedEvent],
    directory: ActorDirectory,
    options: ExportOptions | None = None,
) -> ExportInput:
    """Return the input of every format for a folded story, its events and its actors."""
    return ExportInput(
        state=state,
        document=to_document(state, directory),
        events=tuple(events),
        options=options or ExportOptions(),
    )


#: A format: the story in, the bytes of the export out.
Render = Callable[[ExportInput], bytes]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One exchange format: how to render it and how to serve it.

    `rendering`: raise it whenever the same story would render different bytes (it is part
    of every ETag of the format).
    """

    name: str
    render: Render
    content_type: str
    extension: str
    rendering: int
    description: str
