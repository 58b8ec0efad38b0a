"""CAMEO and PLOVER codes follow the VOCABULARY table from type and fields."""

from __future__ import annotations

from typing import Any

import pytest

from tracker.domain import derive_codes


@pytest.mark.parametrize(
    ("type_name", "data", "target_type", "cameo", "plover"),
    [
        ("visit", {"visitor": {"actor_id": "a"}}, None, "042", "CONSULT"),
        ("visit", {"hosts": [{}]}, None, "043", "CONSULT"),
        ("talks", {"status": "proposed"}, None, "036", "AGREE"),
        ("talks", {"status": "scheduled"}, None, "036", "AGREE"),
        ("talks", {"status": "held"}, None, "046", "CONSULT"),
        ("talks", {"status": "stalled"}, None, "040", "CONSULT"),
        ("statement", {"tone": "neutral"}, None, "010", None),
        ("statement", {"tone": "pessimistic"}, None, "012", None),
        ("confirmation", {}, None, "010", None),
        ("denial", {"denies": "x"}, None, "016", None),
        ("denial", {}, None, "010", None),
        ("sanctions_request", {"intensity": "appeal"}, None, "0254", "REQUEST"),
        ("sanctions_request", {"intensity": "demand"}, None, "1054", "REQUEST"),
        ("sanctions_decision", {"action": "imposed"}, None, "163", "SANCTION"),
        ("sanctions_decision", {"action": "eased"}, None, "085", "RETREAT"),
        ("sanctions_decision", {"action": "lifted"}, None, "085", "RETREAT"),
        ("sanctions_decision", {"action": "refused"}, None, "1244", "REJECT"),
        ("offer", {"domain": "economic"}, None, "0311", "AGREE"),
        ("offer", {"domain": "sanctions"}, None, "0354", "AGREE"),
        ("agreement", {}, None, "057", "SUPPORT"),
        ("rejection", {}, "sanctions_request", "1244", "REJECT"),
        ("rejection", {}, "talks", "125", "REJECT"),
        ("rejection", {}, None, "120", "REJECT"),
        ("figure", {}, None, None, None),
        ("appointment", {}, None, None, None),
        ("other", {"cameo": "173", "plover": {"event": "COERCE"}}, None, "173", "COERCE"),
    ],
)
def test_codes(
    type_name: str, data: dict[str, Any], target_type: str | None, cameo: str, plover: str | None
) -> None:
    """Each type and field combination yields its documented codes."""
    found_cameo, found_plover = derive_codes(type_name, data, target_type=target_type)
    assert found_cameo == cameo
    assert (found_plover or {}).get("event") == plover


def test_sanctions_request_plover_carries_mode_and_context() -> None:
    """REQUEST / yield, economic, as the table says."""
    assert derive_codes("sanctions_request", {})[1] == {
        "event": "REQUEST",
        "mode": "yield",
        "context": ["economic"],
    }
