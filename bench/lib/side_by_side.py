"""Variants of one server measured side by side: rounds alternate between
them so machine noise hits all alike, and medians are reported."""
import argparse
import pathlib
import statistics

from . import gateways, load

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent


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


def arguments(doc, out, front=True):
    """The command line every side-by-side script takes; `out` names its
    folder under bench/out; `front` offers --front (http or grpc)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=40000)
    parser.add_argument("--latency", type=int, default=3000)
    if front:
        parser.add_argument("--front", choices=("http", "grpc"), default="http")
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / out))
    args = parser.parse_args()
    args.work = pathlib.Path(args.out)
    args.work.mkdir(parents=True, exist_ok=True)
    return args


_runs = 0


def literllm(front, upstream, work, variant, env):
    """A release-build literllm over `front` named after `variant`, with
    `env`; each gets its own log file."""
    global _runs
    kind = {"grpc": gateways.Literllm, "http": gateways.LiterllmHttp,
            "anthropic": gateways.LiterllmAnthropic}[front]
    gw = kind(ROOT / "build" / "release", upstream, work)
    if front == "grpc":
        gw.flags = gw.flags + ["--http_listen="]
    gw.extra_env = env
    gw.name = f"{gw.name} {variant}"
    _runs += 1
    gw.log = pathlib.Path(work) / f"{gw.name.replace(' ', '-')}-{_runs}.log"
    return gw


def print_table(results, column, base):
    """The Markdown table of `measure`'s results: `column` names the first
    column, `base` the variant the ratios are to."""
    print(f"\n| {column} | req/s c=64 (median) | ÷ {base} | CPU µs/request | p50 ms c=1 "
          "| p99 ms c=1 | failed |\n|---|---:|---:|---:|---:|---:|---:|")
    for name, r in results.items():
        print(f"| {name} | {r['rps']:,.0f} | {r['ratio']:.2f} | {r['cpu_us']:.0f} "
              f"| {r['p50_ms']:.3f} | {r['p99_ms']:.3f} | {r['failed']} |")
