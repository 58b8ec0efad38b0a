"""Actor decisions: registration, aliases and merges, and what they refuse."""

from __future__ import annotations

from uuid import UUID

import pytest

from tests.domain.support import MemoryStore, new_id
from tracker.domain import (
    ActorAlreadyMerged,
    ActorAlreadyRegistered,
    ActorNameTaken,
    ActorNotFound,
    AliasAlreadyPresent,
    MergeTargetMerged,
    SelfMerge,
    ValidationFailed,
    actor_id_for_name,
    decide_add_alias,
    decide_merge_actors,
    decide_register_actor,
)


def register(store: MemoryStore, name: str, **extra: object) -> UUID:
    """Register an actor named `name` and return its id."""
    actor_id = actor_id_for_name(name)
    store.append(
        decide_register_actor(
            directory=store.directory,
            actor_id=actor_id,
            event_id=new_id(f"reg {name}"),
            actor={"name": name, "kind": "person", **extra},
        )
    )
    return actor_id


def merge(store: MemoryStore, actor_id: UUID, into: UUID) -> None:
    """Merge one actor into another."""
    store.append(
        decide_merge_actors(
            directory=store.directory,
            actor_id=actor_id,
            into=into,
            event_id=new_id((actor_id, into)),
        )
    )


def test_register_validates_and_refuses_duplicates() -> None:
    """Bad kinds fail validation; the same id or a taken name or alias is refused."""
    store = MemoryStore()
    dmitrijew = register(
        store, "Kirill Dmitrijew", aliases=[{"name": "Кирилл Дмитриев", "language": "ru"}]
    )
    with pytest.raises(ValidationFailed, match="kind: must be one of"):
        decide_register_actor(
            directory=store.directory,
            actor_id=new_id("x"),
            event_id=new_id("e"),
            actor={"name": "X", "kind": "robot"},
        )
    with pytest.raises(ActorAlreadyRegistered):
        register(store, "Kirill Dmitrijew")
    with pytest.raises(ActorNameTaken, match=str(dmitrijew)):
        decide_register_actor(
            directory=store.directory,
            actor_id=new_id("other"),
            event_id=new_id("e"),
            actor={"name": "КИРИЛЛ ДМИТРИЕВ", "kind": "person"},
        )


def test_alias_rules() -> None:
    """An alias resolves afterwards; the same alias again, or another actor's name, is refused."""
    store = MemoryStore()
    dmitrijew = register(store, "Kirill Dmitrijew")
    putin = register(store, "Wladimir Putin")
    assert store.directory.resolve("Kirill Dmitriev") is None
    store.append(
        decide_add_alias(
            directory=store.directory,
            actor_id=dmitrijew,
            event_id=new_id("alias"),
            name="Kirill Dmitriev",
            language="en",
        )
    )
    assert store.directory.resolve("kirill dmitriev") == dmitrijew
    with pytest.raises(AliasAlreadyPresent) as caught:
        decide_add_alias(
            directory=store.directory,
            actor_id=dmitrijew,
            event_id=new_id("a2"),
            name="KIRILL DMITRIEV",
        )
    assert caught.value.code == "alias_exists"
    with pytest.raises(ActorNameTaken):
        decide_add_alias(
            directory=store.directory,
            actor_id=dmitrijew,
            event_id=new_id("a3"),
            name="Wladimir Putin",
        )
    with pytest.raises(ActorNotFound):
        decide_add_alias(
            directory=store.directory, actor_id=new_id("nobody"), event_id=new_id("a4"), name="X"
        )
    assert putin != dmitrijew


def test_an_alias_for_a_merged_actor_goes_to_the_one_it_joined() -> None:
    """The merged actor answers as the one it was merged into."""
    store = MemoryStore()
    a, b = register(store, "Kirill Dmitrijew"), register(store, "Kirill Dmitriev")
    merge(store, b, a)
    (event,) = decide_add_alias(
        directory=store.directory, actor_id=b, event_id=new_id("alias"), name="K. Dmitriev"
    )
    assert event.stream_id == a


def test_merge_rules() -> None:
    """Self merge, merging a merged actor, merging into a merged actor, unknown actors."""
    store = MemoryStore()
    a, b, c = (register(store, n) for n in ("Kirill Dmitrijew", "Kirill Dmitriev", "K Dmitriev"))
    with pytest.raises(SelfMerge) as self_merge:
        merge(store, a, a)
    assert self_merge.value.code == "self_merge"
    merge(store, b, a)
    with pytest.raises(ActorAlreadyMerged):
        merge(store, b, c)
    with pytest.raises(MergeTargetMerged, match=str(a)):
        merge(store, c, b)
    with pytest.raises(ActorNotFound):
        merge(store, new_id("nobody"), a)
    with pytest.raises(ActorNotFound, match="merge target"):
        merge(store, c, new_id("nobody"))
    merge(store, c, a)
    assert store.directory.canonical(c) == a
    assert store.directory.resolve("k dmitriev") == a
