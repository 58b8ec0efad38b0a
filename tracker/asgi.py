"""ASGI entry point: the stream process's server (`manage.py serve`), or any ASGI server."""

import os

import django

from tracker.api.paths import EVENT_STREAM_PATH
from tracker.ops.asgi_handler import SharedThreadASGIHandler

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
django.setup(set_prefix=False)  # as django.core.asgi.get_asgi_application does
application = SharedThreadASGIHandler(shared_paths=[EVENT_STREAM_PATH])
