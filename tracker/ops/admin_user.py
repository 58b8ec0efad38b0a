"""Create the project's first superuser."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model


def admin_ensure(*, username: str, reset: bool = False) -> str | None:
    """Create the superuser (or reset its password); return the new password, or None."""
    users = get_user_model()
    user = users.objects.filter(username=username).first()
    if user is not None and not reset:
        return None
    password = secrets.token_urlsafe(12)
    if user is None:
        users.objects.create_superuser(username=username, email="", password=password)
    else:
        user.set_password(password)
        user.save(update_fields=["password"])
    return password
