#!/usr/bin/env python3
"""What each front costs: the same server called over gRPC, over its
OpenAI-compatible HTTP front and over its Anthropic-compatible one, side by
side.

Usage: bench/fronts.py [--rounds 3] [--requests 40000] [--latency 3000]

Every variant runs the release build with its defaults (metrics on) except
the access log (off, so only the front differs), against the nginx upstream,
which answers in OpenAI's shape: the Anthropic front translates the ~1 KB
Anthropic request into the call's form and the answer back. Rounds alternate
between the fronts so machine noise hits all alike. Reports the median
throughput at concurrency 64, CPU per request and latency at concurrency 1,
and the ratios to gRPC.
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from lib import gateways, side_by_side  # noqa: E402

FRONTS = {"gRPC": "grpc", "OpenAI HTTP": "http", "Anthropic HTTP": "anthropic"}


def main():
    args = side_by_side.arguments(__doc__, "fronts", front=False)
    work = args.work
    with gateways.Nginx(work) as nginx:
        variants = {
            name: (lambda front=front, name=name: side_by_side.literllm(
                front, nginx, work, name, {"LITERLLM_ACCESS_LOG": "off"}))
            for name, front in FRONTS.items()}
        results = side_by_side.measure(variants, args.rounds, args.requests, args.latency,
                                       work, lambda gw: gw.request)
        served = nginx.requests_served()
    print(f"{args.rounds} rounds; {args.requests:,} requests at c=64, {args.latency:,} at "
          f"c=1; the upstream answered {served:,} requests")
    side_by_side.print_table(results, "front", "gRPC")


if __name__ == "__main__":
    main()
