"""URL routes: the REST API under /api/v1 and the admin under /admin."""

from django.contrib import admin
from django.urls import path

from tracker.api.app import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
