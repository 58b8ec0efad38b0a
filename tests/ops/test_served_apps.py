"""The applications `manage.py serve` starts are loaded whole and frozen before they serve."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.projections.support import ROOT

CHECK = """
import gc, sys
import {module} as served
print(sys.modules.get("tracker.urls") is not None, served.freezer is not None,
      gc.get_freeze_count() > 0)
"""


def served_import(module: str, **settings: str) -> list[str]:
    """Import `module` in a new interpreter; return what CHECK printed."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        "SECRET_KEY": "served-apps-test-key-" + "x" * 40,
        "DATABASE_URL": os.environ.get("DATABASE_URL", "postgresql://127.0.0.1:1/unused"),
    }
    env.pop("TRACKER_GC_THAW_SECONDS", None)
    found = subprocess.run(
        [sys.executable, "-c", CHECK.format(module=module)],
        env={**env, **settings},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return found.stdout.split()


@pytest.mark.parametrize("module", ["tracker.ops.web_app", "tracker.ops.stream_app"])
def test_a_served_app_loads_its_urls_and_freezes_what_lives(module: str) -> None:
    """Importing the app loads the URLconf (no first request pays it) and freezes survivors."""
    assert served_import(module) == ["True", "True", "True"]


def test_freezing_can_be_turned_off() -> None:
    """TRACKER_GC_THAW_SECONDS=0: the served app leaves the collector as CPython has it."""
    found = served_import("tracker.ops.web_app", TRACKER_GC_THAW_SECONDS="0")
    assert found == ["True", "False", "False"]
