"""The seed article (Der Spiegel) folds to the state the article describes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.domain.support import MemoryStore, load_seed
from tracker.domain import to_document
from tracker.sample import load_sample, sample_commands, sample_event_id

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_b8c9a4d646894ec5.txt"


@pytest.fixture(scope="module")
def seeded() -> tuple[MemoryStore, dict[str, Any]]:
    """Return the store with the sample loaded, and the story document."""
    store, commands = load_seed()
    return store, to_document(store.story(commands.story_id), store.directory)


@pytest.fixture(scope="module")
def doc(seeded: tuple[MemoryStore, dict[str, Any]]) -> dict[str, Any]:
    """Return the seed story's document."""
    return seeded[1]


def key_id(key: str) -> str:
    """Return the event id (text) of a sample development."""
    return str(sample_event_id("us-russia-sanctions-talks", key))


def test_story_fields(doc: dict[str, Any]) -> None:
    """The story opens with slug, German language, ten developments, nothing corrected."""
    assert doc["slug"] == "us-russia-sanctions-talks"
    assert doc["language"] == "de"
    assert doc["status"] == "developing"
    assert (doc["developments"], doc["corrections"], doc["retractions"]) == (10, 0, 0)
    assert doc["version"] == 11


def test_visit_is_under_way_and_confirmed_by_trump_with_details_withheld(
    doc: dict[str, Any],
) -> None:
    """Dmitrijew travels to Washington to ease sanctions; Trump confirms, details withheld."""
    (visit,) = doc["visits"]
    assert visit["visitor"]["name"] == "Kirill Dmitrijew"
    assert visit["destination"] == "Washington"
    assert visit["purpose"] == "easing of sanctions"
    assert visit["status"] == "under_way"
    assert (visit["occurred_at"], visit["occurred_precision"]) == ("2025-04-02T00:00:00Z", "day")
    confirmation = visit["confirmation"]
    assert confirmation["status"] == "confirmed"
    assert confirmation["by"] == ["Donald Trump"]
    assert confirmation["details_withheld"] is True
    assert confirmation["event_ids"] == [key_id("trump_confirms_visit")]


def test_sanctions_request_by_moscow_to_trump_within_ceasefire_talks_via_telegram(
    doc: dict[str, Any],
) -> None:
    """Moscow (resolved to Russland by alias) asks Trump, within the ceasefire talks."""
    (request,) = doc["sanctions_requests"]
    assert request["requester"]["name"] == "Russland"
    assert request["addressee"]["name"] == "Donald Trump"
    assert request["context"] == "US-brokered ceasefire talks"
    assert request["via"] == request["channel"] == "Telegram"
    assert request["status"] == "pending"
    assert request["event_id"] == key_id("sanctions_request")


def test_talks_on_ukraine_stalled_and_economic_talks_with_witkoff_proposed(
    doc: dict[str, Any],
) -> None:
    """Two negotiations: the Ukraine ceasefire (stalled) and economic cooperation (proposed)."""
    talks = {n["topic"]: n for n in doc["negotiations"]}
    ukraine = talks["Ukraine ceasefire"]
    assert ukraine["status"] == "stalled"
    assert {p["name"] for p in ukraine["parties"]} == {"Russland", "Ukraine"}
    assert ukraine["mediator"]["name"] == "USA"
    economic = talks["US-Russian economic cooperation"]
    assert economic["status"] == "proposed"
    assert {p["name"] for p in economic["parties"]} == {"Kirill Dmitrijew", "Steve Witkoff"}


def test_trade_series(doc: dict[str, Any]) -> None:
    """US-Russia trade: 35e9 USD in 2021 and 3.5e9 USD in 2024, each linked to its event."""
    (figure,) = doc["figures"]
    assert (figure["metric"], figure["unit"]) == ("US-Russia trade volume", "USD")
    points = {p["period"]: p for p in figure["series"]}
    assert Decimal(points["2021"]["value"]) == Decimal("35e9")
    assert Decimal(points["2024"]["value"]) == Decimal("3.5e9")
    assert points["2024"]["event_id"] == key_id("trade_2024")
    assert points["2021"]["source"]["outlet"] == "Der Spiegel"


def test_statements(doc: dict[str, Any]) -> None:
    """Putin's statement is conditional on easing sanctions; Dmitrijew's on gradual restoration."""
    by_speaker = {s["speaker"]["name"]: s for s in doc["statements"]}
    putin = by_speaker["Wladimir Putin"]
    assert putin["modality"] == "conditional"
    assert putin["conditions"] == ["easing of some sanctions"]
    assert "gradual" in by_speaker["Kirill Dmitrijew"]["content"]


def test_leavitt_confirms_that_sanctions_preclude_trade(doc: dict[str, Any]) -> None:
    """Karoline Leavitt's confirmation is recorded with its content."""
    leavitt = [c for c in doc["confirmations"] if c["by"]["name"] == "Karoline Leavitt"]
    assert len(leavitt) == 1
    assert "preclude meaningful trade" in leavitt[0]["content"]


def test_actors_and_their_spellings(doc: dict[str, Any]) -> None:
    """The story's actors include the five people, with the spellings the source used."""
    actors = {a["name"]: a for a in doc["actors"]}
    for name in (
        "Kirill Dmitrijew",
        "Wladimir Putin",
        "Donald Trump",
        "Steve Witkoff",
        "Karoline Leavitt",
    ):
        assert actors[name]["kind"] == "person"
    dmitrijew = actors["Kirill Dmitrijew"]
    assert {"visitor", "speaker", "party"} <= set(dmitrijew["roles"])
    assert {"name": "Кирилл Дмитриев", "language": "ru"} in dmitrijew["aliases"]
    assert "Moskau" in actors["Russland"]["names_as_stated"]


def test_timeline_order_and_german_quotes(doc: dict[str, Any]) -> None:
    """The timeline runs by occurred_at (2021 first) and keeps the quote beside its translation."""
    timeline = doc["timeline"]
    assert [t["event_id"] for t in timeline[:2]] == [key_id("trade_2021"), key_id("trade_2024")]
    assert all(
        t["source"]["language"] == "de" and t["source"]["quote_translation"] for t in timeline
    )
    visit = next(t for t in timeline if t["type"] == "visit")
    assert visit["cameo"] == "042" and visit["plover"]["event"] == "CONSULT"


def test_no_unknown_actor_was_registered(seeded: tuple[MemoryStore, dict[str, Any]]) -> None:
    """Every name in the sample resolves to one of its eight registered actors."""
    store, _ = seeded
    assert len(store.directory.actors) == 8


def test_loading_twice_gives_the_same_ids() -> None:
    """Keys map to the same event ids every time (uuid5), so loading is idempotent."""
    first, second = (sample_commands(load_sample()) for _ in range(2))
    assert first == second
    confirmation = next(d for d in first.developments if d.key == "trump_confirms_visit")
    assert confirmation.payload["confirms"] == key_id("visit")


@pytest.mark.skipif(not SEED.exists(), reason="shared/ seeds not beside the repository")
def test_every_quote_is_verbatim_from_the_article() -> None:
    """Each German quote appears word for word in the seed article."""
    article = SEED.read_text(encoding="utf-8")
    for development in load_sample()["developments"]:
        assert development["source"]["quote"] in article, development["key"]
