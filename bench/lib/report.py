"""Turns results.json into the Markdown report and its SVG chart."""
import pathlib
import textwrap

LOG_MARKER = "<!-- optimisation log: kept across runs -->"


def _by_name(rows):
    return {r["name"]: r for r in rows}


def _ratio(a, b):
    return f"{a / b:.1f}×" if a and b else "n/a"


# Display names of the peers, in the order the ratio lines list them.
PEER_NAMES = {"bifrost": "Bifrost", "portkey": "Portkey", "litellm": "LiteLLM"}
# literllm's own targets, compared with every peer.
LITERLLM_TARGETS = ("literllm", "literllm-http")


def _better(ours, theirs, higher_is_better, floor=0.0):
    """How many times better `ours` is than `theirs` (> 1: ours is better)."""
    if ours is None or theirs is None:
        return "n/a"
    if higher_is_better:
        return _ratio(ours, theirs)
    if ours <= floor or theirs <= floor:
        return "n/a"
    return _ratio(theirs, ours)


def ratio_table(results):
    """One line per (literllm target, peer) measured in this run."""
    unary, streams = _by_name(results["unary"]), _by_name(results["streams"])
    hold = _by_name(results["hold"])
    direct_u, direct_s = unary.get("direct"), streams.get("direct")

    def added_p50(name):
        r = unary.get(name)
        return r["p50_ms"] - direct_u["p50_ms"] if r and direct_u else None

    def added_ttft(name):
        r = streams.get(name)
        return r["ttft_p50_ms"] - direct_s["ttft_p50_ms"] if r and direct_s else None

    def field(rows, name, key):
        value = (rows.get(name) or {}).get(key)
        return value if value is None or value >= 0 else None

    lines = ["| comparison | req/s (c=64) | added p50 latency (c=1) | CPU per request "
             "| added TTFT p50 | chunks/s relayed | RSS, slow streams all open |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for ours in LITERLLM_TARGETS:
        if ours not in unary and ours not in streams and ours not in hold:
            continue
        for peer, label in PEER_NAMES.items():
            if peer not in unary and peer not in streams and peer not in hold:
                continue
            cells = [
                _better(field(unary, ours, "rps"), field(unary, peer, "rps"), True),
                # Added times below 5 µs are within noise: no ratio.
                _better(added_p50(ours), added_p50(peer), False, floor=0.005),
                _better(field(unary, ours, "cpu_us_per_request"),
                        field(unary, peer, "cpu_us_per_request"), False),
                _better(added_ttft(ours), added_ttft(peer), False, floor=0.005),
                _better(field(streams, ours, "chunks_per_s"),
                        field(streams, peer, "chunks_per_s"), True),
                _better(field(hold, ours, "rss_kib_peak"), field(hold, peer, "rss_kib_peak"),
                        False),
            ]
            lines.append(f"| {ours} vs {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines) if len(lines) > 2 else ""


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
        color = {"literllm": "#2b7bb9", "literllm-http": "#5aa0d6"}.get(label, "#9aa5b1")
        parts += [f'<text x="10" y="{y + 16}">{label}</text>',
                  f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar}" fill="{color}"/>',
                  f'<text x="{left + w + 6:.1f}" y="{y + 16}">{value:,.1f} {unit}</text>']
    parts.append("</svg>")
    pathlib.Path(path).write_text("\n".join(parts) + "\n")


# Targets whose failures fail the run; REQUIRED ones stop it at once (every
# ratio is taken to them); TALLIED ones log the calls they finished.
OURS = ("direct", "literllm", "literllm-http")
REQUIRED = ("direct", "literllm")
TALLIED = ("literllm", "literllm-http")


def failures(results):
    """Lost or failed requests of literllm (either front) or the baseline, and
    answers of theirs not shaped like OpenAI's. Peers' failures are their own
    results: they show in the report, they do not fail the run."""
    problems = []
    expected = ["direct", "literllm"] + (["literllm-http"] if results.get("http_front") else [])
    for phase in ("unary", "streams", "hold"):
        measured = {r["name"] for r in results[phase]}
        for name in expected:
            if name not in measured:
                why = "; ".join(f"{k}: {v}" for k, v in results["skipped"].items()
                                if k.split(" ")[0] == name) or "?"
                problems.append(f"{name}: no {phase} result ({why})")
    for r in (r for r in results["unary"] + results["streams"] if r["name"] in OURS):
        for shape in r.get("shape_problems") or []:
            problems.append(f"{r['name']}: {shape}")
    for r in (r for r in results["unary"] if r["name"] in OURS):
        if r["failed"]:
            problems.append(f"{r['name']}: {r['failed']} unary requests failed")
        if r["succeeded"] != r["upstream_requests"]:
            problems.append(f"{r['name']}: {r['succeeded']} requests succeeded but the "
                            f"upstream saw {r['upstream_requests']}")
    for name, v in (results.get("verification") or {}).items():
        if v.get("calls_failed") or v.get("calls_ok") != v.get("upstream_requests"):
            problems.append(f"{name} call tally does not match the upstream: {v}")
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
    before, after = results.get("server_binary"), results.get("server_binary_at_end")
    if before != after:
        skipped += (f"- **Warning**: `literllm-server` was rebuilt during this run "
                    f"({(before or {}).get('modified')} → {(after or {}).get('modified')}); "
                    f"its rows may come from different builds.\n")
    tallies = results.get("verification") or {}
    checked = (textwrap.fill(
        "Every request was checked: the chat calls each literllm target logged as "
        "finished (with status OK or another), the successes h2load counted, and "
        "the requests nginx answered:", 78) + "\n\n"
               "| target | calls OK | calls not OK | h2load successes | nginx answered |\n"
               "|---|---:|---:|---:|---:|\n" + "".join(
                   f"| {name} | {v.get('calls_ok', 0):,} | {v.get('calls_failed', 0):,} "
                   f"| {v.get('requests_succeeded', 0):,} | {v.get('upstream_requests', 0):,} |\n"
                   for name, v in tallies.items())) if tallies else ""
    shapes = "".join(f"- **{r['name']}** ({phase}): {'; '.join(r['shape_problems'])}\n"
                     for phase in ("unary", "streams") for r in results[phase]
                     if r.get("shape_problems"))
    shape_text = textwrap.fill(
        "Besides the load, one request and one stream per HTTP target were checked in "
        "full against OpenAI's shape (status, `Content-Type`, `chat.completion` body "
        "with the upstream's content; `data:` events of `chat.completion.chunk`, all "
        "tokens, usage, a final `data: [DONE]`): "
        + ("every answer was as expected." if not shapes else "these differed:"),
        78) + ("\n" if not shapes else "\n\n" + shapes)
    hold_note = ""
    if s.get("hold_streams_http", s["hold_streams"]) < s["hold_streams"]:
        hold_note = "\n" + textwrap.fill(
            f"A gateway called over HTTP/1.1 holds a client and an upstream connection "
            f"per stream, two file descriptors, and this machine allows "
            f"{s['fd_limit']:,} per process, so those gateways (literllm-http and "
            f"the peers) were given {s['hold_streams_http']:,} streams, not "
            f"{s['hold_streams']:,} (with {s['hold_streams']:,}, a gateway that opens "
            f"an upstream connection per stream runs out of descriptors and fails "
            f"some streams). literllm over gRPC carries all its streams on one "
            f"client connection.", 78) + "\n"
    ratios = ratio_table(results)
    ratio_text = f"""
## Ratios

Each cell is how many times better literllm is than the peer (above 1:
literllm is better): its requests/s or chunks/s ÷ the peer's; the peer's added
latency, CPU time per request or memory ÷ literllm's. From the tables above;
n/a where either side has no figure (or an added time under 5 µs).

{ratios}
""" if ratios else ""
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
- **literllm-http**: the same server started with `--http_listen`, called
  over its OpenAI-compatible HTTP/1.1 front (`POST /v1/chat/completions`,
  model `openai/gpt-4o`) exactly as the peers are.
- **Peers**: called over HTTP/1.1 with the same ~1 KB request
  (see `bench/peers/README.md` for versions and settings).
{skipped}- **Load**: h2load (one thread, one request in flight per connection;
  `--h1` for every HTTP target) for unary calls; `bench-client` for streams
  (gRPC for literllm, SSE over HTTP/1.1 for the others).

## Unary calls

About {s['throughput_seconds']} s of requests at 64 concurrent (sized from a
{s['probe_requests']:,}-request warm-up), then {s['latency_requests']:,} requests one at a time.

{unary_table(results)}

![throughput](throughput.svg)

![added latency](added_latency.svg)

{checked}
{shape_text}
## Streams

Time to first token over {s['ttft_streams']} streams, 8 at a time, each 20
tokens 10 ms apart (after a warm-up round); relay rate over {s['relay_streams']} concurrent streams of
{s['relay_tokens']:,} tokens sent as fast as the socket takes them.

{stream_table(results)}

## Many slow streams

All streams open at once, each sending 5 tokens 2 s apart; RSS and thread
count sampled when every stream has received its first token (after a warm-up
round of 500).
{hold_note}
{hold_table(results)}
{ratio_text}
## Optimisation log

{LOG_MARKER}{log}"""
    target.write_text(text if log else text + "\n")
