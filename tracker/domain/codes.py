"""CAMEO and PLOVER codes derived from a development's type and fields.

Rules (the VOCABULARY table, made precise):

- visit: 042 (make a visit); 043 (host a visit) when only hosts are named. PLOVER CONSULT/visit.
- talks: proposed or scheduled -> 036 (express intent to meet) and PLOVER AGREE (a future
  meeting); held, resumed, concluded -> 046 (engage in negotiation); stalled, collapsed -> 040
  (consult, generic). PLOVER CONSULT except for future talks.
- statement: 010 (make statement); tone pessimistic -> 012, optimistic -> 013. No PLOVER.
- confirmation: 010. denial: 016 (deny) when it names the development it denies, else 010.
- sanctions_request: intensity appeal -> 0254, demand -> 1054; PLOVER REQUEST/yield, economic.
- sanctions_decision: imposed, extended -> 163 and SANCTION/discontinue, economic; eased,
  lifted -> 085 and RETREAT, economic; refused -> 1244 and REJECT, economic.
- offer: economic 0311, sanctions (offer to ease them) 0354, diplomatic 032, military 0312,
  humanitarian 0333, other 030; PLOVER AGREE.
- agreement: 057, PLOVER SUPPORT.
- rejection: of a sanctions_request 1244; of talks or an offer 125; otherwise 120. PLOVER REJECT.
- figure, appointment: none. other: as given.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Plover = dict[str, Any] | None

_OFFER = {
    "economic": "0311",
    "sanctions": "0354",
    "diplomatic": "032",
    "military": "0312",
    "humanitarian": "0333",
}
_TALKS_FUTURE = frozenset({"proposed", "scheduled"})
_TALKS_ENGAGED = frozenset({"held", "resumed", "concluded"})


def _plover(event: str, mode: str | None = None, *context: str) -> dict[str, Any]:
    return {"event": event, "mode": mode, "context": list(context)}


def derive_codes(
    type_name: str, data: Mapping[str, Any], *, target_type: str | None = None
) -> tuple[str | None, Plover]:
    """Return (cameo, plover) for a development; `target_type` is the type it responds to."""
    if type_name == "visit":
        return ("042" if data.get("visitor") else "043"), _plover("CONSULT", "visit")
    if type_name == "talks":
        status = data.get("status")
        if status in _TALKS_FUTURE:
            return "036", _plover("AGREE")
        return ("046" if status in _TALKS_ENGAGED else "040"), _plover("CONSULT")
    if type_name == "statement":
        tone = data.get("tone")
        return {"pessimistic": "012", "optimistic": "013"}.get(str(tone), "010"), None
    if type_name == "confirmation":
        return "010", None
    if type_name == "denial":
        return ("016" if data.get("denies") else "010"), None
    if type_name == "sanctions_request":
        cameo = "1054" if data.get("intensity") == "demand" else "0254"
        return cameo, _plover("REQUEST", "yield", "economic")
    if type_name == "sanctions_decision":
        return _sanctions_decision(str(data.get("action")))
    if type_name == "offer":
        return _OFFER.get(str(data.get("domain")), "030"), _plover("AGREE")
    if type_name == "agreement":
        return "057", _plover("SUPPORT")
    if type_name == "rejection":
        if target_type == "sanctions_request":
            return "1244", _plover("REJECT", None, "economic")
        return ("125" if target_type in ("talks", "offer") else "120"), _plover("REJECT")
    if type_name == "other":
        return data.get("cameo"), data.get("plover")
    return None, None


def _sanctions_decision(action: str) -> tuple[str, Plover]:
    if action in ("eased", "lifted"):
        return "085", _plover("RETREAT", None, "economic")
    if action == "refused":
        return "1244", _plover("REJECT", None, "economic")
    return "163", _plover("SANCTION", "discontinue", "economic")
