"""The WSGI front: answers the hottest read, a live story, straight from PostgreSQL.

`GET` or `HEAD /api/v1/stories/{story}` without query string or token, on a host Django
serves, is answered from one indexed query: the stored bytes with their ETag, or 304 when
the client holds them. Django's security headers are added as its middleware would. Every
other request, and every case this path does not know (no read model yet, a stuck story,
rows behind the story's snapshot, an odd path, HTTPS redirects), goes to Django unchanged.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.db import connections
from django.http.request import split_domain_port, validate_host

from tracker import dbrouting
from tracker.api import caching
from tracker.api.prepared import prepared_run
from tracker.api.unavailable import CODE, DETAIL, RETRY_AFTER_SECONDS, is_database_error
from tracker.ops import read_your_writes, replicas
from tracker.services import streams
from tracker.services.selectors import documents

STORY_PREFIX = "/api/v1/stories/"
STORY_PATH = re.compile(r"^/api/v1/stories/([^/]+)$")
KEPT = 4096  # entries each of the fast path's memos holds before it starts over (a few MB)
Headers = list[tuple[str, str]]
StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def pool_run(sql: str, params: Any) -> Sequence[Sequence[Any]]:
    """Run a statement on the read's database (a replica, else the primary; see dbrouting).

    A replica that fails is passed over for the primary, for this read and a while after.
    """
    alias = dbrouting.reading_alias()
    try:
        return _run_on(alias, sql, params)
    except replicas.DATABASE_ERRORS as error:
        if alias == replicas.PRIMARY:
            raise
        replicas.failed(alias, error)
        dbrouting.to_primary()
        return _run_on(replicas.PRIMARY, sql, params)


#: Each alias's connection pool as Django last gave it (looked up again once it is closed).
_pools: dict[str, Any] = {}


def _run_on(alias: str, sql: str, params: Any) -> Sequence[Sequence[Any]]:
    """Run a statement on a connection of the alias's pool (Django's own without a pool)."""
    pool = _pools.get(alias)
    if pool is None or pool.closed:
        pool = connections[alias].pool
        if pool is None:
            with connections[alias].cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        if pool.closed:  # Django opens it on its first connection; this path may come first
            pool.open()
        _pools[alias] = pool
    with pool.connection() as conn:
        return prepared_run(conn, sql, params)


def security_headers(secure: bool) -> Headers:
    """Return the headers Django's security, CSP and frame middleware add to an API answer."""
    found: Headers = []
    if settings.SECURE_HSTS_SECONDS and secure:
        value = f"max-age={settings.SECURE_HSTS_SECONDS}"
        value += "; includeSubDomains" if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS else ""
        value += "; preload" if settings.SECURE_HSTS_PRELOAD else ""
        found.append(("Strict-Transport-Security", value))
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        found.append(("X-Content-Type-Options", "nosniff"))
    policy = settings.SECURE_REFERRER_POLICY
    if policy:
        text = policy if isinstance(policy, str) else ",".join(policy)
        found.append(("Referrer-Policy", ",".join(v.strip() for v in text.split(","))))
    if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
        found.append(("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY))
    found.append(("X-Frame-Options", settings.X_FRAME_OPTIONS.upper()))
    if settings.CONTENT_SECURITY_POLICY:
        found.append((HEADER, build_policy()))
    if settings.CONTENT_SECURITY_POLICY_REPORT_ONLY:
        found.append((HEADER_REPORT_ONLY, build_policy(report_only=True)))
    return found


@dataclass(frozen=True, slots=True)
class _Settings:
    """The settings each read consults, read once (again after a test changes a setting)."""

    public_read: bool
    ssl_redirect: bool
    proxy_ssl_header: tuple[str, str] | None
    replicas: bool

    @classmethod
    def now(cls) -> _Settings:
        """Return the settings as they are now."""
        proxy = settings.SECURE_PROXY_SSL_HEADER
        return cls(
            public_read=bool(settings.TRACKER_PUBLIC_READ),
            ssl_redirect=bool(settings.SECURE_SSL_REDIRECT),
            proxy_ssl_header=tuple(proxy) if proxy else None,
            replicas=bool(replicas.aliases()),
        )


class FastReads:
    """Wrap Django's WSGI app; answer live story reads without it (see the module).

    What does not change from one read to the next is worked out once and kept: the settings,
    each Host header's validity, each path's story id, and the headers of each stored state
    of a story (its ETag, Cache-Control, Last-Modified and the security headers).
    """

    def __init__(self, app: WSGIApp, run: documents.Run = pool_run) -> None:
        self.app = app
        self.run = run
        self._settings: _Settings | None = None
        self._hosts: dict[str, bool] = {}
        self._ids: dict[str, UUID | None] = {}
        self._headers: dict[tuple[documents.Validators, bool], tuple[str, Headers]] = {}
        setting_changed.connect(self._forget, weak=True)

    def _forget(self, **_: Any) -> None:
        """Forget what was worked out from the settings (a test changed one)."""
        self._settings = None
        self._hosts.clear()
        self._headers.clear()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """Answer a live story read here; hand everything else to Django."""
        method = environ.get("REQUEST_METHOD")
        if method == "GET" or method == "HEAD":
            story_id = self._story_id(environ)
            if story_id is not None:
                answer = self._read(story_id, environ)
                if answer is not None:
                    status, headers, body = answer
                    start_response(status, headers)
                    return [b""] if method == "HEAD" else [body]
        return self.app(environ, start_response)

    def _story_id(self, environ: dict[str, Any]) -> UUID | None:
        """Return the story a read Django would answer with nothing but the story names, or None."""
        path = environ.get("PATH_INFO", "")
        if not path.startswith(STORY_PREFIX):
            return None
        if environ.get("QUERY_STRING") or "HTTP_AUTHORIZATION" in environ:
            return None
        known = self._settings or self._settings_now()
        if not known.public_read or (known.ssl_redirect and not self._secure(environ)):
            return None
        if not self._host_served(environ.get("HTTP_HOST", "")):
            return None
        try:
            return self._ids[path]
        except KeyError:
            match = STORY_PATH.match(path)
            story_id = _story_id(match.group(1)) if match else None
            if len(self._ids) >= KEPT:
                self._ids.clear()
            self._ids[path] = story_id
            return story_id

    def _settings_now(self) -> _Settings:
        self._settings = _Settings.now()
        return self._settings

    def _host_served(self, host: str) -> bool:
        """Return whether Django serves this Host header (ALLOWED_HOSTS), as it decides."""
        try:
            return self._hosts[host]
        except KeyError:
            domain, _ = split_domain_port(host)
            served = bool(domain) and validate_host(domain, settings.ALLOWED_HOSTS)
            if len(self._hosts) >= KEPT:
                self._hosts.clear()
            self._hosts[host] = served
            return served

    def _read(self, story_id: UUID, environ: dict[str, Any]) -> tuple[str, Headers, bytes] | None:
        """Answer on a replica that has projected the client's own last write (its cookie)."""
        known = self._settings or self._settings_now()
        if not known.replicas:
            return self._story(story_id, environ)
        with dbrouting.reading(read_your_writes.environ_floor(environ)):
            return self._story(story_id, environ)

    def _story(self, story_id: UUID, environ: dict[str, Any]) -> tuple[str, Headers, bytes] | None:
        """Return the answer of a live story read, or None to let Django answer it."""
        if_none_match = environ.get("HTTP_IF_NONE_MATCH")
        try:
            if if_none_match:
                validators = documents.story_validators(story_id, self.run)
                if validators is None or validators.stuck or validators.behind:
                    return None
                etag, headers = self._validators(validators, environ)
                if if_none_match == etag or caching.matches(if_none_match, etag):
                    return "304 Not Modified", list(headers), b""  # a server may add to it
            stored = documents.story_stored(story_id, self.run)
        except Exception as exc:
            if not is_database_error(exc):
                raise
            return self._unavailable(environ)
        if stored is None or stored[0].stuck or stored[0].behind:
            return None
        validators, text = stored
        body = text.encode()
        _, headers = self._validators(validators, environ)
        headers = [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(body))),
            *headers,
        ]
        return "200 OK", headers, body

    def _validators(
        self, validators: documents.Validators, environ: dict[str, Any]
    ) -> tuple[str, Headers]:
        """Return the ETag of a stored state and the headers every answer of it carries."""
        key = (validators, self._secure(environ))
        try:
            return self._headers[key]
        except KeyError:
            etag = caching.story_etag(validators)
            headers = [("ETag", etag), ("Cache-Control", caching.cache_control())]
            modified = caching.last_modified(validators.modified)
            if modified is not None:
                headers.append(("Last-Modified", modified))
            found = etag, headers + security_headers(key[1])
            if len(self._headers) >= KEPT:
                self._headers.clear()
            self._headers[key] = found
            return found

    def _unavailable(self, environ: dict[str, Any]) -> tuple[str, Headers, bytes]:
        body = json.dumps({"code": CODE, "detail": DETAIL}).encode()
        headers = [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(body))),
            ("Retry-After", str(RETRY_AFTER_SECONDS)),
            *security_headers(self._secure(environ)),
        ]
        return "503 Service Unavailable", headers, body

    def _secure(self, environ: dict[str, Any]) -> bool:
        """Return whether the request came over HTTPS, as Django's request.is_secure() decides."""
        known = self._settings or self._settings_now()
        if known.proxy_ssl_header:
            header, value = known.proxy_ssl_header
            forwarded = environ.get(header)
            if forwarded is not None:
                return str(forwarded).split(",", 1)[0].strip() == value
        return environ.get("wsgi.url_scheme") == "https"


def _story_id(raw: str) -> UUID | None:
    """Return the story id of a path segment (UUID or slug), None for what Django should judge."""
    try:
        text = raw.encode("latin-1").decode("utf-8")  # WSGI paths are bytes as latin-1
    except UnicodeError:
        return None
    if not 0 < len(text) <= 200 or "\x00" in text or "%" in text:
        return None
    return streams.story_id_of(text)
