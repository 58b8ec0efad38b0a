"""The admin app installed with the newsroom's site (settings.INSTALLED_APPS names it)."""

from django.contrib.admin.apps import AdminConfig


class NewsroomAdminConfig(AdminConfig):
    """Django's admin, whose `admin.site` is the newsroom's site (branding, app list)."""

    default_site = "tracker.backoffice.site.NewsroomSite"
