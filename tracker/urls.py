"""URL routes: the REST API under /api/v1, the admin under /admin, its newsroom pages."""

from django.contrib import admin
from django.urls import include, path

from tracker.api import guides
from tracker.api.app import api

urlpatterns = [
    path("admin/newsroom/", include("tracker.backoffice.urls")),  # before the admin's catch-all
    path("admin/", admin.site.urls),
    path("api/v1/docs/<str:name>", guides.document, name="api-document"),  # docs/*.md
    path("api/v1/", api.urls),
]

handler400 = "tracker.api.fallback.bad_request"
handler404 = "tracker.api.fallback.not_found"
handler500 = "tracker.api.fallback.server_error"
