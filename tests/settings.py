"""Settings for the test suite: the project's own, a throwaway secret key, a test database per run."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-" + "x" * 32)

from tracker.settings import *  # noqa: E402,F403
from tracker.settings import DATABASES  # noqa: E402

# One test database per test run, so runs on one server never drop each other's database.
DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}
