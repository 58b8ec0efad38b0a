"""SECRET_KEY: from the environment, else the key file `make` writes; never weak in production."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracker import config

ROOT = Path(__file__).resolve().parents[2]
KEY = "k" * 48


@pytest.fixture
def no_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Unset SECRET_KEY and TRACKER_SECRET_KEY_FILE; point the default file into tmp_path."""
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv(config.KEY_FILE_VARIABLE, raising=False)
    default = tmp_path / ".local" / "secret_key"
    monkeypatch.setattr(config, "DEFAULT_KEY_FILE", default)
    return default


def test_the_environment_wins_over_the_file(no_key: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SECRET_KEY, when set, is the key even if the file holds another."""
    no_key.parent.mkdir()
    no_key.write_text("f" * 48)
    monkeypatch.setenv("SECRET_KEY", KEY)
    assert config.secret_key(debug=False) == KEY


def test_without_secret_key_the_file_make_wrote_is_read(no_key: Path) -> None:
    """In a clone where `make run` wrote .local/secret_key, no environment is needed."""
    no_key.parent.mkdir()
    no_key.write_text(KEY + "\n")
    assert config.secret_key(debug=False) == KEY
    assert config.secret_key(debug=True) == KEY


def test_production_refuses_a_missing_key(no_key: Path) -> None:
    """DEBUG off, no SECRET_KEY and no key file: the settings refuse to load."""
    with pytest.raises(config.ConfigurationError, match="SECRET_KEY"):
        config.secret_key(debug=False)


def test_debug_falls_back_to_the_development_key(no_key: Path) -> None:
    """DEBUG on, no key anywhere: the fixed development key."""
    assert config.secret_key(debug=True) == config.DEV_SECRET_KEY


def test_a_short_key_in_the_file_is_refused_in_production(no_key: Path) -> None:
    """A key file holding fewer than 32 characters is as weak as a short SECRET_KEY."""
    no_key.parent.mkdir()
    no_key.write_text("short")
    with pytest.raises(config.ConfigurationError, match="32 characters"):
        config.secret_key(debug=False)


def test_a_named_key_file_must_exist(no_key: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """TRACKER_SECRET_KEY_FILE names a file on purpose (a container secret): missing is an error."""
    monkeypatch.setenv(config.KEY_FILE_VARIABLE, str(no_key.parent / "missing"))
    with pytest.raises(config.ConfigurationError, match="does not exist"):
        config.secret_key(debug=True)
    named = no_key.parent / "mounted"
    named.parent.mkdir()
    named.write_text(KEY)
    monkeypatch.setenv(config.KEY_FILE_VARIABLE, str(named))
    assert config.secret_key(debug=False) == KEY


def test_manage_py_runs_with_no_secret_key_in_the_environment(tmp_path: Path) -> None:
    """A manage.py command loads the settings from the key file alone (DEBUG off)."""
    key_file = tmp_path / "secret_key"
    key_file.write_text(KEY)
    unset = {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}  # manage.py picks tracker.settings
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env[config.KEY_FILE_VARIABLE] = str(key_file)
    code = f"from django.conf import settings; print(settings.SECRET_KEY == {KEY!r})"
    shell = [sys.executable, "manage.py", "shell", "--no-imports", "-c", code]
    done = subprocess.run(shell, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"
