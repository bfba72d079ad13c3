#!/usr/bin/env python3
"""Before/after comparison of literllm-server builds, run side by side.

Usage: bench/compare.py NAME=PATH/TO/literllm-server [NAME=PATH ...]
           [--rounds 3] [--requests 40000] [--hold 10000] [--front grpc|http]

Rounds alternate between the binaries so that machine noise hits each alike.
Per binary it reports the median unary throughput at concurrency 64 and CPU
time per request against the nginx upstream, (with --ttft) the median stream
time to first token over that many streams at concurrency 8, and (with
--hold) RSS, threads and CPU while that many slow streams are open.
--front http calls every build over its OpenAI-compatible HTTP front
(--http_listen) instead of gRPC, as bench/run.py's literllm-http target does.
"""
import argparse
import pathlib
import statistics
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from lib import gateways, load  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent


class Build(gateways.Literllm):
    """literllm-server from a given path instead of the release build."""

    def __init__(self, name, binary, upstream, work):
        super().__init__(ROOT / "build" / "release", upstream, work)
        self.name, self.binary = name, pathlib.Path(binary)


class HttpBuild(Build, gateways.LiterllmHttp):
    """The same, called over its HTTP front."""


def unary_round(build, sizes):
    with build as gw:
        load.h2load(gw.request, concurrency=64, requests=5000)  # warm-up
        cpu = gw.cpu_seconds()
        result = load.h2load(gw.request, concurrency=64, requests=sizes.requests)
        cpu = gw.cpu_seconds() - cpu
    return result["rps"], 1e6 * cpu / sizes.requests, result["failed"]


def ttft_round(build, count):
    with build as gw:
        load.streams(gw.stream_target, streams=8, concurrency=8)  # warm-up
        ttft = load.streams(gw.stream_target, streams=count, concurrency=8, pid=gw.pid)
    return ttft["ttft_p50_ms"], ttft["ttft_p99_ms"], ttft["failed"]


def hold_round(build, count):
    with build as gw:
        load.streams(gw.stream_target, streams=500, concurrency=500, pid=gw.pid)
        cpu = gw.cpu_seconds()
        hold = load.streams(gw.stream_target, streams=count, concurrency=count, pid=gw.pid)
        hold["cpu_s"] = gw.cpu_seconds() - cpu
    return hold


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("builds", nargs="+", help="NAME=PATH")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=40000)
    parser.add_argument("--ttft", type=int, default=0)
    parser.add_argument("--hold", type=int, default=0)
    parser.add_argument("--front", choices=("grpc", "http"), default="grpc")
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / "compare"))
    args = parser.parse_args()
    work = pathlib.Path(args.out)
    work.mkdir(parents=True, exist_ok=True)
    builds = [b.split("=", 1) for b in args.builds]
    kind = HttpBuild if args.front == "http" else Build
    rows = {name: [] for name, _ in builds}
    with gateways.Nginx(work) as nginx:
        for _ in range(args.rounds):
            for name, path in builds:
                rows[name].append(unary_round(kind(name, path, nginx, work), args))
    print("| build | req/s (median) | CPU µs/request | failed |\n|---|---:|---:|---:|")
    for name, runs in rows.items():
        print(f"| {name} | {statistics.median(r[0] for r in runs):,.0f} "
              f"| {statistics.median(r[1] for r in runs):.1f} | {sum(r[2] for r in runs)} |")
    if args.ttft:
        ttft = {name: [] for name, _ in builds}
        with gateways.SseUpstream(ROOT / "build" / "release", work, tokens=20,
                                  interval_ms=10) as fast:
            for _ in range(args.rounds):
                for name, path in builds:
                    ttft[name].append(ttft_round(kind(name, path, fast, work), args.ttft))
        print("\n| build | TTFT p50 ms (median) | TTFT p99 ms (median) | failed |"
              "\n|---|---:|---:|---:|")
        for name, runs in ttft.items():
            print(f"| {name} | {statistics.median(r[0] for r in runs):.3f} "
                  f"| {statistics.median(r[1] for r in runs):.3f} | {sum(r[2] for r in runs)} |")
    if args.hold:
        print(f"\n| build | {args.hold:,} streams ok | RSS MiB | threads idle → open "
              "| CPU s | wall s |\n|---|---:|---:|---:|---:|---:|")
        with gateways.SseUpstream(ROOT / "build" / "release", work, tokens=5,
                                  interval_ms=2000) as slow:
            for name, path in builds:
                h = hold_round(kind(name, path, slow, work), args.hold)
                print(f"| {name} | {h['ok']:,} | {h['rss_kib_peak'] / 1024:.0f} "
                      f"| {h['threads_idle']} → {h['threads_peak']} | {h['cpu_s']:.1f} "
                      f"| {h['seconds']:.1f} |")


if __name__ == "__main__":
    main()
