"""Story search as a newsroom types it: German compounds and prefixes, aliases in every script."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client

from tests.api.helpers import get, new_story, post, statement
from tracker.services.sample import sample_load

pytestmark = pytest.mark.django_db(transaction=True)
SAMPLE = "us-russia-sanctions-talks"


def found(client: Client, q: str) -> list[str]:
    """Return the slugs GET /stories?q= lists, on every page."""
    return every_page(client, {"q": q})


@pytest.fixture
def sample() -> None:
    """Load the sample story (idempotent)."""
    sample_load()


# Words of the sample that it holds only inside compounds or other words, and names it holds
# only as aliases of its actors: none of these found the sample before.
FOUND_IN_THE_SAMPLE = [
    "Stillstand",  # Waffenstillstand
    "Waffen",  # Waffenstillstand, Waffenstillstandsgespräche
    "Volumen",  # Handelsvolumen
    "Herstellung",  # Wiederherstellung
    "Arbeit",  # Zusammenarbeit
    "Dmitri",  # Dmitrijew, Dmitriev
    "Wladi",  # Wladimir
    "Дмитриев",  # an alias of Kirill Dmitrijew
    "Кирилл Дмитриев",
    "Путин",  # an alias of Wladimir Putin
    "Россия",  # an alias of Russland
    "США",  # an alias of the USA
    "Уиткофф",  # an alias of Steve Witkoff
    "Vereinigte Staaten",  # a German alias of the USA
]
# Words it holds as they are, which it found before and still finds.
STILL_FOUND = ["Sanktionen", "sanctions", "Waffenstillstand", "Kreml", "Gespräch", "Moskau"]


@pytest.mark.parametrize("q", FOUND_IN_THE_SAMPLE + STILL_FOUND)
def test_the_sample_is_found_by_compound_parts_prefixes_and_aliases(
    client: Client, sample: None, q: str
) -> None:
    """Each of these finds the sample story."""
    assert SAMPLE in found(client, q)


@pytest.mark.parametrize(
    "q",
    [
        "Vulkanausbruch",  # not in it
        "Rache",  # ends "Gespräche" but too short a word to match a compound's tail
        "Trump -Putin",  # both are in it
        "Vulkan Kreml",  # every word must match
        "itrijew",  # inside "Dmitrijew", but after its first letters only
    ],
)
def test_the_sample_is_not_found_by_these(client: Client, sample: None, q: str) -> None:
    """Words it does not hold, short tails, exclusions and missing words do not find it."""
    assert SAMPLE not in found(client, q)


def test_phrases_or_and_exclusions(client: Client, sample: None) -> None:
    """A quoted phrase must be in a row; `or` accepts either side; -word excludes."""
    assert SAMPLE in found(client, '"Donald Trump"')
    assert SAMPLE not in found(client, '"Trump Donald"')
    assert SAMPLE in found(client, "Vulkanausbruch or Kreml")
    assert SAMPLE in found(client, "Kreml -Vulkanausbruch")
    assert found(client, "!!! ...") == []


def _story_saying(client: Client, token: str, summary: str, **fields: Any) -> str:
    story = new_story(client, token, language="de")
    development = statement(summary=summary, **fields)
    response = post(client, f"/stories/{story['id']}/developments", development, token)
    assert response.status_code == 201, response.content
    return str(story["slug"])


def test_a_word_finds_the_compounds_it_begins_and_ends(client: Client, write_token: str) -> None:
    """`Sanktionen` finds "Sanktionsgespräche" (its beginning) and `Gespräche` (its end)."""
    tag = uuid.uuid4().hex[:8]
    slug = _story_saying(client, write_token, f"Die Sanktionsgespräche stocken ({tag}).")
    for q in ("Sanktionen", "Sanktion", "sanktions", "Gespräche", "Gespräch", "gesprächen"):
        assert slug in found(client, f"{q} {tag}"), q


def test_an_alias_added_later_finds_the_story(client: Client, write_token: str) -> None:
    """Adding an alias in another script to a story's actor makes the story findable by it."""
    tag = uuid.uuid4().hex[:8]
    name = f"Anatol Kowalenko{tag}"
    actor = post(client, "/actors", {"name": name, "kind": "person"}, write_token).json()
    slug = _story_saying(client, write_token, "Er schwieg.", speaker=name)
    alias = f"Анатолий Коваленко{tag}"
    assert slug not in found(client, alias)
    added = post(client, f"/actors/{actor['id']}/aliases", {"name": alias}, write_token)
    assert added.status_code == 201, added.content
    get(client, f"/stories/{slug}?min_position={added.json()['position']}")
    assert slug in found(client, f"Коваленко{tag}")


@pytest.mark.parametrize("actor", ["Dmitrijew", "Kirill Dmitrijew", "dmitriev", "Дмитриев"])
def test_the_sample_is_found_by_part_of_its_envoys_name(
    client: Client, sample: None, actor: str
) -> None:
    """actor= with the surname alone, in either transliteration or in Cyrillic, finds it."""
    assert SAMPLE in every_page(client, {"actor": actor})


def every_page(client: Client, query: dict[str, str]) -> list[str]:
    """Return the slugs of every page GET /stories lists (other tests' stories may match too)."""
    slugs: list[str] = []
    while True:
        params = {**query, "limit": 1000, "offset": len(slugs)}
        response = get(client, "/stories?" + urlencode(params))
        assert response.status_code == 200, response.content
        body = response.json()
        slugs += [item["slug"] for item in body["items"]]
        if not body["items"] or len(slugs) >= body["count"]:
            return slugs
