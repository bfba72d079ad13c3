#!/usr/bin/env python3
"""Runs the gateway benchmark side by side and writes the report.

Every gateway (literllm over gRPC, the peers over HTTP/1.1) sits in front of
the same fake OpenAI upstream on 127.0.0.1, and is measured in the same run
against a direct call to that upstream:

  unary      nginx answers a canned chat.completion (counted by stub_status);
             h2load drives ~1 KB requests at saturation and at concurrency 1.
  streaming  bench-sse-upstream streams SSE tokens; bench-client measures
             time to first token, chunks relayed per second, and memory and
             threads while thousands of slow streams are open.

Usage: bench/run.py [--smoke] [--peers portkey,litellm,bifrost] [--out DIR]
--smoke runs seconds-long versions of every scenario (literllm and direct
only) and never touches bench/README.md.
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from lib import gateways, load, report  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "release"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--peers", default="portkey,litellm,bifrost")
    parser.add_argument("--out", default=str(ROOT / "bench" / "out"))
    parser.add_argument("--build", default=str(BUILD))
    return parser.parse_args()


def scale(smoke):
    """Scenario sizes: (full run, smoke run)."""
    pick = (lambda full, small: small) if smoke else (lambda full, small: full)
    return {
        "throughput_seconds": pick(15, 1),
        "probe_requests": pick(5000, 200),
        "throughput_concurrency": 64,
        "latency_requests": pick(3000, 50),
        "ttft_streams": pick(400, 20),
        "ttft_concurrency": 8,
        "relay_streams": pick(40, 4),
        "relay_tokens": pick(2000, 50),
        "hold_streams": pick(10000, 200),
    }


def measure_unary(gw, sizes, work):
    """Throughput at saturation and latency at concurrency 1 for one target.

    Runs count requests rather than time, so none is cut off at the end and
    every request can be matched with what the upstream (and literllm) saw.
    """
    c = sizes["throughput_concurrency"]
    served = gw.upstream.requests_served()
    # Warm-up, which also sizes the measured run to about the set duration.
    probe = load.h2load(gw.request, concurrency=c, requests=sizes["probe_requests"])
    count = max(sizes["probe_requests"], int(probe["rps"] * sizes["throughput_seconds"]))
    tp_served, cpu = gw.upstream.requests_served(), gw.cpu_seconds()
    tp = load.h2load(gw.request, concurrency=c, requests=count)
    tp_served, cpu = gw.upstream.requests_served() - tp_served, gw.cpu_seconds() - cpu
    lat = load.h2load(gw.request, concurrency=1, requests=sizes["latency_requests"],
                      log_file=work / f"latency-{gw.name}.log")
    runs = (probe, tp, lat)
    return {
        "name": gw.name, "rps": tp["rps"], "p50_ms": lat["p50_ms"], "p99_ms": lat["p99_ms"],
        "succeeded": sum(r["succeeded"] for r in runs),
        "failed": sum(r["failed"] for r in runs),
        "upstream_requests": gw.upstream.requests_served() - served,
        "cpu_us_per_request": 1e6 * cpu / tp_served if gw.pid and tp_served else None,
    }


def measure_streams(gw, sizes, relay_gw):
    result = {"name": gw.name}
    # Warm-up: connections and lazily created state, for every target alike.
    load.streams(gw.stream_target, streams=sizes["ttft_concurrency"],
                 concurrency=sizes["ttft_concurrency"])
    load.streams(relay_gw.stream_target, streams=2, concurrency=2)
    ttft = load.streams(gw.stream_target, streams=sizes["ttft_streams"],
                        concurrency=sizes["ttft_concurrency"], pid=gw.pid)
    relay = load.streams(relay_gw.stream_target, streams=sizes["relay_streams"],
                         concurrency=sizes["relay_streams"], pid=relay_gw.pid)
    result.update(ttft_p50_ms=ttft["ttft_p50_ms"], ttft_p99_ms=ttft["ttft_p99_ms"],
                  ttft_failed=ttft["failed"], chunks_per_s=relay["chunks_per_s"],
                  relay_failed=relay["failed"])
    return result


def measure_hold(gw, sizes):
    # The first round creates whatever the gateway creates lazily; the second
    # is the measurement.
    warm = min(500, sizes["hold_streams"])
    load.streams(gw.stream_target, streams=warm, concurrency=warm, pid=gw.pid)
    hold = load.streams(gw.stream_target, streams=sizes["hold_streams"],
                        concurrency=sizes["hold_streams"], pid=gw.pid)
    return dict(hold, name=gw.name)


def measured(results, phase, name, measure):
    """Appends one measurement; a peer that breaks under it is reported, and
    only literllm or the baseline breaking stops the run."""
    try:
        results[phase].append(measure())
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
        if name in report.OURS:
            raise
        results["skipped"][f"{name} ({phase})"] = f"failed: {str(e)[:300]}"


def started(candidates, skipped):
    """Yields each gateway already started; records the ones that fail to."""
    for gw in candidates:
        try:
            gw.__enter__()
        except (RuntimeError, OSError) as e:
            skipped[gw.name] = f"did not start: {e}"
            gw.__exit__(None, None, None)
            continue
        yield gateways.Started(gw)


def run(args):
    sizes = scale(args.smoke)
    work = pathlib.Path(args.out)
    work.mkdir(parents=True, exist_ok=True)
    build = pathlib.Path(args.build)
    load.BUILD = build
    peers = [] if args.smoke else [p for p in args.peers.split(",") if p]
    results = {"sizes": sizes, "started": time.strftime("%Y-%m-%d %H:%M:%S"),
               "machine": load.machine(), "unary": [], "streams": [], "hold": [],
               "verification": {}, "skipped": {}}

    with gateways.Nginx(work) as nginx:
        for gw in started(gateways.all_gateways(build, peers, nginx, work, results["skipped"]),
                          results["skipped"]):
            with gw:
                measured(results, "unary", gw.name, lambda: measure_unary(gw, sizes, work))
            if gw.name == "literllm":
                results["verification"] = dict(
                    gw.call_tally, upstream_requests=results["unary"][-1]["upstream_requests"])

    fast = dict(tokens=20, interval_ms=10)
    relay = dict(tokens=sizes["relay_tokens"], interval_ms=0)
    with gateways.SseUpstream(build, work, **fast) as ttft_up, \
            gateways.SseUpstream(build, work, **relay) as relay_up:
        for gw in started(gateways.all_gateways(build, peers, ttft_up, work,
                                                results["skipped"]), results["skipped"]):
            relay_gw = gateways.same_kind(gw, build, relay_up, work)
            with gw, relay_gw:
                measured(results, "streams", gw.name,
                         lambda: measure_streams(gw, sizes, relay_gw))

    slow = dict(tokens=5, interval_ms=2000)
    with gateways.SseUpstream(build, work, **slow) as slow_up:
        for gw in started(gateways.all_gateways(build, peers, slow_up, work,
                                                results["skipped"]), results["skipped"]):
            with gw:
                measured(results, "hold", gw.name, lambda: measure_hold(gw, sizes))

    (work / "results.json").write_text(json.dumps(results, indent=2))
    target = work / "README.md" if args.smoke else ROOT / "bench" / "README.md"
    report.write(results, target, work)
    print(f"report: {target}")
    failures = report.failures(results)
    for f in failures:
        print(f"FAILED: {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(run(parse_args()))
