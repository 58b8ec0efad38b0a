"""Benchmark the served tracker against the floor, with wrk, 16 connections, all in one run.

Starts `manage.py serve` (granian WSGI workers with threads, and the stream process) on a
scratch database holding the sample story, and beside it, under the same granian command
(same workers and threads), the floor: a framework-free WSGI app that makes one pooled
`SELECT 1` and returns the bytes of the same story document. Then, with wrk on 127.0.0.1:
- floor, trivial (`/api/v1/ping`), get (the story), not_modified (the story with its ETag
  in If-None-Match), alternated over `--rounds` rounds (medians kept), each with the CPU a
  request cost the server's processes and PostgreSQL's sessions (bench/cpu.py), which the
  machine's other load moves less than the rates; `--only reads` runs these alone;
- post: developments written by a wrk Lua script (fresh Idempotency-Key each, a token),
  beside the store's own 8-writer append rate (`bench/append.py`'s store_8w) in this run;
- sse: N idle clients on the stream process, health p99 meanwhile, then the time until one
  new event reached all of them (sse_fanout_ms, the slowest of three appends).
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import http.client
import json
import os
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import append, cpu, sse
from bench.load import run_wrk
from bench.servers import STORY_PATH, Served, fetch, scratch_database, served

TARGETS = (  # key, baseline, factor
    ("get_rps", "floor_rps", 0.5),
    ("not_modified_rps", "floor_rps", 0.8),
    ("post_rps", "store_8w", 0.25),
)
GET_P99_MS, HEALTH_P99_MS, FANOUT_MS = 25.0, 50.0, 1000.0
POST_STORIES = 32


def say(text: str) -> None:
    """Print progress on stderr."""
    print(f"[bench/api] {text}", file=sys.stderr, flush=True)


def store_8w(seconds: float, rounds: int) -> float:
    """Measure the store's 8-writer append rate as bench/append.py does (median of rounds)."""
    import psycopg
    from sqlalchemy import create_engine

    from tracker import config
    from tracker.eventstore import close_all, migrate

    base = migrate.libpq_url(config.database_url())
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {append.SCRATCH} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {append.SCRATCH}")
        url = append.scratch_url(base)
        try:
            engine = create_engine(migrate.sqlalchemy_url(url))
            migrate.upgrade(engine)
            engine.dispose()
            rates = [append.concurrent_writers(url, "store", seconds, 8) for _ in range(rounds)]
        finally:
            close_all()
            admin.execute(f"DROP DATABASE IF EXISTS {append.SCRATCH} WITH (FORCE)")
    say(f"store_8w: {', '.join(f'{r:,.0f}' for r in rates)} events/s")
    return statistics.median(rates)


def etag_of(base: str) -> str:
    """Return the story's ETag, checking that sending it back answers 304."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    connection.request("GET", STORY_PATH)
    etag = connection.getresponse().getheader("ETag") or ""
    connection.close()
    connection.request("GET", STORY_PATH, headers={"If-None-Match": etag})
    status = connection.getresponse().status
    connection.close()
    if status != 304:
        raise SystemExit(f"If-None-Match {etag} answered {status}, not 304")
    return etag


def reads(s: Served, args: argparse.Namespace, url: str) -> dict[str, list[dict[str, Any]]]:
    """Run the read phases round by round (floor beside the tracker each round).

    Each phase also reports the CPU each request cost the server's processes (`app_us`) and
    PostgreSQL's sessions (`pg_us`) on the scratch database `url` (bench/cpu.py).
    """
    import psycopg

    etag = etag_of(s.web)
    load: dict[str, Any] = {"connections": args.connections, "seconds": args.seconds}
    phases: dict[str, Callable[[], dict[str, Any]]] = {
        "floor": lambda: run_wrk(s.floor + STORY_PATH, **load),
        "trivial": lambda: run_wrk(s.web + "/api/v1/ping", **load),
        "get": lambda: run_wrk(s.web + STORY_PATH, **load),
        "not_modified": lambda: run_wrk(
            s.web + STORY_PATH, headers={"If-None-Match": etag}, **load
        ),
    }
    servers = {
        name: cpu.server_sessions(_port(s.floor if name == "floor" else s.web)) for name in phases
    }
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in phases}
    with psycopg.connect(url, autocommit=True) as database:
        for round_ in range(args.rounds):
            for name, phase in phases.items():
                found = cpu.per_request(phase, servers[name], database)
                runs[name].append(found)
                say(f"round {round_ + 1} {name}: {_line(found)}")
    return runs


def _port(base: str) -> int:
    """Return the port of a served base URL."""
    return int(urlsplit(base).port or 80)


def writes(s: Served, args: argparse.Namespace, url: str) -> dict[str, Any]:
    """Open stories, then let wrk's Lua script record developments in them.

    The phase also reports the CPU each POST cost the server's processes (the projector
    thread included) and PostgreSQL's sessions (bench/cpu.py).
    """
    import psycopg

    stories = []
    for n in range(POST_STORIES):
        opened = json.loads(
            fetch(f"{s.web}/api/v1/stories", "POST", {"title": f"Bench {n}"}, s.token)
        )
        stories.append(opened["id"])
    tag = uuid.uuid4().hex[:12]
    phase = functools.partial(
        run_wrk, s.web, connections=args.connections, seconds=args.seconds, script="post.lua",
        args=[s.token, tag, *stories],
    )  # fmt: skip
    with psycopg.connect(url, autocommit=True) as database:
        found = cpu.per_request(phase, cpu.server_sessions(_port(s.web)), database)
    say(f"post: {_line(found)}")
    return found


async def streams(s: Served, args: argparse.Namespace) -> dict[str, float]:
    """Hold N idle streams, measure health meanwhile, then time three events' fan-out."""
    limit = sse.raise_open_files(args.sse_clients + 1024)
    load = {"connections": 4, "seconds": args.seconds}
    idle = await asyncio.to_thread(run_wrk, s.web + "/api/v1/health", **load)
    say(f"health, no streams open: {_line(idle)}")
    started = time.perf_counter()
    clients = await sse.open_streams(s.stream, args.sse_clients)
    say(f"{len(clients)} streams open in {time.perf_counter() - started:.1f} s (nofile {limit})")
    try:
        web = await asyncio.to_thread(run_wrk, s.web + "/api/v1/health", **load)
        say(f"health on the web port, streams open: {_line(web)}")
        held = await asyncio.to_thread(run_wrk, s.stream + "/api/v1/health", **load)
        say(f"health on the stream process, streams open: {_line(held)}")
        fanouts = []
        for n in range(3):
            started = time.perf_counter()
            body = {"title": f"Fan-out {n}"}
            answer = await asyncio.to_thread(
                fetch, f"{s.web}/api/v1/stories", "POST", body, s.token
            )
            position = json.loads(answer)["position"]
            fanouts.append(await sse.fan_out(clients, position, started, limit=30))
            say(f"event {position} reached {len(clients)} streams in {fanouts[-1] * 1000:.0f} ms")
            await asyncio.sleep(0.5)
    finally:
        await sse.close_all(clients)
    return {
        "sse_clients": len(clients),
        "sse_fanout_ms": max(fanouts) * 1000,
        "health_p99_ms": idle["p99_ms"],
        "sse_health_p99_ms": web["p99_ms"],
        "sse_stream_health_p99_ms": held["p99_ms"],
    }


def _line(found: dict[str, Any]) -> str:
    used = ""
    if "app_us" in found:
        used = f"; CPU per request: server {found['app_us']:.0f} µs, "
        used += f"PostgreSQL {found['pg_us']:.0f} µs"
    return (
        f"{found['rps']:,.0f} req/s, p50 {found['p50_ms']:.1f} ms, p99 {found['p99_ms']:.1f} ms, "
        f"{found['errors']} errors; wrk {found['wrk_cores']:.2f} cores of "
        f"{found['machine_cores']:.2f} busy{used}"
    )


def read_figures(runs: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Return the read phases' figures: medians of the rounds, ratios per round, spreads.

    `<phase>_floor_ratio`: the phase's rate over the floor's of the same round;
    `<phase>_floor_cpu_ratio`: the floor's CPU per request (server and PostgreSQL) over the
    phase's, the same ratio as the machine's other load leaves it.
    """
    out: dict[str, Any] = {}
    for name, found in runs.items():
        for key in ("rps", "p99_ms", "app_us", "pg_us"):
            out[f"{name}_{key}"] = statistics.median(f[key] for f in found)
        out[f"{name}_rps_min"] = min(f["rps"] for f in found)
        out[f"{name}_rps_max"] = max(f["rps"] for f in found)
        out[f"{name}_p99_ms_rounds"] = [round(f["p99_ms"], 1) for f in found]
    floor = runs["floor"]
    for name in ("get", "not_modified", "trivial"):
        ratios = [r["rps"] / f["rps"] for r, f in zip(runs[name], floor, strict=True)]
        out[f"{name}_floor_ratio"] = statistics.median(ratios)
        out[f"{name}_floor_ratio_min"], out[f"{name}_floor_ratio_max"] = min(ratios), max(ratios)
        out[f"{name}_floor_ratio_rounds"] = [round(ratio, 2) for ratio in ratios]
        cpu_ratios = [
            (f["app_us"] + f["pg_us"]) / (r["app_us"] + r["pg_us"])
            for r, f in zip(runs[name], floor, strict=True)
        ]
        out[f"{name}_floor_cpu_ratio"] = statistics.median(cpu_ratios)
        out[f"{name}_floor_cpu_ratio_rounds"] = [round(ratio, 2) for ratio in cpu_ratios]
    every = [f for found in runs.values() for f in found]
    out["errors"] = sum(f["errors"] for f in every)
    out["wrk_cores_max"] = max(f["wrk_cores"] for f in every)
    out["rounds"] = len(floor)
    return out


def figures(
    runs: dict[str, list[dict[str, Any]]], post: dict[str, Any], store: float, sse_: dict
) -> dict[str, Any]:
    """Return the flat result: the read phases' figures, then the post's and the streams'."""
    out = read_figures(runs)
    out |= {"post_rps": post["rps"], "post_p99_ms": post["p99_ms"], "store_8w": store}
    out["post_store_8w_ratio"] = post["rps"] / store
    out |= sse_
    out["errors"] += post["errors"]
    out["wrk_cores_max"] = max(out["wrk_cores_max"], post["wrk_cores"])
    return _rounded(out)


def _rounded(out: dict[str, Any]) -> dict[str, Any]:
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in out.items()}


def post_figures(post: dict[str, Any], store: float) -> dict[str, Any]:
    """Return the post phase's figures alone, under the keys `figures` gives them."""
    out = {
        "post_rps": post["rps"],
        "post_p50_ms": post["p50_ms"],
        "post_p99_ms": post["p99_ms"],
        "post_app_us": post["app_us"],
        "post_pg_us": post["pg_us"],
        "store_8w": store,
        "post_store_8w_ratio": post["rps"] / store,
        "errors": post["errors"],
        "wrk_cores_max": post["wrk_cores"],
    }
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in out.items()}


def read_table(r: dict[str, Any]) -> list[str]:
    """Return the read phases' lines: rates, spreads, p99s, CPU per request, ratios per round."""
    rows = [
        f"{'phase':<14} {'req/s':>8} {'(min-max)':>15} {'p99 ms':>8} "
        f"{'server µs':>10} {'pg µs':>7}   per round: p99 ms; rate / floor; floor CPU / CPU"
    ]
    for name in ("floor", "trivial", "get", "not_modified"):
        spread = f"{r[f'{name}_rps_min']:,.0f}-{r[f'{name}_rps_max']:,.0f}"
        rounds = ", ".join(f"{v:.1f}" for v in r[f"{name}_p99_ms_rounds"])
        if name != "floor":
            rounds += "; " + ", ".join(f"{v:.2f}" for v in r[f"{name}_floor_ratio_rounds"])
            rounds += "; " + ", ".join(f"{v:.2f}" for v in r[f"{name}_floor_cpu_ratio_rounds"])
        rows.append(
            f"{name:<14} {r[f'{name}_rps']:>8,.0f} {spread:>15} {r[f'{name}_p99_ms']:>8.1f} "
            f"{r[f'{name}_app_us']:>10.0f} {r[f'{name}_pg_us']:>7.0f}   {rounds}"
        )
    return rows


def read_targets(r: dict[str, Any]) -> list[str]:
    """Return the read targets' lines: each ratio (median of the rounds) and the get p99."""
    rows = []
    for target, _, factor in TARGETS[:2]:
        key = target.removesuffix("_rps")
        ratio = r[f"{key}_floor_ratio"]
        rows.append(
            f"{key}_rps / floor_rps: {ratio:.2f} (rounds {r[f'{key}_floor_ratio_min']:.2f}-"
            f"{r[f'{key}_floor_ratio_max']:.2f}; CPU {r[f'{key}_floor_cpu_ratio']:.2f}) "
            f"(>= {factor}) {_met(ratio >= factor)}"
        )
    rows.append(f"get p99: {r['get_p99_ms']:.1f} ms (<= {GET_P99_MS}) "
                f"{_met(r['get_p99_ms'] <= GET_P99_MS)}")  # fmt: skip
    return rows


def table(r: dict[str, Any]) -> str:
    """Return the figures as a table of targets, ratios and whether each is met."""
    rows = read_table(r)
    rows.append(f"{'post':<14} {r['post_rps']:>8,.0f} {'':>15} {r['post_p99_ms']:>8.1f}")
    rows.append(f"{'store_8w':<14} {r['store_8w']:>8,.0f}   (events/s, bench/append.py)")
    rows.append("")
    rows += read_targets(r)
    key, base, factor = TARGETS[2]
    ratio = r[key] / r[base]
    rows.append(f"{key} / {base}: {ratio:.2f} (>= {factor}) {_met(ratio >= factor)}")
    rows.append(
        f"{r['sse_clients']} idle streams: health p99 {r['sse_health_p99_ms']:.1f} ms on the web "
        f"port, {r['sse_stream_health_p99_ms']:.1f} ms on the stream process "
        f"(<= {HEALTH_P99_MS}) {_met(r['sse_stream_health_p99_ms'] <= HEALTH_P99_MS)}; "
        f"fan-out {r['sse_fanout_ms']:.0f} ms (<= {FANOUT_MS:.0f}) "
        f"{_met(r['sse_fanout_ms'] <= FANOUT_MS)}"
    )
    rows.append(f"wrk used at most {r['wrk_cores_max']:.2f} cores; {r['errors']} errors")
    return "\n".join(rows)


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main() -> None:
    """Parse the options, run every phase, print a table or one flat JSON object."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (16)")
    parser.add_argument("--seconds", type=float, default=5.0, help="length of each phase (5)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the read phases (3)")
    parser.add_argument("--sse-clients", type=int, default=2000, help="idle streams (2,000)")
    parser.add_argument("--store-seconds", type=float, default=2.0, help="store_8w round length")
    parser.add_argument("--json", action="store_true", help="print one flat JSON object")
    parser.add_argument(
        "--only",
        choices=["post", "reads"],
        help="run only this phase (post: and store_8w beside it; reads: the read rounds)",
    )
    args = parser.parse_args()
    os.chdir(Path(__file__).resolve().parent.parent)
    store = store_8w(args.store_seconds, rounds=3) if args.only != "reads" else 0.0
    with scratch_database() as url, served(url) as s:
        say(f"tracker on {s.web} (streams {s.stream}), floor on {s.floor}: "
            f"{s.plan.workers} workers x {s.plan.threads} threads each")  # fmt: skip
        if args.only == "post":
            post = writes(s, args, url)
            print(json.dumps(post_figures(post, store)))
            return
        runs = reads(s, args, url)
        if args.only == "reads":
            found = _rounded(read_figures(runs))
            print(
                json.dumps(found)
                if args.json
                else "\n".join(read_table(found) + read_targets(found))
            )
            return
        post = writes(s, args, url)
        sse_ = asyncio.run(streams(s, args))
    result = figures(runs, post, store, sse_)
    print(json.dumps(result) if args.json else table(result))


if __name__ == "__main__":
    main()
