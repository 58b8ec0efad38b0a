"""Django settings, all taken from the environment (see tracker.config)."""

from __future__ import annotations

import os
from datetime import timedelta

from csp.constants import NONE, SELF

from tracker import config

DEBUG = config.env_flag("DEBUG")
SECRET_KEY = config.secret_key(DEBUG)
ALLOWED_HOSTS = config.env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
TRACKER_PUBLIC_READ = config.env_flag("TRACKER_PUBLIC_READ", default=True)
# After a write, the writing process brings the read models up to it (read-your-writes).
TRACKER_CATCH_UP_ON_WRITE = config.env_flag("TRACKER_CATCH_UP_ON_WRITE", default=True)
# /health answers 503 when events have waited this long without the projection moving.
TRACKER_PROJECTION_STALL_SECONDS = config.env_int("TRACKER_PROJECTION_STALL_SECONDS", 60, 1)
#: A health report this recent (ms) answers a probe again: a burst of probes shares one.
TRACKER_HEALTH_CACHE_MS = config.env_int("TRACKER_HEALTH_CACHE_MS", 250, minimum=0)
# HTTP caching of public reads: max-age and stale-while-revalidate (s); replays pinned to a
# version are immutable for TRACKER_CACHE_REPLAY_SECONDS.
TRACKER_CACHE_MAX_AGE = config.env_int("TRACKER_CACHE_MAX_AGE", 5)
TRACKER_CACHE_STALE_WHILE_REVALIDATE = config.env_int("TRACKER_CACHE_STALE_WHILE_REVALIDATE", 30)
TRACKER_CACHE_REPLAY_SECONDS = config.env_int("TRACKER_CACHE_REPLAY_SECONDS", 86_400)
# Server-sent events: clients one process holds at most (503 beyond), and how fast an
# anonymous client's backlog replays (events per second; a token replays at full speed).
TRACKER_SSE_MAX_CLIENTS = config.env_int("TRACKER_SSE_MAX_CLIENTS", 5000, minimum=1)
TRACKER_SSE_ANONYMOUS_RATE = config.env_int("TRACKER_SSE_ANONYMOUS_RATE", 2000, minimum=1)
# The served processes freeze what survives each full garbage collection, and thaw it once
# half as much again was frozen or this many seconds passed, so reference cycles among frozen
# objects are still freed (0: never freeze; tracker.ops.collector).
TRACKER_GC_THAW_SECONDS = config.env_int("TRACKER_GC_THAW_SECONDS", 600, minimum=0)
# Where the threaded server sends stream requests (307): a public base URL, or this host on
# the stream server's port (`manage.py serve` sets TRACKER_STREAM_PORT for its web workers).
TRACKER_STREAM_URL = os.environ.get("TRACKER_STREAM_URL", "")
TRACKER_STREAM_PORT = config.env_int("TRACKER_STREAM_PORT", 0)

INSTALLED_APPS = [
    "tracker.backoffice",  # before the admin: it extends the admin's templates
    "tracker.backoffice.admin_app.NewsroomAdminConfig",  # django.contrib.admin, our site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "ninja",
    "tracker.ops",
    "tracker.api",
    "tracker.projections",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the lockout page
    "tracker.api.unavailable.DatabaseUnavailableMiddleware",  # a lost database: 503 at once
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
# Under ASGI (manage.py serve's stream process) requests run in short-lived threads, each with
# its own connection (the event streams' share one); kept alive, those pile up until
# PostgreSQL refuses clients. Close them per request.
DATABASES["default"]["CONN_MAX_AGE"] = 0
# A database that does not answer fails fast: connecting gives up after this many seconds
# (libpq's floor is 2) and a pooled request waits this long for a connection, then answers 503.
DATABASES["default"]["OPTIONS"].setdefault(
    "connect_timeout", str(config.env_int("TRACKER_DB_CONNECT_TIMEOUT", 2, minimum=1))
)
TRACKER_DB_WAIT_SECONDS = config.env_int("TRACKER_DB_WAIT_MS", 1000, minimum=1) / 1000
if config.env_flag("TRACKER_DB_POOL"):  # a psycopg pool instead: no connect per request
    DATABASES["default"]["OPTIONS"]["pool"] = {
        "min_size": 2,
        "max_size": config.env_int("TRACKER_DB_POOL_SIZE", 16, minimum=1),
        "timeout": TRACKER_DB_WAIT_SECONDS,
    }
    # No ping per checkout (a round trip on every request): a connection that fails is
    # discarded by the pool, and the request answers 503 database_unavailable.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
# Streaming replicas answer the selectors' API reads (docs/OPERATIONS.md, "Read replicas"):
# one that is down, replays more than TRACKER_REPLICA_MAX_LAG_SECONDS behind, or has not
# projected a read's position (min_position, the client's last write) within
# TRACKER_REPLICA_WAIT_MS is passed over for the primary, which keeps everything else.
for _number, _url in enumerate(config.replica_urls()):
    DATABASES[f"replica_{_number}"] = config.replica_database(_url, DATABASES["default"])
TRACKER_REPLICA_WAIT_SECONDS = config.env_int("TRACKER_REPLICA_WAIT_MS", 200) / 1000
TRACKER_REPLICA_MAX_LAG_SECONDS = config.env_int("TRACKER_REPLICA_MAX_LAG_SECONDS", 30)
TRACKER_REPLICA_RETRY_SECONDS = config.env_int("TRACKER_REPLICA_RETRY_SECONDS", 5, minimum=1)
if len(DATABASES) > 1:
    DATABASE_ROUTERS = ["tracker.dbrouting.ReplicaRouter"]
    MIDDLEWARE.append("tracker.ops.read_your_writes.ReadYourWritesMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = os.environ.get("STATIC_ROOT")  # set where collectstatic runs (the image)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# HTTPS and headers: production defaults when DEBUG is off, plain HTTP when it is on (README).
SECURE = not DEBUG
SECURE_HSTS_SECONDS = config.env_int("TRACKER_HSTS_SECONDS", 31_536_000 if SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = config.env_flag("TRACKER_HSTS_INCLUDE_SUBDOMAINS", default=SECURE)
SECURE_HSTS_PRELOAD = config.env_flag("TRACKER_HSTS_PRELOAD", default=SECURE)
SECURE_SSL_REDIRECT = config.env_flag("TRACKER_SSL_REDIRECT", default=SECURE)
SECURE_REDIRECT_EXEMPT = [r"^api/v1/health$"]  # probes inside the deployment speak plain HTTP
if config.env_flag("TRACKER_TRUST_X_FORWARDED_PROTO"):  # only behind a proxy that always sets it
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = config.env_flag("TRACKER_SECURE_COOKIES", default=SECURE)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = config.env_choice("TRACKER_FRAME_OPTIONS", "deny", ("deny", "sameorigin")).upper()
SECURE_REFERRER_POLICY = os.environ.get("TRACKER_REFERRER_POLICY", "same-origin")

# Content-Security-Policy: scripts and styles only from our own static files (the admin and
# the offline Swagger UI load theirs from files; Swagger draws its icons from data: URIs).
_CSP = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE if X_FRAME_OPTIONS == "DENY" else SELF],
    }
}
_CSP_MODE = config.env_choice("TRACKER_CSP", "enforce", ("enforce", "report-only", "off"))
CONTENT_SECURITY_POLICY = _CSP if _CSP_MODE == "enforce" else None
CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP if _CSP_MODE == "report-only" else None

# Admin logins: repeated failures lock the client out for a cool-off (django-axes).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out client before any check
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = config.env_int("TRACKER_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=config.env_int("TRACKER_LOGIN_COOLOFF_MINUTES", 15, 1))
_LOCKOUT_BY: dict[str, list[str | list[str]]] = {
    "client-and-username": [["ip_address", "username"]],  # one client guessing one account
    "client": ["ip_address"],
    "username": ["username"],
    "client-or-username": ["ip_address", "username"],
}
AXES_LOCKOUT_PARAMETERS = _LOCKOUT_BY[
    config.env_choice("TRACKER_LOGIN_LOCKOUT_BY", "client-and-username", tuple(_LOCKOUT_BY))
]
AXES_RESET_ON_SUCCESS = True  # a successful login forgets the earlier failures
AXES_LOCKOUT_TEMPLATE = "backoffice/locked_out.html"

DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024  # request bodies above this are refused with 413

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"tracker": {"level": "INFO"}},
}
