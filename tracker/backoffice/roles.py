"""The newsroom's two groups, editors and viewers, and the permissions each holds."""

from __future__ import annotations

import secrets
from typing import Any

from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

EDITORS = "editors"
VIEWERS = "viewers"

BROWSE = "backoffice.browse"
OPEN_STORY = "backoffice.open_story"
RECORD = "backoffice.record_development"
CORRECT = "backoffice.correct_development"
RETRACT = "backoffice.retract_development"
MANAGE_ACTORS = "backoffice.manage_actors"

#: (app label, model name, permission codename) a viewer holds: they look, nothing more.
LOOK = [
    ("backoffice", "newsroom", "browse"),
    ("backoffice", "event", "view_event"),
    ("projections", "storyview", "view_storyview"),
    ("projections", "developmentview", "view_developmentview"),
    ("projections", "actorview", "view_actorview"),
    ("projections", "checkpoint", "view_checkpoint"),
]
#: What an editor holds besides looking.
EDIT = [
    ("backoffice", "newsroom", "open_story"),
    ("backoffice", "newsroom", "record_development"),
    ("backoffice", "newsroom", "correct_development"),
    ("backoffice", "newsroom", "retract_development"),
    ("backoffice", "newsroom", "manage_actors"),
]
ROLES = {VIEWERS: LOOK, EDITORS: LOOK + EDIT}


def roles_ensure(apps: Any = django_apps) -> None:
    """Create both groups and their permissions if missing (also from a data migration)."""
    group_model = apps.get_model("auth", "Group")
    for group_name, wanted in ROLES.items():
        group, _ = group_model.objects.get_or_create(name=group_name)
        group.permissions.add(*(_permission(apps, *entry) for entry in wanted))


def _permission(apps: Any, app_label: str, model_name: str, codename: str) -> Any:
    """Return a permission, creating it (and its content type) before post_migrate would."""
    content_types = apps.get_model("contenttypes", "ContentType")
    permissions = apps.get_model("auth", "Permission")
    model = apps.get_model(app_label, model_name)
    content_type, _ = content_types.objects.get_or_create(
        app_label=app_label, model=model._meta.model_name
    )
    names = dict(model._meta.permissions)
    action = codename.split("_", 1)[0]
    default = f"Can {action} {model._meta.verbose_name_raw}"
    permission, _ = permissions.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": names.get(codename, default)},
    )
    return permission


def newsroom_user_ensure(*, username: str, group: str, reset: bool = False) -> str | None:
    """Make a staff user in `group`; return a new random password, or None if it existed."""
    users = get_user_model()
    roles_ensure()
    user = users.objects.filter(username=username).first()
    password = None
    if user is None:
        password = secrets.token_urlsafe(12)
        user = users.objects.create_user(username=username, password=password, is_staff=True)
    elif reset:
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=group))
    return password
