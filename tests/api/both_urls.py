"""A URLconf for tests/api/test_asgi_threads.py: one sync view two requests must reach together."""

from __future__ import annotations

import threading

from django.http import HttpRequest, HttpResponse
from django.urls import path

MEETING = threading.Barrier(2, timeout=10)


def meet(request: HttpRequest) -> HttpResponse:
    """Wait until a second request is in this view too (each on a thread of its own)."""
    MEETING.wait()
    return HttpResponse("met")


urlpatterns = [path("meet", meet)]
