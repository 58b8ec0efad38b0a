"""WSGI entry point: the server `manage.py serve` runs (granian), with the fast story read."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
django_application = get_wsgi_application()

from tracker.api.fastpath import FastReads  # noqa: E402  (needs the settings configured)

application = FastReads(django_application)
