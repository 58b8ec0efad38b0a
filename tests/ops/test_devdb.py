"""The embedded server: started on demand, stopped by `make db-stop` whoever started it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid

from tests.projections.support import ROOT

SERVE_AND_WAIT = (
    "import time; from tracker import devdb; devdb.embedded_database_url(); "
    "print('serving', flush=True); time.sleep(60)"
)


def run(code: str, data_dir: str) -> str:
    """Run Python code in a fresh interpreter whose embedded server lives in `data_dir`."""
    env = {key: value for key, value in os.environ.items() if key != "XDG_RUNTIME_DIR"}
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "TRACKER_PGDATA": data_dir},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_db_stop_stops_a_server_that_another_process_started() -> None:
    """The process that started the server was killed (as `make run` can be); stopping works."""
    home = ROOT / ".local" / f"devdb-test-{uuid.uuid4().hex[:8]}"
    data_dir = home / "pgdata"
    home.mkdir(parents=True)
    try:
        url = run("from tracker import devdb; print(devdb.embedded_database_url())", str(data_dir))
        assert "/tracker?" in url
        killed = subprocess.Popen(
            [sys.executable, "-c", SERVE_AND_WAIT],
            cwd=ROOT,
            env={**os.environ, "TRACKER_PGDATA": str(data_dir)},
            stdout=subprocess.PIPE,
            text=True,
        )
        assert killed.stdout is not None and killed.stdout.readline().strip() == "serving"
        killed.kill()  # no exit handlers run: its use of the server stays on record
        killed.wait(10)
        assert (data_dir / "postmaster.pid").exists()
        run("from tracker import devdb; devdb.stop_embedded_server()", str(data_dir))
        assert not (data_dir / "postmaster.pid").exists()
    finally:
        if (data_dir / "postmaster.pid").exists():
            run("from tracker import devdb; devdb.stop_embedded_server()", str(data_dir))
        shutil.rmtree(home, ignore_errors=True)
