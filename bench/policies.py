#!/usr/bin/env python3
"""What caller keys, a rate limit and a budget cost: the same server with and
without them, side by side.

Usage: bench/policies.py [--rounds 3] [--requests 40000] [--latency 3000]
           [--front http|grpc]

Every server runs the release build against the nginx upstream and gets the
same requests, which carry `authorization: Bearer <key>`. "no policy" runs
open (no master key, no Redis); the others have a master key, the caller key
in their config with an rpm limit and a daily budget (and a tpm limit), all
far above what the run uses so every call is admitted and counted, and a
redis-server on loopback: each call is one admission script, and calls that
end together share one usage write.
Rounds alternate between the two so machine noise hits both alike. Reports
the median throughput at concurrency 64 and CPU per request (gateway and
Redis), and latency at concurrency 1, and the ratios.
"""
import argparse
import pathlib
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from lib import gateways, load  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "release"
CALLER_KEY = "lk-bench-caller-key"
# The caller key's limits by variant: far above what a run uses.
LIMITS = {
    "keys": "models: [\"openai/*\"]",
    "keys+rpm+budget": "rpm: 100000000\n      budget_usd: 1000000000\n"
                       "      budget_period: 1d",
    "keys+rpm+tpm+budget": "rpm: 100000000\n      tpm: 100000000000\n"
                           "      budget_usd: 1000000000\n      budget_period: 1d",
}
CONFIG = """auth:
  keys:
    - name: bench
      key_env: BENCH_CALLER_KEY
      {limits}
redis:
  timeout: 50ms
"""


class Redis:
    """redis-server on a free loopback port, without persistence."""

    def __enter__(self):
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        sock.close()
        self.dir = tempfile.mkdtemp(prefix="literllm-bench-redis-")
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", self.dir],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(200):
            if subprocess.run(["redis-cli", "-p", str(self.port), "ping"],
                              capture_output=True, text=True).stdout.strip() == "PONG":
                return self
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def __exit__(self, *exc):
        self.proc.kill()
        self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)

    def cpu_seconds(self):
        return gateways.process_tree_cpu_seconds(self.proc.pid)

    def command_stats(self):
        """Redis's own time per command: {command: (calls, µs per call)}."""
        out = subprocess.run(["redis-cli", "-p", str(self.port), "info", "commandstats"],
                             capture_output=True, text=True).stdout
        stats = {}
        for line in out.splitlines():
            if line.startswith("cmdstat_"):
                name, fields = line[len("cmdstat_"):].split(":", 1)
                values = dict(f.split("=") for f in fields.split(","))
                stats[name] = (int(values["calls"]), float(values["usec_per_call"]))
        return stats

    def keys(self):
        out = subprocess.run(["redis-cli", "-p", str(self.port), "--scan"],
                             capture_output=True, text=True).stdout
        return [k for k in out.split() if k]


def gateway(front, upstream, work, variant, redis):
    kind = gateways.LiterllmHttp if front == "http" else gateways.Literllm
    gw = kind(BUILD, upstream, work)
    if front == "grpc":
        gw.flags = gw.flags + ["--http_listen="]
    if variant in LIMITS:
        config = pathlib.Path(work) / f"{variant}.yaml"
        config.write_text(CONFIG.format(limits=LIMITS[variant]))
        gw.extra_env = {"LITERLLM_MASTER_KEY": "bench-master-key",
                        "BENCH_CALLER_KEY": CALLER_KEY,
                        "LITERLLM_REDIS_URL": f"redis://127.0.0.1:{redis.port}",
                        "LITERLLM_CONFIG": str(config)}
    gw.name = f"{gw.name} {variant}"
    gateway.runs += 1
    gw.log = pathlib.Path(work) / f"{gw.name.replace(' ', '-')}-{gateway.runs}.log"
    return gw


gateway.runs = 0


def with_key(request):
    auth = f"authorization: Bearer {CALLER_KEY}"
    return dict(request, headers=request["headers"] + [auth])


def throughput_round(gw, redis, requests):
    with gw:
        load.h2load(with_key(gw.request), concurrency=64, requests=5000)  # warm-up
        cpu = gw.cpu_seconds()
        redis_cpu = redis.cpu_seconds() if redis else 0
        result = load.h2load(with_key(gw.request), concurrency=64, requests=requests)
        cpu = gw.cpu_seconds() - cpu
        redis_cpu = (redis.cpu_seconds() if redis else 0) - redis_cpu
    return (result["rps"], 1e6 * cpu / requests, result["failed"],
            1e6 * redis_cpu / requests)


def latency_round(gw, requests, work):
    with gw:
        load.h2load(with_key(gw.request), concurrency=1, requests=500)  # warm-up
        log = pathlib.Path(work) / "policies-latency.log"
        result = load.h2load(with_key(gw.request), concurrency=1, requests=requests,
                             log_file=log)
    return result["p50_ms"], result["p99_ms"], result["failed"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=40000)
    parser.add_argument("--latency", type=int, default=3000)
    parser.add_argument("--front", choices=("http", "grpc"), default="http")
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / "policies"))
    args = parser.parse_args()
    work = pathlib.Path(args.out)
    work.mkdir(parents=True, exist_ok=True)
    names = ["no policy"] + list(LIMITS)
    rate = {n: [] for n in names}
    latency = {n: [] for n in names}
    with gateways.Nginx(work) as nginx, Redis() as redis:
        for _ in range(args.rounds):
            for name in names:
                used = redis if name in LIMITS else None
                rate[name].append(throughput_round(
                    gateway(args.front, nginx, work, name, used), used, args.requests))
            for name in names:
                latency[name].append(latency_round(
                    gateway(args.front, nginx, work, name, redis), args.latency, work))
        counted = [k for k in redis.keys() if "{key:bench}" in k]
        redis_stats = redis.command_stats()
    base = statistics.median(r[0] for r in rate[names[0]])
    per_call = ", ".join(f"{name} {calls:,} calls {usec:.1f} µs" for name, (calls, usec)
                         in sorted(redis_stats.items()) if calls > 100)
    print(f"front: {args.front}; {args.rounds} rounds; {args.requests:,} requests at c=64, "
          f"{args.latency:,} at c=1; Redis keys of the caller: {sorted(counted)}; "
          f"Redis time per command: {per_call}")
    print("\n| server | req/s c=64 (median) | ÷ no policy | gateway CPU µs/request | "
          "Redis CPU µs/request | p50 ms c=1 | p99 ms c=1 | failed |"
          "\n|---|---:|---:|---:|---:|---:|---:|---:|")
    for name in names:
        rps = statistics.median(r[0] for r in rate[name])
        cpu = statistics.median(r[1] for r in rate[name])
        redis_cpu = statistics.median(r[3] for r in rate[name])
        p50 = statistics.median(r[0] for r in latency[name])
        p99 = statistics.median(r[1] for r in latency[name])
        failed = sum(r[2] for r in rate[name]) + sum(r[2] for r in latency[name])
        print(f"| {name} | {rps:,.0f} | {rps / base:.2f} | {cpu:.0f} | {redis_cpu:.0f} | {p50:.3f} "
              f"| {p99:.3f} | {failed} |")


if __name__ == "__main__":
    main()
