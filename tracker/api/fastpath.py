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
from typing import Any
from uuid import UUID

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.utils import build_policy
from django.conf import settings
from django.db import connections
from django.http.request import split_domain_port, validate_host

from tracker import dbrouting
from tracker.api import caching
from tracker.api.prepared import prepared_run
from tracker.api.unavailable import CODE, DETAIL, RETRY_AFTER_SECONDS, is_database_error
from tracker.ops import read_your_writes, replicas
from tracker.services import streams
from tracker.services.selectors import documents

STORY_PATH = re.compile(r"^/api/v1/stories/([^/]+)$")
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


def _run_on(alias: str, sql: str, params: Any) -> Sequence[Sequence[Any]]:
    """Run a statement on a connection of the alias's pool (Django's own without a pool)."""
    pool = connections[alias].pool
    if pool is None:
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    if pool.closed:  # Django opens it on its first connection; this path may come first
        pool.open()
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


class FastReads:
    """Wrap Django's WSGI app; answer live story reads without it (see the module)."""

    def __init__(self, app: WSGIApp, run: documents.Run = pool_run) -> None:
        self.app = app
        self.run = run
        self._headers: dict[bool, Headers] = {}

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """Answer a live story read here; hand everything else to Django."""
        method = environ.get("REQUEST_METHOD")
        if (method == "GET" or method == "HEAD") and self._plain(environ):
            match = STORY_PATH.match(environ.get("PATH_INFO", ""))
            story_id = _story_id(match.group(1)) if match else None
            if story_id is not None:
                answer = self._read(story_id, environ)
                if answer is not None:
                    status, headers, body = answer
                    start_response(status, headers)
                    return [b""] if method == "HEAD" else [body]
        return self.app(environ, start_response)

    def _plain(self, environ: dict[str, Any]) -> bool:
        """Return whether Django would answer this read with nothing but the story."""
        if environ.get("QUERY_STRING") or "HTTP_AUTHORIZATION" in environ:
            return False
        if not settings.TRACKER_PUBLIC_READ:
            return False
        if settings.SECURE_SSL_REDIRECT and not _secure(environ):
            return False
        domain, _ = split_domain_port(environ.get("HTTP_HOST", ""))
        return bool(domain) and validate_host(domain, settings.ALLOWED_HOSTS)

    def _read(self, story_id: UUID, environ: dict[str, Any]) -> tuple[str, Headers, bytes] | None:
        """Answer on a replica that has projected the client's own last write (its cookie)."""
        if not replicas.aliases():
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
                if caching.matches(if_none_match, caching.story_etag(validators)):
                    return "304 Not Modified", self._validators(validators, environ), b""
            stored = documents.story_stored(story_id, self.run)
        except Exception as exc:
            if not is_database_error(exc):
                raise
            return self._unavailable(environ)
        if stored is None or stored[0].stuck or stored[0].behind:
            return None
        validators, text = stored
        body = text.encode()
        headers = [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(body))),
            *self._validators(validators, environ),
        ]
        return "200 OK", headers, body

    def _validators(self, validators: documents.Validators, environ: dict[str, Any]) -> Headers:
        headers = [
            ("ETag", caching.story_etag(validators)),
            ("Cache-Control", caching.cache_control()),
        ]
        modified = caching.last_modified(validators.modified)
        if modified is not None:
            headers.append(("Last-Modified", modified))
        return headers + self._security(environ)

    def _unavailable(self, environ: dict[str, Any]) -> tuple[str, Headers, bytes]:
        body = json.dumps({"code": CODE, "detail": DETAIL}).encode()
        headers = [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(body))),
            ("Retry-After", str(RETRY_AFTER_SECONDS)),
            *self._security(environ),
        ]
        return "503 Service Unavailable", headers, body

    def _security(self, environ: dict[str, Any]) -> Headers:
        secure = _secure(environ)
        if secure not in self._headers:
            self._headers[secure] = security_headers(secure)
        return self._headers[secure]


def _secure(environ: dict[str, Any]) -> bool:
    """Return whether the request came over HTTPS, as Django's request.is_secure() decides."""
    proxy = settings.SECURE_PROXY_SSL_HEADER
    if proxy:
        header, value = proxy
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
