"""Run `wrk` for one phase and read its figures, with the CPU wrk itself used."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

WRK_DIR = Path(__file__).resolve().parent / "wrk"
LOOPBACK = {"127.0.0.1", "::1", "localhost"}
MARK = "BENCH "


def wrk_binary() -> str:
    """Return the path of wrk, or stop with how to install it (Debian: apt-get install wrk)."""
    found = shutil.which("wrk")
    if found is None:
        raise SystemExit("wrk is not installed: `make bench` installs it (apt-get install wrk)")
    return found


def busy_cores() -> tuple[float, float]:
    """Return (busy, total) CPU seconds of the whole machine since boot, from /proc/stat."""
    with open("/proc/stat", encoding="ascii") as stat:
        fields = [int(v) for v in stat.readline().split()[1:]]
    ticks = os.sysconf("SC_CLK_TCK")
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields) - idle) / ticks, sum(fields) / ticks


def _children_cpu() -> float:
    """Return the user and system CPU seconds of this process's reaped children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_wrk(
    url: str,
    *,
    connections: int,
    seconds: float,
    script: str | None = None,
    args: list[str] | None = None,
    headers: dict[str, str] | None = None,
    threads: int = 2,
) -> dict[str, Any]:
    """Load `url` with wrk; return rps, p50/p99/max ms, errors and wrk's own CPU (cores)."""
    if urlsplit(url).hostname not in LOOPBACK:
        raise SystemExit(f"refusing to load {url}: the bench targets loopback addresses only")
    lua = (WRK_DIR / script).read_text() if script else ""
    lua += "\n" + (WRK_DIR / "report.lua").read_text()
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(lua)
    command = [wrk_binary(), "-t", str(min(threads, connections)), "-c", str(connections)]
    command += ["-d", f"{max(1, round(seconds))}s", "--timeout", "5s", "-s", handle.name]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    command.append(url)
    if args:
        command += ["--", *args]
    try:
        busy0, total0 = busy_cores()
        children0 = _children_cpu()
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out, err = process.communicate(timeout=seconds + 30)
    finally:
        os.unlink(handle.name)
    wall = time.perf_counter() - started
    busy1, total1 = busy_cores()
    wrk_cpu = _children_cpu() - children0  # wrk is the only child reaped meanwhile
    line = next((t for t in out.decode().splitlines() if t.startswith(MARK)), None)
    if process.returncode != 0 or line is None:
        sys.stderr.write(out.decode() + err.decode())
        raise SystemExit(f"wrk failed ({process.returncode}): {' '.join(command)}")
    found = json.loads(line[len(MARK) :])
    cores = os.cpu_count() or 1
    return {
        "rps": found["requests"] / (found["duration_us"] / 1e6),
        "p50_ms": found["p50_us"] / 1000,
        "p99_ms": found["p99_us"] / 1000,
        "max_ms": found["max_us"] / 1000,
        "errors": found["errors"] + found["status_errors"],
        "requests": found["requests"],
        "wrk_cores": wrk_cpu / wall,
        "machine_cores": (busy1 - busy0) / max(1e-9, total1 - total0) * cores,
        "wall_s": wall,
    }
