"""Turns results.json into the Markdown report and its SVG chart."""
import pathlib

LOG_MARKER = "<!-- optimisation log: kept across runs -->"


def _by_name(rows):
    return {r["name"]: r for r in rows}


def _ratio(a, b):
    return f"{a / b:.1f}×" if a and b else "n/a"


def unary_table(results):
    rows = _by_name(results["unary"])
    direct, ours = rows.get("direct"), rows.get("literllm")
    lines = ["| target | req/s at c=64 | literllm ÷ this | p50 ms (c=1) | p99 ms (c=1) "
             "| added p50 ms | added p99 ms | CPU µs/request | failed |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results["unary"]:
        added50 = r["p50_ms"] - direct["p50_ms"] if r is not direct else 0
        added99 = r["p99_ms"] - direct["p99_ms"] if r is not direct else 0
        cpu = f"{r['cpu_us_per_request']:.0f}" if r.get("cpu_us_per_request") else "–"
        lines.append(
            f"| {r['name']} | {r['rps']:,.0f} | {_ratio(ours['rps'], r['rps'])} "
            f"| {r['p50_ms']:.3f} | {r['p99_ms']:.3f} | {added50:.3f} | {added99:.3f} "
            f"| {cpu} | {r['failed']} |")
    return "\n".join(lines)


def stream_table(results):
    rows = _by_name(results["streams"])
    direct = rows.get("direct")
    lines = ["| target | TTFT p50 ms | TTFT p99 ms | added TTFT p50 ms | chunks/s relayed "
             "| ÷ direct | failed |", "|---|---:|---:|---:|---:|---:|---:|"]
    for r in results["streams"]:
        lines.append(
            f"| {r['name']} | {r['ttft_p50_ms']:.2f} | {r['ttft_p99_ms']:.2f} "
            f"| {r['ttft_p50_ms'] - direct['ttft_p50_ms']:.2f} | {r['chunks_per_s']:,.0f} "
            f"| {r['chunks_per_s'] / direct['chunks_per_s']:.2f} "
            f"| {r['ttft_failed'] + r['relay_failed']} |")
    return "\n".join(lines)


def hold_table(results):
    lines = ["| target | streams open | ok | RSS MiB idle → all open | threads idle → all open |",
             "|---|---:|---:|---:|---:|"]
    for r in results["hold"]:
        if r["name"] == "direct":
            continue
        if r["rss_kib_peak"] < 0:  # sampled only once every stream had started
            peak_rss = peak_threads = "not all streams started"
        else:
            peak_rss, peak_threads = f"{r['rss_kib_peak'] / 1024:.0f}", r["threads_peak"]
        lines.append(f"| {r['name']} | {r['streams']:,} | {r['ok']:,} "
                     f"| {r['rss_kib_idle'] / 1024:.0f} → {peak_rss} "
                     f"| {r['threads_idle']} → {peak_threads} |")
    return "\n".join(lines)


def svg_bars(title, rows, unit, path):
    """A horizontal bar chart, one bar per (label, value)."""
    width, bar, gap, left = 640, 22, 8, 110
    top = 36
    height = top + len(rows) * (bar + gap) + 10
    peak = max(v for _, v in rows) or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             'font-family="sans-serif" font-size="13">',
             f'<text x="10" y="22" font-weight="bold">{title}</text>']
    for i, (label, value) in enumerate(rows):
        y = top + i * (bar + gap)
        w = (width - left - 120) * value / peak
        color = "#2b7bb9" if label == "literllm" else "#9aa5b1"
        parts += [f'<text x="10" y="{y + 16}">{label}</text>',
                  f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar}" fill="{color}"/>',
                  f'<text x="{left + w + 6:.1f}" y="{y + 16}">{value:,.1f} {unit}</text>']
    parts.append("</svg>")
    pathlib.Path(path).write_text("\n".join(parts) + "\n")


OURS = ("direct", "literllm")


def failures(results):
    """Lost or failed requests of literllm or the baseline. Peers' failures
    are their own results: they show in the tables, they do not fail the run."""
    problems = []
    for r in (r for r in results["unary"] if r["name"] in OURS):
        if r["failed"]:
            problems.append(f"{r['name']}: {r['failed']} unary requests failed")
        if r["succeeded"] != r["upstream_requests"]:
            problems.append(f"{r['name']}: {r['succeeded']} requests succeeded but the "
                            f"upstream saw {r['upstream_requests']}")
    v = results.get("verification") or {}
    if v and (v.get("calls_failed") or v.get("calls_ok") != v.get("upstream_requests")):
        problems.append(f"literllm call tally does not match the upstream: {v}")
    for r in (r for r in results["streams"] if r["name"] in OURS):
        if r["ttft_failed"] or r["relay_failed"]:
            problems.append(f"{r['name']}: streams failed")
    for r in (r for r in results["hold"] if r["name"] in OURS):
        if r["failed"]:
            problems.append(f"{r['name']}: {r['failed']} of {r['streams']} held streams failed")
    return problems


def write(results, target, work):
    target = pathlib.Path(target)
    chart_dir = target.parent
    unary = [(r["name"], r["rps"]) for r in results["unary"]]
    svg_bars("Unary requests/s at concurrency 64 (higher is better)", unary, "req/s",
             chart_dir / "throughput.svg")
    direct = _by_name(results["unary"])["direct"]
    added = [(r["name"], max(0.0, r["p50_ms"] - direct["p50_ms"]) * 1000)
             for r in results["unary"] if r["name"] != "direct"]
    svg_bars("Latency added at concurrency 1, p50 (lower is better)", added, "µs",
             chart_dir / "added_latency.svg")
    log = ""
    if target.exists() and LOG_MARKER in target.read_text():
        log = target.read_text().split(LOG_MARKER, 1)[1]
    m, s = results["machine"], results["sizes"]
    skipped = "".join(f"- **{k}** was not measured: {v}\n" for k, v in results["skipped"].items())
    v = results.get("verification") or {}
    text = f"""# Benchmarks

`bench/run.py` (or `bench/run.sh`) runs everything below in one go on one
machine and rewrites this file; `bench/run.py --smoke` is the seconds-long
version CI runs. Every figure in a table comes from the same run, so compare
ratios, not absolute numbers across machines.

Run of {results['started']} on {m['cpus']} CPUs ({m['cpu']}), Linux {m['kernel']}.
Load generator, upstream and gateway share the machine.

## Setup

- **Upstream**: nginx (one worker) answers every `POST /v1/chat/completions`
  with a canned `chat.completion`; its `stub_status` counts what arrived.
  Streams come from `bench-sse-upstream` (one epoll thread), which sends SSE
  tokens at a set rate followed by usage and `[DONE]`.
- **direct**: the client calls the upstream itself: the baseline.
- **literllm**: `literllm-server` (release build), called over gRPC.
- **Peers**: called over HTTP/1.1 with the same ~1 KB request
  (see `bench/peers/README.md` for versions and settings).
{skipped}- **Load**: h2load (one thread, one request in flight per connection) for
  unary calls; `bench-client` for streams.

## Unary calls

About {s['throughput_seconds']} s of requests at 64 concurrent (sized from a
{s['probe_requests']:,}-request warm-up), then {s['latency_requests']:,} requests one at a time.

{unary_table(results)}

![throughput](throughput.svg)

![added latency](added_latency.svg)

Every request was checked: literllm finished {v.get('calls_ok', 0):,} chat calls
with status OK and {v.get('calls_failed', 0)} with another status, and nginx
answered {v.get('upstream_requests', 0):,} requests from it.

## Streams

Time to first token over {s['ttft_streams']} streams, 8 at a time, each 20
tokens 10 ms apart (after a warm-up round); relay rate over {s['relay_streams']} concurrent streams of
{s['relay_tokens']:,} tokens sent as fast as the socket takes them.

{stream_table(results)}

## Many slow streams

All streams open at once, each sending 5 tokens 2 s apart; RSS and thread
count sampled when every stream has received its first token (after a warm-up
round of 500).

{hold_table(results)}

## Optimisation log

{LOG_MARKER}{log}"""
    target.write_text(text if log else text + "\n")
