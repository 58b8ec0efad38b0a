"""Django settings, all taken from the environment (see tracker.config)."""

from __future__ import annotations

import os

from tracker import config

DEBUG = config.env_flag("DEBUG")
SECRET_KEY = config.secret_key(DEBUG)
ALLOWED_HOSTS = config.env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
TRACKER_PUBLIC_READ = config.env_flag("TRACKER_PUBLIC_READ", default=True)
# After a write, the writing process brings the read models up to it (read-your-writes).
TRACKER_CATCH_UP_ON_WRITE = config.env_flag("TRACKER_CATCH_UP_ON_WRITE", default=True)
# /health answers 503 when events have waited this long without the projection moving.
TRACKER_PROJECTION_STALL_SECONDS = config.env_int("TRACKER_PROJECTION_STALL_SECONDS", 60, 1)

INSTALLED_APPS = [
    "tracker.backoffice",  # before the admin: it extends the admin's templates
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "tracker.ops",
    "tracker.api",
    "tracker.projections",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "tracker.urls"
ASGI_APPLICATION = "tracker.asgi.application"
WSGI_APPLICATION = "tracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": config.django_database(config.database_url())}
# Under ASGI (manage.py serve) requests run in short-lived threads, each with its own
# connection; kept alive, those pile up until PostgreSQL refuses clients. Close them per request.
DATABASES["default"]["CONN_MAX_AGE"] = 0
if config.env_flag("TRACKER_DB_POOL"):  # a psycopg pool instead: no connect per request
    DATABASES["default"]["OPTIONS"]["pool"] = {"min_size": 2, "max_size": 16, "timeout": 10}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = os.environ.get("STATIC_ROOT")  # set where collectstatic runs (the image)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024  # request bodies above this are refused with 413

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"tracker": {"level": "INFO"}},
}
