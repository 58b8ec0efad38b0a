"""Example bodies of the write endpoints, shown in the OpenAPI docs (tests validate each one)."""

from __future__ import annotations

from typing import Any

SPIEGEL = {
    "outlet": "Der Spiegel",
    "url": "https://www.spiegel.de/ausland/kirill-dmitrijew-in-washington",
    "language": "de",
    "published_at": "2025-04-03T08:15:00Z",
}
#: An event id in the examples that name an earlier development of the story.
EARLIER_DEVELOPMENT = "0b3ccb39-23fa-54ce-a806-d1aad787fbff"

STORY = {
    "title": "US-Russia sanctions talks",
    "slug": "sanctions-talks",
    "summary": "Moscow lobbies Washington to ease sanctions while ceasefire talks stall.",
    "language": "en",
}

#: One example per development type worth showing, by type (the docs offer them in a list).
DEVELOPMENTS: dict[str, dict[str, Any]] = {
    "visit": {
        "type": "visit",
        "occurred_at": "2025-04-02",
        "reported_at": "2025-04-03T08:15:00Z",
        "summary": "Kremlin envoy Dmitrijew travels to Washington to lobby for sanctions relief",
        "visitor": {"name": "Kirill Dmitrijew"},
        "destination": "Washington",
        "purpose": "easing of sanctions",
        "status": "under_way",
        "source": {**SPIEGEL, "quote": "Kirill Dmitrijew reist nach Washington"},
    },
    "sanctions_request": {
        "type": "sanctions_request",
        "occurred_at": "2025-04",
        "summary": "Moscow asks Trump to consider lifting certain sanctions",
        "requester": {"name": "Russland", "kind": "country"},
        "addressee": {"name": "Donald Trump"},
        "sanctions": ["certain US sanctions"],
        "context": "US-brokered ceasefire talks on Ukraine",
        "intensity": "appeal",
        "source": {**SPIEGEL, "via": "Telegram"},
    },
    "statement": {
        "type": "statement",
        "occurred_at": "2025-04-03",
        "summary": "Dmitrijew speaks of a gradual restoration of relations",
        "speaker": {"name": "Kirill Dmitrijew"},
        "content": "Relations between Russia and the US will be restored step by step.",
        "tone": "optimistic",
        "source": SPIEGEL,
    },
    "confirmation": {
        "type": "confirmation",
        "occurred_at": "2025-04-03",
        "summary": "Trump confirms the visit without giving details",
        "confirmer": {"name": "Donald Trump"},
        "confirms": EARLIER_DEVELOPMENT,
        "details_withheld": True,
        "source": SPIEGEL,
    },
    "talks": {
        "type": "talks",
        "occurred_at": "2025-04",
        "summary": "Ceasefire talks on Ukraine have stalled",
        "parties": [{"name": "USA", "kind": "country"}, {"name": "Russland", "kind": "country"}],
        "topic": "ceasefire in Ukraine",
        "status": "stalled",
        "source": SPIEGEL,
    },
    "figure": {
        "type": "figure",
        "occurred_at": "2021",
        "summary": "US-Russia trade stood at 35 billion dollars in 2021",
        "metric": "US-Russia trade volume",
        "value": "35000000000",
        "unit": "USD",
        "period": "2021",
        "source": SPIEGEL,
    },
}

CORRECTION = {
    "changes": {"status": "completed"},
    "reason": "The visit ended on 3 April",
    "source": {"outlet": "Reuters", "language": "en", "published_at": "2025-04-04T10:00:00Z"},
}
RETRACTION = {
    "reason": "The outlet withdrew the report",
    "source": {"outlet": "Der Spiegel", "language": "de"},
}
ACTOR = {
    "name": "Kirill Dmitrijew",
    "kind": "person",
    "aliases": [
        {"name": "Kirill Dmitriev", "language": "en"},
        {"name": "Кирилл Дмитриев", "language": "ru"},
    ],
    "description": "Head of the Russian Direct Investment Fund",
}
ALIAS = {"name": "Kirill Dmitriev", "language": "en"}
MERGE = {"into": "3be431a3-ad5b-5bc9-b329-53cca5e15154"}


def examples(*values: dict[str, Any]) -> dict[str, Any]:
    """Return a model's json_schema_extra that lists example bodies."""
    return {"examples": list(values)}
