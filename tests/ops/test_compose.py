"""docker-compose.yml, read since Docker does not run here: roles, order, commands that exist."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[2]


def services() -> dict[str, Any]:
    """Return the compose file's services."""
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def test_migrations_run_as_the_owner_and_grant_the_role_the_services_log_in_as() -> None:
    """migrate logs in as the owner and names the app role; web and projector log in as it."""
    all_services = services()
    migrate_env = all_services["migrate"]["environment"]
    owner = urlsplit(migrate_env["DATABASE_URL"]).username
    role = migrate_env["TRACKER_APP_ROLE"]
    assert owner != role
    for name in ("web", "projector"):
        assert urlsplit(all_services[name]["environment"]["DATABASE_URL"]).username == role
        assert all_services[name]["depends_on"] == {
            "migrate": {"condition": "service_completed_successfully"}
        }
        assert "migrate_all" not in " ".join(all_services[name]["command"])


def test_every_command_compose_runs_exists_and_accepts_its_options() -> None:
    """Each service's manage.py command answers --help, so a typo cannot hide until deploy."""
    for name in ("migrate", "web", "projector"):
        command = services()[name]["command"]
        assert command[:2] == ["python", "manage.py"]
        out = subprocess.run(
            [sys.executable, "manage.py", command[2], "--help"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for option in (arg for arg in command[3:] if arg.startswith("--")):
            assert option in out, f"{name}: {command[2]} has no {option}"
