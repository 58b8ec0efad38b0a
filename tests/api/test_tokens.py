"""API tokens: the token service and the create_token / revoke_token commands."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tracker.api.models import ApiToken
from tracker.api.tokens import TokenError, token_authenticate, token_create, token_revoke

pytestmark = pytest.mark.django_db


def test_create_stores_only_the_hash() -> None:
    """The raw token is returned once; the table holds its SHA-256 only."""
    raw = token_create(name="ci", scope="write")
    stored = ApiToken.objects.get(name="ci")
    assert raw not in stored.token_hash
    assert len(stored.token_hash) == 64
    assert not ApiToken.objects.filter(token_hash=raw).exists()


def test_authenticate_accepts_the_token_and_records_its_use() -> None:
    """A live token authenticates and gets last_used_at; a wrong one does not."""
    raw = token_create(name="reader", scope="read")
    token = token_authenticate(raw)
    assert token is not None and token.name == "reader" and token.scope == "read"
    assert ApiToken.objects.get(name="reader").last_used_at is not None
    assert token_authenticate(raw + "x") is None
    assert token_authenticate("") is None
    assert token_authenticate("x" * 10_000) is None


def test_revoked_token_no_longer_authenticates() -> None:
    """After revoke_token, the token is refused; revoking twice keeps the first time."""
    raw = token_create(name="gone", scope="write")
    first = token_revoke(name="gone").revoked_at
    assert token_authenticate(raw) is None
    assert token_revoke(name="gone").revoked_at == first


def test_names_are_unique_and_scopes_checked() -> None:
    """A second token with the same name, or an unknown scope, is refused."""
    token_create(name="dup", scope="read")
    with pytest.raises(TokenError):
        token_create(name="dup", scope="write")
    with pytest.raises(TokenError):
        token_create(name="other", scope="admin")
    with pytest.raises(TokenError):
        token_revoke(name="nobody")


def test_create_token_prints_the_token_alone_on_stdout() -> None:
    """create_token writes only the token (one line) to stdout, so scripts can capture it."""
    out, err = io.StringIO(), io.StringIO()
    call_command("create_token", "--name", "script", "--scope", "write", stdout=out, stderr=err)
    printed = out.getvalue()
    assert printed.count("\n") == 1 and printed.strip() == printed.rstrip("\n")
    assert token_authenticate(printed.strip()) is not None


def test_revoke_token_command() -> None:
    """revoke_token revokes by name and fails clearly for an unknown name."""
    raw = token_create(name="cmd", scope="read")
    call_command("revoke_token", "--name", "cmd", stdout=io.StringIO(), stderr=io.StringIO())
    assert token_authenticate(raw) is None
    with pytest.raises(CommandError, match="no token named"):
        call_command("revoke_token", "--name", "cmd-missing", stderr=io.StringIO())


def test_commands_have_help(capsys: pytest.CaptureFixture[str]) -> None:
    """Both commands explain their options in --help."""
    for name in ("create_token", "revoke_token"):
        with pytest.raises(SystemExit):
            call_command(name, "--help")
        assert "--name" in capsys.readouterr().out
