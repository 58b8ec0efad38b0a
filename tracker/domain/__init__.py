"""The pure domain of the tracker: event types, decisions, and the one fold of a story.

Write side: a service folds the stream (`fold` / `fold_actors`), calls one `decide_*`
function with keyword arguments and a fresh event id, and appends the returned
`PendingEvent`s grouped by stream with the versions the decision saw; a refusal is a
`DomainError` with `code`, `category` (not_found, invalid, conflict) and `message`.
Read side: `fold` (or a replay helper) then `to_document(state, directory)`.
"""

from tracker.domain.actor_candidates import ActorCandidate
from tracker.domain.actor_directory import ActorDirectory, ActorRecord, evolve_actors, fold_actors
from tracker.domain.actor_stops import ActorStop
from tracker.domain.codes import derive_codes
from tracker.domain.decide_actors import (
    decide_add_alias,
    decide_merge_actors,
    decide_register_actor,
)
from tracker.domain.decide_corrections import decide_correct_development, decide_retract_development
from tracker.domain.decide_development import decide_record_development
from tracker.domain.decide_story import (
    decide_change_story_status,
    decide_open_story,
    decide_retitle_story,
)
from tracker.domain.development_base import DevelopmentIn
from tracker.domain.developments import DEVELOPMENT_MODELS
from tracker.domain.document import timeline, to_document
from tracker.domain.envelope import ACTOR_STREAM, STORY_STREAM, Event, PendingEvent, RecordedEvent
from tracker.domain.errors import (
    ActorAlreadyMerged,
    ActorAlreadyRegistered,
    ActorNameTaken,
    ActorNotFound,
    AliasAlreadyPresent,
    AmbiguousActor,
    DevelopmentNotFound,
    DevelopmentRetracted,
    DomainError,
    FieldError,
    InvalidCorrection,
    MergeTargetMerged,
    NothingToChange,
    SelfMerge,
    StoryAlreadyExists,
    StoryNotFound,
    UnknownActor,
    UnknownDevelopment,
    ValidationFailed,
)
from tracker.domain.event_types import (
    ACTOR_EVENT_TYPES,
    CURRENT_SCHEMA_VERSIONS,
    DEVELOPMENT_TYPES,
    STORY_EVENT_TYPES,
    schema_version_of,
)
from tracker.domain.names import ACTOR_NAMESPACE, actor_id_for_name, normalize_name, slugify
from tracker.domain.registry import (
    development_json_schema,
    development_json_schemas,
    development_model,
    parse_development,
)
from tracker.domain.replay import state_as_happened_by, state_as_known_at, state_at_version
from tracker.domain.state import DevelopmentRecord, StoryState
from tracker.domain.story_fold import evolve, fold
from tracker.domain.timeparse import format_partial, iso, parse_occurred_at, parse_timestamp
from tracker.domain.upcasting import UPCASTERS, upcast, upcaster

__all__ = [
    "ACTOR_EVENT_TYPES",
    "ACTOR_NAMESPACE",
    "ACTOR_STREAM",
    "CURRENT_SCHEMA_VERSIONS",
    "DEVELOPMENT_MODELS",
    "DEVELOPMENT_TYPES",
    "STORY_EVENT_TYPES",
    "STORY_STREAM",
    "UPCASTERS",
    "ActorAlreadyMerged",
    "ActorAlreadyRegistered",
    "ActorCandidate",
    "ActorDirectory",
    "ActorNameTaken",
    "ActorNotFound",
    "ActorRecord",
    "ActorStop",
    "AliasAlreadyPresent",
    "AmbiguousActor",
    "DevelopmentIn",
    "DevelopmentNotFound",
    "DevelopmentRecord",
    "DevelopmentRetracted",
    "DomainError",
    "Event",
    "FieldError",
    "InvalidCorrection",
    "MergeTargetMerged",
    "NothingToChange",
    "PendingEvent",
    "RecordedEvent",
    "SelfMerge",
    "StoryAlreadyExists",
    "StoryNotFound",
    "StoryState",
    "UnknownActor",
    "UnknownDevelopment",
    "ValidationFailed",
    "actor_id_for_name",
    "decide_add_alias",
    "decide_change_story_status",
    "decide_correct_development",
    "decide_merge_actors",
    "decide_open_story",
    "decide_record_development",
    "decide_register_actor",
    "decide_retitle_story",
    "decide_retract_development",
    "derive_codes",
    "development_json_schema",
    "development_json_schemas",
    "development_model",
    "evolve",
    "evolve_actors",
    "fold",
    "fold_actors",
    "format_partial",
    "iso",
    "normalize_name",
    "parse_development",
    "parse_occurred_at",
    "parse_timestamp",
    "schema_version_of",
    "slugify",
    "state_as_happened_by",
    "state_as_known_at",
    "state_at_version",
    "timeline",
    "to_document",
    "upcast",
    "upcaster",
]
