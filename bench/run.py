#!/usr/bin/env python3
"""Runs the gateway benchmark side by side and writes the report.

Every gateway (literllm over gRPC, literllm over its OpenAI-compatible HTTP
front, the peers over HTTP/1.1) sits in front of the same fake OpenAI upstream
on 127.0.0.1, and is measured in the same run against a direct call to that
upstream:

  unary      nginx answers a canned chat.completion (counted by stub_status);
             h2load drives ~1 KB requests at saturation and at concurrency 1.
  streaming  bench-sse-upstream streams SSE tokens; bench-client measures
             time to first token, chunks relayed per second, and memory and
             threads while thousands of slow streams are open.

Usage: bench/run.py [--smoke] [--peers portkey,litellm,bifrost] [--out DIR]
--smoke runs seconds-long versions of every scenario (direct, literllm and,
when the server has --http_listen, literllm-http and, unary only,
literllm-anthropic; no peers) and never touches
bench/README.md. Every HTTP target's answers are also checked once against
OpenAI's shape (bench/lib/check.py).
"""
import argparse
import json
import os
import pathlib
import resource
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from lib import check, gateways, load, report  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "release"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--peers", default="portkey,litellm,bifrost")
    parser.add_argument("--out", default=str(ROOT / "bench" / "out"))
    parser.add_argument("--build", default=str(BUILD))
    return parser.parse_args()


def server_binary(build):
    """The server binary's identity (size, modification time), to tell whether
    it was rebuilt while the benchmark ran."""
    path = pathlib.Path(build) / "service" / "literllm-server"
    try:
        st = path.stat()
    except OSError:
        return None
    return {"path": str(path), "bytes": st.st_size,
            "modified": time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(st.st_mtime))}


def descriptor_limit():
    """Raises this process's open-file limit to its hard limit (the gateways
    inherit it) and returns it."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard if hard != resource.RLIM_INFINITY else 1 << 20


def http_hold_streams(streams, fd_limit):
    """Slow streams an HTTP/1.1 gateway can hold under `fd_limit`: it keeps a
    client and an upstream connection per stream, two descriptors, and needs
    a few hundred more for itself (rounded down to hundreds)."""
    return min(streams, max(100, (fd_limit - 200) // 2 // 100 * 100))


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
    # One request checked in full first; it counts like h2load's (a 200 is a
    # success, and the upstream and literllm's tally see it).
    status, shape = (check.unary(gw.request)
                     if gw.request["h1"] and gw.request.get("check", True) else (0, []))
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
        "succeeded": sum(r["succeeded"] for r in runs) + (status == 200),
        "failed": sum(r["failed"] for r in runs),
        "upstream_requests": gw.upstream.requests_served() - served,
        "cpu_us_per_request": 1e6 * cpu / tp_served if gw.pid and tp_served else None,
        "shape_problems": shape,
    }


def measure_streams(gw, sizes, relay_gw, tokens):
    result = {"name": gw.name}
    # One stream checked in full (SSE framing, content, [DONE]).
    shape = check.stream(gw.stream_target, tokens) if gw.stream_target["url"].startswith(
        "http") else []
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
                  relay_failed=relay["failed"], shape_problems=shape)
    return result


def measure_hold(gw, sizes):
    # A gateway called over HTTP/1.1 needs two descriptors per stream (gRPC
    # carries every stream on one connection; direct has no gateway).
    http_gateway = gw.name != "direct" and gw.stream_target["url"].startswith("http")
    count = sizes["hold_streams_http"] if http_gateway else sizes["hold_streams"]
    # The first round creates whatever the gateway creates lazily; the second
    # is the measurement.
    warm = min(500, count)
    load.streams(gw.stream_target, streams=warm, concurrency=warm, pid=gw.pid)
    hold = load.streams(gw.stream_target, streams=count, concurrency=count, pid=gw.pid)
    return dict(hold, name=gw.name)


def measured(results, phase, name, measure):
    """Appends one measurement; a gateway that breaks under it is reported
    (and literllm-http's missing row fails the run, see report.failures);
    only literllm over gRPC or the baseline breaking stops the run, since
    every ratio in the report is taken to them."""
    try:
        results[phase].append(measure())
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
        if name in report.REQUIRED:
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
    sizes["fd_limit"] = descriptor_limit()
    sizes["hold_streams_http"] = http_hold_streams(sizes["hold_streams"], sizes["fd_limit"])
    work = pathlib.Path(args.out)
    work.mkdir(parents=True, exist_ok=True)
    build = pathlib.Path(args.build)
    load.BUILD = build
    peers = [] if args.smoke else [p for p in args.peers.split(",") if p]
    http_front = gateways.http_front_supported(build)
    results = {"sizes": sizes, "started": time.strftime("%Y-%m-%d %H:%M:%S"),
               "machine": load.machine(), "http_front": http_front,
               "server_binary": server_binary(build),
               "unary": [], "streams": [], "hold": [], "verification": {}, "skipped": {}}
    if not http_front:
        results["skipped"]["literllm-http"] = (
            "this literllm-server build has no --http_listen (no HTTP front)")

    def gateways_for(upstream, anthropic=False):
        return gateways.all_gateways(build, peers, upstream, work, results["skipped"],
                                     http_front=http_front, anthropic=anthropic)

    with gateways.Nginx(work) as nginx:
        # The Anthropic front's row is unary only (gateways.LiterllmAnthropic).
        for gw in started(gateways_for(nginx, anthropic=True), results["skipped"]):
            with gw:
                measured(results, "unary", gw.name, lambda: measure_unary(gw, sizes, work))
            row = results["unary"][-1] if results["unary"] else {}
            if gw.name in report.TALLIED and row.get("name") == gw.name:
                results["verification"][gw.name] = dict(
                    gw.call_tally, upstream_requests=row["upstream_requests"],
                    requests_succeeded=row["succeeded"])

    fast = dict(tokens=20, interval_ms=10)
    relay = dict(tokens=sizes["relay_tokens"], interval_ms=0)
    with gateways.SseUpstream(build, work, **fast) as ttft_up, \
            gateways.SseUpstream(build, work, **relay) as relay_up:
        for gw in started(gateways_for(ttft_up), results["skipped"]):
            relay_gw = gateways.same_kind(gw, build, relay_up, work)
            try:
                with gw, relay_gw:
                    measured(results, "streams", gw.name,
                             lambda: measure_streams(gw, sizes, relay_gw, fast["tokens"]))
            except (RuntimeError, OSError) as e:  # relay_gw did not start
                if gw.name in report.REQUIRED:
                    raise
                results["skipped"][f"{gw.name} (streams)"] = f"did not start: {e}"

    slow = dict(tokens=5, interval_ms=2000)
    with gateways.SseUpstream(build, work, **slow) as slow_up:
        for gw in started(gateways_for(slow_up), results["skipped"]):
            with gw:
                measured(results, "hold", gw.name, lambda: measure_hold(gw, sizes))

    results["server_binary_at_end"] = server_binary(build)
    (work / "results.json").write_text(json.dumps(results, indent=2))
    target = work / "README.md" if args.smoke else ROOT / "bench" / "README.md"
    report.write(results, target, work)
    print(f"report: {target}")
    if results["server_binary"] != results["server_binary_at_end"]:
        print("WARNING: literllm-server was rebuilt during the run", file=sys.stderr)
    failures = report.failures(results)
    for f in failures:
        print(f"FAILED: {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(run(parse_args()))
