"""Actor search finds near spellings: transliterations everywhere, typos where pg_trgm is."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.test import Client

from tests.api.helpers import get, post
from tests.clusters import Cluster, candidate_bin_dirs

ROOT = Path(__file__).resolve().parents[2]
SPELLINGS = ["Dmitryev", "Dmitrijev", "Dmitriev", "Дмитриев"]


def register(client: Client, token: str, name: str, **fields: object) -> str:
    """Register a person through the API; return its id."""
    response = post(client, "/actors", {"name": name, "kind": "person", **fields}, token)
    assert response.status_code == 201, response.content
    return str(response.json()["id"])


def found(client: Client, q: str) -> list[str]:
    """Return the ids GET /actors answers for `q`, in order."""
    return [item["id"] for item in get(client, f"/actors?q={quote(q)}").json()["items"]]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("surname", SPELLINGS)
def test_every_spelling_of_the_surname_finds_the_actor(
    client: Client, write_token: str, surname: str
) -> None:
    """Latin spellings and the Cyrillic one find "Kirill Dmitrijew", whose aliases are others."""
    tag = f"{uuid.uuid4().int % 10**9:09d}"
    envoy = register(client, write_token, f"Kirill Dmitrijew {tag}")
    assert found(client, f"{surname} {tag}") == [envoy]


@pytest.mark.django_db(transaction=True)
def test_an_equal_spelling_ranks_before_one_that_contains_it(
    client: Client, write_token: str
) -> None:
    """ "Iwan <tag>" is Ivan's own name and part of Aleksej's: Ivan first, though A sorts first."""
    tag = f"{uuid.uuid4().int % 10**9:09d}"
    ivan = register(client, write_token, f"Ivan {tag}")
    aleksej = register(client, write_token, f"Aleksej Iwan {tag}")
    assert found(client, f"Iwan {tag}") == [ivan, aleksej]
    assert found(client, f"{tag}") == [aleksej, ivan]  # equally close: by name


def trigram_server() -> Path | None:
    """Return binaries of a PostgreSQL whose server has the pg_trgm extension, if one is here."""
    for bin_dir in candidate_bin_dirs():
        share = subprocess.run(
            [str(bin_dir / "pg_config"), "--sharedir"], capture_output=True, text=True, check=False
        ).stdout.strip()
        if share and Path(share, "extension", "pg_trgm.control").exists():
            return bin_dir
    return None


@pytest.fixture
def trigram_cluster() -> Iterator[Cluster]:
    """Yield a started cluster that offers pg_trgm (Debian's postgresql-contrib), or skip."""
    bin_dir = trigram_server()
    if bin_dir is None:
        pytest.skip("no PostgreSQL server with pg_trgm here (apt-get install postgresql-contrib)")
    owned = Cluster(bin_dir)
    owned.init()
    owned.start()
    try:
        yield owned
    finally:
        owned.destroy()


SEARCH = """
import json, django
django.setup()
from tracker.services.selectors.actors import actor_list, trigrams_installed
answers = {q: [a["name"] for a in actor_list(q=q)["items"]] for q in json.loads(input())}
print(json.dumps({"trigrams": trigrams_installed(), "answers": answers}))
"""


def manage(url: str, *args: str, role: str = "", stdin: str = "") -> str:
    """Run manage.py (or, with "-c", Python) against `url`; return what it printed."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        "SECRET_KEY": "actor-search-secret-key-" + "z" * 32,
        "TRACKER_APP_ROLE": role,
    }
    command = [sys.executable, *(args if args[0] == "-c" else ["manage.py", *args])]
    done = subprocess.run(
        command, cwd=ROOT, env=env, input=stdin, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.mark.slow
def test_with_pg_trgm_typos_rank_too_and_the_app_role_can_search(
    trigram_cluster: Cluster,
) -> None:
    """migrate_all (the owner) creates pg_trgm and the indexes; the app role finds near typos."""
    url = trigram_cluster.create_database("tracker")
    role = f"tracker_app_{uuid.uuid4().hex[:8]}"
    manage(url, "migrate_all", "--no-progress", "-v", "0", role=role)
    manage(url, "load_sample")
    with psycopg.connect(url) as owner:
        indexes = owner.execute(
            "SELECT indexname FROM pg_indexes WHERE indexname LIKE 'actorname%%trgm'"
        ).fetchall()
    assert sorted(indexes) == [("actorname_latin_trgm",), ("actorname_trgm",)]
    queries = [*SPELLINGS, "Dmitirev", "Kiril Dmitrjev", "Putim", "Witkof"]
    as_app = trigram_cluster.url("tracker", user=role)
    result = json.loads(manage(as_app, "-c", SEARCH, stdin=json.dumps(queries)))
    assert result["trigrams"] is True
    first = {q: names[0] if names else None for q, names in result["answers"].items()}
    assert first == {
        **dict.fromkeys(SPELLINGS, "Kirill Dmitrijew"),
        "Dmitirev": "Kirill Dmitrijew",
        "Kiril Dmitrjev": "Kirill Dmitrijew",
        "Putim": "Wladimir Putin",
        "Witkof": "Steve Witkoff",
    }
