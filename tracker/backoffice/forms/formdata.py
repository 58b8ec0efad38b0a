"""Translate between a development's JSON (API input shape) and the values of its form fields."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from tracker.backoffice.forms.schema import FieldSpec
from tracker.domain import DEVELOPMENT_MODELS

ROLE_MARK = "|"


def development_payload(specs: Iterable[FieldSpec], values: Mapping[str, Any]) -> dict[str, Any]:
    """Return the development JSON of a form's values; empty fields are left out."""
    payload: dict[str, Any] = {}
    for spec in specs:
        value = field_json(spec, values.get(spec.name))
        if value is not None:
            _put(payload, spec.path, value)
    return payload


def field_json(spec: FieldSpec, raw: Any) -> Any:
    """Return the JSON value of one field, or None when it was left empty."""
    if spec.kind == "boolean":
        return bool(raw)
    text = str(raw or "").strip()
    if not text:
        return None
    if spec.kind == "actor":
        return {"name": text}
    if spec.kind == "actor_list":
        return [{"name": name} for name in _parts(text.split(";"))]
    if spec.kind == "involvement":
        return [_involvement(line) for line in _parts(text.splitlines())]
    if spec.kind == "text_list":
        return list(_parts(text.splitlines()))
    return text


def changes_of(
    specs: Iterable[FieldSpec], payload: Mapping[str, Any], changed: Iterable[str]
) -> dict[str, Any]:
    """Return the correction's changes: each changed top-level field's new value (None clears)."""
    tops = {name.split(".", 1)[0] for name in changed}
    return {top: payload.get(top) for top in dict.fromkeys(s.path[0] for s in specs) if top in tops}


def initial_values(
    type_name: str, specs: Iterable[FieldSpec], view: Mapping[str, Any]
) -> dict[str, Any]:
    """Return form values showing a development as it is now (for a correction)."""
    data: Mapping[str, Any] = view.get("data") or {}
    names = _actor_names(type_name, data, view.get("actors") or [])
    values: dict[str, Any] = {}
    for spec in specs:
        value: Any = data
        for key in spec.path:
            value = value.get(key) if isinstance(value, Mapping) else None
        values[spec.name] = _field_text(spec, value, names)
    return values


def _field_text(spec: FieldSpec, value: Any, names: Mapping[int, str]) -> Any:
    if spec.kind == "boolean":
        return bool(value)
    if value is None:
        return ""
    if spec.kind == "actor":
        return names.get(id(value), _stated(value))
    if spec.kind == "actor_list":
        return "; ".join(names.get(id(ref), _stated(ref)) for ref in value)
    if spec.kind == "involvement":
        return "\n".join(
            f"{names.get(id(ref), _stated(ref))} {ROLE_MARK} {ref.get('role') or 'involved'}"
            for ref in value
        )
    if spec.kind == "text_list":
        return "\n".join(str(item) for item in value)
    return str(value)


def _actor_names(
    type_name: str, data: Mapping[str, Any], shown: list[Mapping[str, Any]]
) -> dict[int, str]:
    """Map each stored actor reference (by identity) to the canonical name the view shows."""
    refs = list(_stored_refs(type_name, data))
    if len(refs) != len(shown):
        return {}
    return {id(ref): str(actor.get("name")) for ref, actor in zip(refs, shown, strict=True)}


def _stored_refs(type_name: str, data: Mapping[str, Any]) -> Iterator[Any]:
    """Yield the stored actor references in the order the timeline lists the actors."""
    model = DEVELOPMENT_MODELS.get(type_name)
    for field, _role in model.actor_fields if model else ():
        value = data.get(field)
        yield from (ref for ref in (value if isinstance(value, list) else [value]) if ref)
    yield from (ref for ref in data.get("actors") or [] if isinstance(ref, Mapping))


def _stated(ref: Any) -> str:
    if isinstance(ref, Mapping):
        return str(ref.get("name_as_stated") or ref.get("name") or ref.get("actor_id") or "")
    return str(ref)


def _involvement(line: str) -> dict[str, str]:
    name, _, role = line.partition(ROLE_MARK)
    entry = {"name": name.strip()}
    if role.strip():
        entry["role"] = role.strip()
    return entry


def _parts(items: Iterable[str]) -> Iterator[str]:
    return (item.strip() for item in items if item.strip())


def _put(target: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        target = target.setdefault(key, {})
    target[path[-1]] = value
