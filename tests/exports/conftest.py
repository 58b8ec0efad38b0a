"""Fixtures of the export tests: the browser marker the timeline page's test carries."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """Declare the marker of the browser tests (as tests/backoffice does)."""
    config.addinivalue_line("markers", "browser: drives headless Chromium against a live server")
