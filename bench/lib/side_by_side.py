"""Variants of one server measured side by side: rounds alternate between
them so machine noise hits all alike, and medians are reported."""
import pathlib
import statistics

from . import load


def throughput_round(gw, request, requests, helper=None):
    """req/s at concurrency 64, gateway CPU µs per request, failures, and the
    CPU µs per request of `helper` (a process the gateway uses, e.g. Redis)."""
    with gw:
        load.h2load(request(gw), concurrency=64, requests=5000)  # warm-up
        cpu = gw.cpu_seconds()
        helper_cpu = helper.cpu_seconds() if helper else 0
        result = load.h2load(request(gw), concurrency=64, requests=requests)
        cpu = gw.cpu_seconds() - cpu
        helper_cpu = (helper.cpu_seconds() if helper else 0) - helper_cpu
    return dict(rps=result["rps"], cpu_us=1e6 * cpu / requests, failed=result["failed"],
                helper_cpu_us=1e6 * helper_cpu / requests)


def latency_round(gw, request, requests, work):
    """p50 and p99 ms at concurrency 1, and failures."""
    with gw:
        load.h2load(request(gw), concurrency=1, requests=500)  # warm-up
        log = pathlib.Path(work) / "side-by-side-latency.log"
        result = load.h2load(request(gw), concurrency=1, requests=requests, log_file=log)
    return dict(p50_ms=result["p50_ms"], p99_ms=result["p99_ms"], failed=result["failed"])


def measure(variants, rounds, requests, latency_requests, work, request, helper_of=None):
    """variants: {name: () -> a fresh gateway}. Returns {name: medians} with
    rps, cpu_us, helper_cpu_us, p50_ms, p99_ms, failed (summed) and ratio
    (rps ÷ the first variant's)."""
    helper_of = helper_of or (lambda name: None)
    rate = {name: [] for name in variants}
    lat = {name: [] for name in variants}
    for _ in range(rounds):
        for name, make in variants.items():
            rate[name].append(throughput_round(make(), request, requests, helper_of(name)))
        for name, make in variants.items():
            lat[name].append(latency_round(make(), request, latency_requests, work))
    results = {}
    for name in variants:
        med = {k: statistics.median(r[k] for r in rate[name])
               for k in ("rps", "cpu_us", "helper_cpu_us")}
        med.update({k: statistics.median(r[k] for r in lat[name]) for k in ("p50_ms", "p99_ms")})
        med["failed"] = sum(r["failed"] for r in rate[name] + lat[name])
        results[name] = med
    base = results[next(iter(variants))]["rps"]
    for med in results.values():
        med["ratio"] = med["rps"] / base
    return results
