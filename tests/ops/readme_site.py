"""A tracker set up as `make run` sets one up, and a shell that runs the README's commands in it.

Two new databases on the test server: one set up by `manage.py setup` as the owner with
TRACKER_APP_ROLE (as `make setup` does) and served by `manage.py serve` as that role (as
`make run` does), one left empty for the restore commands ($NEW_DATABASE_URL). The shell
runs in a directory that looks like a clone (`.venv`, `manage.py`), with the key file that
`make` writes and neither SECRET_KEY nor DJANGO_SETTINGS_MODULE in its environment.
"""

from __future__ import annotations

import os
import queue
import secrets
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
from sqlalchemy import make_url

from tests.api.live import free_port
from tracker.config import KEY_FILE_VARIABLE
from tracker.eventstore import migrate

ROOT = Path(__file__).resolve().parents[2]
README_HOST = "http://127.0.0.1:8000"  # where the README's commands expect `make run`
DONE = "__readme_step_done__"
UNSET = {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DEBUG", KEY_FILE_VARIABLE}


@dataclass
class Outcome:
    """What one command did: its exit status and what it printed."""

    status: int
    stdout: str
    stderr: str


class Shell:
    """One bash process: variables set by one command (TOKEN=...) are there for the next."""

    def __init__(self, cwd: Path, env: dict[str, str]) -> None:
        self.cwd = cwd
        self.process = subprocess.Popen(
            ["bash", "--noprofile", "--norc"],
            cwd=cwd,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def run(self, command: str, timeout: float = 180.0) -> Outcome:
        """Run one command (stdin closed) and return its status and output."""
        out, err = self.cwd / ".step.out", self.cwd / ".step.err"
        assert self.process.stdin is not None
        self.process.stdin.write(f'{{\n{command}\n}} </dev/null >{out} 2>{err}; echo "{DONE} $?"\n')
        self.process.stdin.flush()
        shell_said: list[str] = []
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no answer within {timeout} s: {command}") from None
            if line.startswith(DONE):
                status = int(line.split()[1])
                break
            shell_said.append(line)  # bash's own complaints (a syntax error)
        stderr = "\n".join([*shell_said, err.read_text(errors="replace")])
        return Outcome(status, out.read_text(errors="replace"), stderr)

    def close(self) -> None:
        """End the shell."""
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=30)


def _create_database(server: str, name: str) -> None:
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}".encode())


def _drop(server: str, databases: list[str], role: str) -> None:
    with psycopg.connect(server, autocommit=True) as admin:
        for name in databases:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)".encode())
        admin.execute(f"DROP ROLE IF EXISTS {role}".encode())


def _wait_for_health(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"manage.py serve exited: {log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{base}/api/v1/health", timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"manage.py serve did not answer /health: {log.read_text()[-3000:]}")


@contextmanager
def readme_site(owner_url: str, workdir: Path) -> Iterator[tuple[str, Shell]]:
    """Set up and serve a tracker as `make run` does; yield its base URL and a clone's shell."""
    tag = uuid.uuid4().hex[:10]
    names, role, password = [f"readme_{tag}", f"readme_{tag}_new"], f"readme_app_{tag}", "app-pw"
    server_url = migrate.libpq_url(owner_url)
    urls = [make_url(owner_url).set(database=name) for name in names]
    owner, new = (url.render_as_string(hide_password=False) for url in urls)
    app = urls[0].set(username=role, password=password).render_as_string(hide_password=False)
    (workdir / ".local").mkdir()
    key_file = workdir / ".local" / "secret_key"
    key_file.write_text(secrets.token_urlsafe(48) + "\n")  # what the Makefile writes
    (workdir / ".venv").symlink_to(sys.prefix)  # the virtualenv the tests run in
    (workdir / "manage.py").symlink_to(ROOT / "manage.py")
    base_env = {key: value for key, value in os.environ.items() if key not in UNSET}
    base_env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{base_env.get('PATH', '')}"
    base_env[KEY_FILE_VARIABLE] = str(key_file)  # stands for the clone's own .local/secret_key
    for name in names:
        _create_database(server_url, name)
    served: subprocess.Popen[bytes] | None = None
    shell: Shell | None = None
    try:
        setup_env = {**base_env, "DATABASE_URL": owner, "TRACKER_APP_ROLE": role}
        setup_env["TRACKER_APP_PASSWORD"] = password
        setup = subprocess.run(
            [sys.executable, "manage.py", "setup"],
            cwd=ROOT, env=setup_env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        assert setup.returncode == 0, f"manage.py setup failed: {setup.stdout}{setup.stderr}"
        port, log = free_port(), workdir / "serve.log"
        serve_env = {**base_env, "DATABASE_URL": app, "TRACKER_DB_POOL": "true"}
        serve_env.update({"TRACKER_SSL_REDIRECT": "false", "TRACKER_SECURE_COOKIES": "false"})
        command = [sys.executable, "manage.py", "serve", "--port", str(port)]
        with log.open("wb") as sink:
            served = subprocess.Popen(command, cwd=ROOT, env=serve_env, stdout=sink, stderr=sink)
        base = f"http://127.0.0.1:{port}"
        _wait_for_health(base, served, log)
        shell = Shell(workdir, {**base_env, "DATABASE_URL": owner, "NEW_DATABASE_URL": new})
        yield base, shell
    finally:
        if shell is not None:
            shell.close()
        if served is not None:
            served.terminate()
            try:
                served.wait(timeout=30)
            except subprocess.TimeoutExpired:
                served.kill()
                served.wait(timeout=30)
        _drop(server_url, names, role)
