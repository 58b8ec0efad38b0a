"""Settings for the test suite: the project's own, with a throwaway secret key."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-" + "x" * 32)

from tracker.settings import *  # noqa: F403
