"""Test settings: the project's own, a throwaway secret key, one test database per run."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-" + "x" * 32)
# No projector runs between tests, so events wait: only /health's stall tests shorten this.
os.environ.setdefault("TRACKER_PROJECTION_STALL_SECONDS", "86400")
os.environ.setdefault("TRACKER_HEALTH_CACHE_MS", "0")  # each probe sees the state it probes
# Tests speak plain HTTP, as `make run` does; tests/ops/test_deploy_checks.py checks the rest.
os.environ.setdefault("TRACKER_SSL_REDIRECT", "false")
os.environ.setdefault("TRACKER_SECURE_COOKIES", "false")

from tracker.settings import *  # noqa: F403
from tracker.settings import DATABASES

# One test database per test run, so runs on one server never drop each other's database.
DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}
