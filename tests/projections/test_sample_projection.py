"""The sample story through services, projector and selectors: state, search, merges."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from tracker import bootstrap
from tracker.domain import actor_id_for_name
from tracker.projections.verify import verify
from tracker.sample import load_sample, sample_commands
from tracker.services import actors, developments, stories
from tracker.services.sample import sample_load
from tracker.services.selectors import actor_get, story_get, story_list, story_timeline

pytestmark = pytest.mark.django_db(transaction=True)
SLUG = "us-russia-sanctions-talks"


@pytest.fixture
def sample() -> str:
    """Load the sample story (idempotently) and return its slug."""
    return sample_load().slug


def test_loading_the_sample_twice_stores_nothing_new(sample: str) -> None:
    """The second load finds every command's events already stored."""
    again = sample_load()
    assert again.stored == 0
    developments_in_file = len(sample_commands(load_sample()).developments)
    # Other tests may record into the shared sample after it: its own events come first.
    own = story_get(story=sample, version=1 + developments_in_file)
    assert own["version"] == 1 + developments_in_file
    assert own["developments"] == developments_in_file
    assert story_get(story=sample)["version"] >= 1 + developments_in_file


def test_the_read_model_shows_the_article_state(sample: str) -> None:
    """The projected state has the confirmed visit, the stalled talks and the trade series.

    Read at the article's own version: other tests may correct or retract in the shared sample.
    """
    state = story_get(story=sample, version=1 + len(sample_commands(load_sample()).developments))
    visit = state["visits"][0]
    assert visit["destination"] == "Washington"
    assert visit["confirmation"]["status"] == "confirmed"
    assert "Donald Trump" in visit["confirmation"]["by"]
    statuses = {n["topic"]: n["status"] for n in state["negotiations"]}
    assert "stalled" in statuses.values() and "proposed" in statuses.values()
    trade = state["figures"][0]
    points = [(point["period"], float(point["value"])) for point in trade["series"]]
    assert points == [("2021", 35e9), ("2024", 3.5e9)]
    names = {actor["name"] for actor in state["actors"]}
    assert {"Kirill Dmitrijew", "Wladimir Putin", "Donald Trump", "Steve Witkoff"} <= names


def test_replay_and_read_model_agree_at_the_current_version(sample: str) -> None:
    """The plain read (read model) and the replay at the same version give the same answer.

    The replay names actors as the directory holds them now: the read model is asked to have
    applied every event stored (other tests' actor merges too) before the comparison.
    """
    live = story_get(story=sample, min_position=bootstrap.event_store().last_position())
    assert story_get(story=sample, version=live["version"]) == live
    assert story_timeline(story=sample, version=live["version"]) == story_timeline(story=sample)


@pytest.mark.parametrize(
    "query",
    [
        "Waffenstillstands",  # German, another inflection than the article's "Waffenstillstand"
        "Sanktion",  # German singular; the article says "Sanktionen"
        "ceasefire",  # English, from a translation
        "sanctioned",  # English, another inflection than the translation's "sanctions"
    ],
)
def test_search_finds_the_sample_story_in_german_and_english(sample: str, query: str) -> None:
    """`q` matches inflected German words and English words from the translations."""
    assert SLUG in [item["slug"] for item in story_list(q=query, limit=1000)["items"]]


def test_search_does_not_match_unrelated_words(sample: str) -> None:
    """A word that appears nowhere finds nothing."""
    assert story_list(q="Vulkanausbruch")["count"] == 0


def test_a_merge_shows_in_every_story_that_involved_either_actor(sample: str) -> None:
    """After merging "Kirill Dmitriyev" into "Kirill Dmitrijew", both stories show one actor."""
    other = stories.story_open(title="Dmitriev in Riyadh", slug="dmitriev-riyadh")
    developments.development_record(
        story=other.slug or "",
        development={
            "type": "statement",
            "speaker": {"name": "Kirill Dmitriyev", "new": True},  # near Dmitrijew: say so
            "content": "Talks are constructive",
            "summary": "Dmitriyev calls the talks constructive",
            "source": {"outlet": "Reuters", "language": "en"},
        },
    )
    dmitriev = actor_id_for_name("Kirill Dmitriyev")  # an unknown spelling: a new actor
    dmitrijew = actor_id_for_name("Kirill Dmitrijew")
    assert actor_get(actor_id=dmitriev)["id"] == str(dmitriev)
    actors.actor_merge(actor_id=dmitriev, into=dmitrijew)
    for slug in (SLUG, "dmitriev-riyadh"):
        state = story_get(story=slug)
        ids = [a["id"] for a in state["actors"] if "Dmitri" in a["name"]]
        assert ids == [str(dmitrijew)], slug
    shown = actor_get(actor_id=dmitriev)
    assert shown["id"] == str(dmitrijew)
    assert "Kirill Dmitriyev" in {alias["name"] for alias in shown["aliases"]}
    assert {SLUG, "dmitriev-riyadh"} <= {s["slug"] for s in shown["stories"]}
    assert verify(bootstrap.event_store()) == []
    call_command("verify_projections", "--no-progress")
