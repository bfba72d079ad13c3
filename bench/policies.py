#!/usr/bin/env python3
"""What caller keys, a rate limit and a budget cost: the same server with and
without them, side by side.

Usage: bench/policies.py [--rounds 3] [--requests 40000] [--latency 3000]
           [--front http|grpc]

Every server runs the release build against the nginx upstream and gets the
same requests, which carry `authorization: Bearer <key>`. "no policy" runs
open (no master key, no Redis); all run without metrics and access log, so
only the policies' cost shows. The others have a master key, the caller key
in their config with an rpm limit and a daily budget (and a tpm limit), all
far above what the run uses so every call is admitted and counted, and a
redis-server on loopback: each call is one admission script, and calls that
end together share one usage write.
Rounds alternate between the two so machine noise hits both alike. Reports
the median throughput at concurrency 64 and CPU per request (gateway and
Redis), and latency at concurrency 1, and the ratios.
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from lib import gateways, side_by_side  # noqa: E402
from lib.redis_server import Redis  # noqa: E402

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


def gateway(front, upstream, work, variant, redis):
    # Observers off: what is measured is the policies' own cost.
    env = {"LITERLLM_METRICS": "off", "LITERLLM_ACCESS_LOG": "off"}
    if variant in LIMITS:
        config = pathlib.Path(work) / f"{variant}.yaml"
        config.write_text(CONFIG.format(limits=LIMITS[variant]))
        env.update(LITERLLM_MASTER_KEY="bench-master-key", BENCH_CALLER_KEY=CALLER_KEY,
                   LITERLLM_REDIS_URL=f"redis://127.0.0.1:{redis.port}",
                   LITERLLM_CONFIG=str(config))
    return side_by_side.literllm(front, upstream, work, variant, env)


def with_key(gw):
    auth = f"authorization: Bearer {CALLER_KEY}"
    return dict(gw.request, headers=gw.request["headers"] + [auth])


def main():
    args = side_by_side.arguments(__doc__, "policies")
    work = args.work
    names = ["no policy"] + list(LIMITS)
    with gateways.Nginx(work) as nginx, Redis() as redis:
        def used(name):
            return redis if name in LIMITS else None
        variants = {name: (lambda name=name: gateway(args.front, nginx, work, name, used(name)))
                    for name in names}
        results = side_by_side.measure(variants, args.rounds, args.requests, args.latency,
                                       work, with_key, helper_of=used)
        counted = [k for k in redis.keys() if "{key:bench}" in k]
        redis_stats = redis.command_stats()
    per_call = ", ".join(f"{name} {calls:,} calls {usec:.1f} µs" for name, (calls, usec)
                         in sorted(redis_stats.items()) if calls > 100)
    print(f"front: {args.front}; {args.rounds} rounds; {args.requests:,} requests at c=64, "
          f"{args.latency:,} at c=1; Redis keys of the caller: {sorted(counted)}; "
          f"Redis time per command: {per_call}")
    print("\n| server | req/s c=64 (median) | ÷ no policy | gateway CPU µs/request | "
          "Redis CPU µs/request | p50 ms c=1 | p99 ms c=1 | failed |"
          "\n|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, r in results.items():
        print(f"| {name} | {r['rps']:,.0f} | {r['ratio']:.2f} | {r['cpu_us']:.0f} "
              f"| {r['helper_cpu_us']:.0f} | {r['p50_ms']:.3f} | {r['p99_ms']:.3f} "
              f"| {r['failed']} |")


if __name__ == "__main__":
    main()
