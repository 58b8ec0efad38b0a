"""What every backoffice view shares: admin login and a permission, 404s, admin page context."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from tracker.services.errors import NotFound

View = Callable[..., HttpResponse]


def newsroom_view(permission: str) -> Callable[[View], View]:
    """Wrap a view: staff login through the admin, then `permission`; NotFound becomes 404."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.has_perm(permission):
                raise PermissionDenied(f"you need the permission {permission}")
            try:
                return view(request, *args, **kwargs)
            except NotFound as exc:
                raise Http404(exc.detail) from None

        return admin.site.admin_view(guarded)

    return decorate


def page(request: HttpRequest, template: str, title: str, **context: Any) -> HttpResponse:
    """Render a backoffice page inside the admin's layout."""
    return render(
        request,
        f"backoffice/{template}",
        {**admin.site.each_context(request), "title": title, **context},
    )
