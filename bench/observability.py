#!/usr/bin/env python3
"""What metrics, traces and the access log cost: the same server with each
turned on, side by side.

Usage: bench/observability.py [--rounds 3] [--requests 40000] [--latency 3000]
           [--front http|grpc]

Every server runs the release build against the nginx upstream and gets the
same requests. "off" runs with metrics off (--metrics=off), no trace
endpoint and no access log; "metrics" turns on the Prometheus series;
"metrics+traces" adds OTLP/HTTP export of every call's spans (sampler
always_on, the default batching) to a second nginx that accepts the exports
unread; "+access log" adds one JSON line per call, to the server's log file.
Rounds alternate between the variants so machine noise hits all alike.
Reports the median throughput at concurrency 64, CPU per request and latency
at concurrency 1, and the ratios to "off".
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from lib import gateways, side_by_side  # noqa: E402

VARIANTS = ["off", "metrics", "metrics+traces", "metrics+traces+access log"]


def gateway(front, upstream, work, variant, sink):
    env = {"LITERLLM_METRICS": "on" if "metrics" in variant else "off",
           "LITERLLM_ACCESS_LOG": "stdout" if "access log" in variant else "off"}
    if "traces" in variant:
        env.update(OTEL_EXPORTER_OTLP_ENDPOINT=f"http://127.0.0.1:{sink.port}",
                   OTEL_TRACES_SAMPLER="always_on")
    return side_by_side.literllm(front, upstream, work, variant, env)


def main():
    args = side_by_side.arguments(__doc__, "observability")
    work = args.work
    with gateways.Nginx(work) as nginx, gateways.Nginx(work / "collector") as sink:
        variants = {name: (lambda name=name: gateway(args.front, nginx, work, name, sink))
                    for name in VARIANTS}
        results = side_by_side.measure(variants, args.rounds, args.requests, args.latency,
                                       work, lambda gw: gw.request)
        exports = sink.requests_served()
    print(f"front: {args.front}; {args.rounds} rounds; {args.requests:,} requests at c=64, "
          f"{args.latency:,} at c=1; the receiver got {exports:,} trace exports")
    side_by_side.print_table(results, "server", "off")


if __name__ == "__main__":
    main()
