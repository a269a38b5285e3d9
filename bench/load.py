"""Latency of the Videos API under load on the embedded default (`vidloom serve`: SQLite, local folder,
embedded worker holding the engine).

1. Start `vidloom serve` in a child process with a fresh VIDLOOM_HOME and create one Pro key per client.
2. Run --clients concurrent clients (asyncio + httpx, one connection each). Each client, --rounds
   times: POST /v1/videos (timed), then --gets x GET /v1/videos/{id} (timed), then cancels the job
   (not timed) so the plan's concurrency limit is never what is measured. The embedded worker
   keeps generating the jobs it reaches before they are cancelled, as it would in production.
   Two client models (--mode):
   - paced (default): each client is an OpenAI SDK user of `videos.create_and_poll`: after each GET it
     waits the interval the server asks for in `openai-poll-after-ms` (the SDK's default is 1000 ms when
     the header is absent), and the clients start spread over one such interval, as independent users
     would. This measures the latency those users see at that offered load.
   - saturate: no waiting at all (a closed loop with zero think time). This measures the server's
     throughput; latency is then set by the queue (Little's law: latency = clients / throughput), so it
     says how long a request waits behind the others, not how fast one is served.
3. With --flood N, one more user opens N event streams (/v1/videos/{id}/events) on a job of theirs
   before the clients start and holds them open throughout: the per-user cap refuses most (429) and
   the open ones hold no database connection, so the other clients' latency should not move.
4. Print p50/p99/max latency and throughput per operation as a table.

    python -m bench.load                       # 100 paced clients, 5 rounds, 5 GETs per round
    python -m bench.load --mode saturate       # ... with no waiting: the throughput limit
    python -m bench.load --clients 20 --rounds 2
    python -m bench.load --flood 150           # ... while one user floods event streams
    python -m bench.load --setting event_streams_per_user=4   # ... with a server setting
    python -m bench.load --processes 1         # ... with one API process (default: serve's, one per core up to 4)

The load generator runs on the same machine as the server: on a 2-core box the two compete for
CPU, so the figures are an upper bound on what the server alone would show.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.service.helpers import Server  # noqa: E402 - the same launcher the tests use
from vidloom.service.processes import default_processes  # noqa: E402 - what `vidloom serve` starts by default

# vidloom-mini by name: sora-* names follow OpenAI's contract (4, 8 or 12 s), and a 1 s clip keeps the
# embedded worker's generations short, so the API's latency is what is measured
BODY = {"model": "vidloom-mini", "seconds": "1"}
SDK_POLL_MS = 1000  # openai.resources.videos.Videos.poll: its interval when the server sends no openai-poll-after-ms


def make_keys(server: Server, n: int) -> list[str]:
    """n Pro users with one API key each, written straight into the server's database."""
    from vidloom.service import accounts
    from vidloom.service.db import Database

    db = Database(f"sqlite:///{Path(server.env['VIDLOOM_HOME']) / 'vidloom.db'}")
    with db.session() as s:
        keys = [accounts.create_key(s, accounts.create_user(s, f"load{i}@example.com", "pro")) for i in range(n)]
    db.engine.dispose()
    return keys


def generations(server: Server) -> tuple[int, int]:
    """(jobs the embedded worker started, jobs it completed): proof that generations ran during the load."""
    from sqlalchemy import func, select

    from vidloom.service.db import Database
    from vidloom.service.models import Video

    db = Database(f"sqlite:///{Path(server.env['VIDLOOM_HOME']) / 'vidloom.db'}")
    with db.session() as s:
        started = s.scalar(select(func.count()).select_from(Video).where(Video.attempt > 0))
        completed = s.scalar(select(func.count()).select_from(Video).where(Video.status == "completed"))
    db.engine.dispose()
    return started, completed


async def client(http: httpx.AsyncClient, rounds: int, gets: int, samples: dict[str, list[float]], errors: dict,
                 paced: bool) -> None:
    async with http:
        if paced:  # independent users: not all at the same instant
            await asyncio.sleep(random.uniform(0, SDK_POLL_MS / 1000))
        for r in range(rounds):
            t = time.perf_counter()
            resp = await http.post("/v1/videos", json={"prompt": f"a red ball moves left, take {r}", **BODY})
            samples["POST /v1/videos"].append(time.perf_counter() - t)
            if resp.status_code != 200:
                errors["POST /v1/videos"] = errors.get("POST /v1/videos", 0) + 1
                errors.setdefault("first", f"{resp.status_code} {resp.text[:300]}")
                continue
            vid = resp.json()["id"]
            for _ in range(gets):
                t = time.perf_counter()
                got = await http.get(f"/v1/videos/{vid}")
                samples["GET /v1/videos/{id}"].append(time.perf_counter() - t)
                if got.status_code != 200:
                    errors["GET /v1/videos/{id}"] = errors.get("GET /v1/videos/{id}", 0) + 1
                    errors.setdefault("first", f"{got.status_code} {got.text[:300]}")
                if paced:  # as the SDK's poll loop does
                    await asyncio.sleep(int(got.headers.get("openai-poll-after-ms", SDK_POLL_MS)) / 1000)
            await http.post(f"/v1/videos/{vid}/cancel")


async def flood(url: str, key: str, streams: int, opened: dict, stop: asyncio.Event) -> None:
    """Open `streams` event streams on one job of this user's and hold the accepted ones until `stop`."""
    headers = {"Authorization": f"Bearer {key}"}
    limits = httpx.Limits(max_connections=streams + 1)
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=120, limits=limits) as http:
        vid = (await http.post("/v1/videos", json={"prompt": "a blue box rises", **BODY})).json()["id"]

        async def hold():
            async with http.stream("GET", f"/v1/videos/{vid}/events") as resp:
                opened[resp.status_code] = opened.get(resp.status_code, 0) + 1
                if resp.status_code == 200:
                    await stop.wait()

        await asyncio.gather(*(hold() for _ in range(streams)))
        await http.post(f"/v1/videos/{vid}/cancel")


def cpu_seconds(root: int) -> dict[int, tuple[float, bool]]:
    """(CPU seconds, user + system; whether it runs in the idle class, as the embedded worker does) of `root`
    and each of its descendants, by pid, from /proc (Linux)."""
    parents, used = {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # a process that ended meanwhile
            continue
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        used[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"), int(fields[38]) == os.SCHED_IDLE
    tree, todo = {}, [root]
    while todo:
        pid = todo.pop()
        tree[pid] = used.get(pid, (0.0, False))
        todo.extend(child for child, parent in parents.items() if parent == pid)
    return tree


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(q * (len(values) - 1))))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--gets", type=int, default=5)
    parser.add_argument("--flood", type=int, default=0, help="event streams one extra user opens and holds")
    parser.add_argument("--mode", choices=("paced", "saturate"), default="paced",
                        help="paced: SDK users polling at the server's interval; saturate: no waiting")
    parser.add_argument("--processes", type=int, default=None,
                        help="API processes (`vidloom serve --processes`; default: serve's own, one per core up to 4)")
    parser.add_argument("--setting", action="append", default=[], metavar="NAME=VALUE",
                        help="a server setting, e.g. event_streams_per_user=4; repeatable")
    args = parser.parse_args(argv)
    if any("=" not in s for s in args.setting):
        parser.error("--setting takes NAME=VALUE, e.g. event_streams_per_user=4")
    settings = dict(s.split("=", 1) for s in args.setting)
    home = Path(tempfile.mkdtemp(prefix="vidloom-load-"))
    if args.processes is None:
        args.processes = default_processes()
    server = Server(home, serve_args=("--processes", str(args.processes)),
                    **{f"VIDLOOM_{name.upper()}": value for name, value in settings.items()})
    try:
        keys = make_keys(server, args.clients + 1)
        samples: dict[str, list[float]] = {"POST /v1/videos": [], "GET /v1/videos/{id}": []}
        errors: dict[str, int] = {}
        opened: dict[int, int] = {}

        async def run() -> tuple[float, float]:
            """The clients' run; returns its wall time and this process's CPU seconds. The clients are made
            before it starts: each costs ~20 ms of CPU (its TLS context), which would otherwise land on the
            server's first round as one burst."""
            https = [httpx.AsyncClient(base_url=server.url, headers={"Authorization": f"Bearer {k}"}, timeout=120)
                     for k in keys[:-1]]
            started, cpu_started = time.perf_counter(), time.process_time()
            stop = asyncio.Event()
            flooding = asyncio.create_task(flood(server.url, keys[-1], args.flood, opened, stop)) if args.flood else None
            while flooding and sum(opened.values()) < args.flood and not flooding.done():
                await asyncio.sleep(0.05)  # every stream answered before the clients start
            await asyncio.gather(*(client(http, args.rounds, args.gets, samples, errors, args.mode == "paced") for http in https))
            stop.set()
            if flooding:
                await flooding
            return time.perf_counter() - started, time.process_time() - cpu_started

        server_before = cpu_seconds(server.proc.pid)
        wall, generator_cpu = asyncio.run(run())
        server_cpu = {False: 0.0, True: 0.0}  # by whether the process is the worker (idle class)
        for pid, (cpu, idle) in cpu_seconds(server.proc.pid).items():
            server_cpu[idle] += cpu - server_before.get(pid, (0.0, idle))[0]
        ran = generations(server)
    finally:
        server.stop()
        problems = [line for line in server.log.read_text().splitlines() if "Error" in line or "Traceback" in line]
        if problems:
            print("server log:", *problems[:20], sep="\n  ")
    print(f"embedded default, {args.processes} API process{'es' if args.processes > 1 else ''}{''.join(f', {n}={v}' for n, v in settings.items())}, {args.mode} mode, {args.clients} concurrent clients, {args.rounds} rounds x (1 POST + {args.gets} GET), "
          f"{os.cpu_count()} CPUs, {wall:.1f} s wall" + (f"; flood: {args.flood} event streams asked, "
          f"{opened.get(200, 0)} held open, {opened.get(429, 0)} refused (429)" if args.flood else "") +
          f"; the worker started {ran[0]} generations and completed {ran[1]} meanwhile; CPU seconds used: "
          f"{server_cpu[False]:.1f} by the API, {server_cpu[True]:.1f} by the worker (idle class), "
          f"{generator_cpu:.1f} by this load generator\n")
    print("| request | count | p50 ms | p99 ms | max ms | mean ms | req/s | errors |")
    print("|---|---|---|---|---|---|---|---|")
    for name, values in samples.items():
        if not values:
            print(f"| {name} | 0 | | | | | | {errors.get(name, 0)} |")
            continue
        ms = [v * 1000 for v in values]
        print(f"| {name} | {len(ms)} | {percentile(ms, .5):.1f} | {percentile(ms, .99):.1f} | {max(ms):.1f} | "
              f"{statistics.mean(ms):.1f} | {len(ms) / wall:.0f} | {errors.get(name, 0)} |")
    if "first" in errors:
        print(f"\nfirst error: {errors['first']}")
        raise SystemExit(1)


if __name__ == "__main__":
    main()
