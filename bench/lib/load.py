"""Load generators: h2load for unary calls, bench-client for streams."""
import json
import os
import pathlib
import platform
import re
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
BUILD = ROOT / "build" / "release"


def body(work, fmt, model):
    """A ~1 KB chat request for `model`, as JSON or as a framed gRPC message."""
    path = pathlib.Path(work) / f"body-{fmt}-{model.replace('/', '_')}.bin"
    if not path.exists():
        subprocess.run([str(BUILD / "bench" / "bench-client"), "body", f"--format={fmt}",
                        f"--model={model}", "--bytes=1024", f"--out={path}"], check=True)
    return path


def percentile(values, p):
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(p * len(values)))]


def h2load(request, concurrency, requests, log_file=None):
    """Runs h2load; returns req/s, counts and (with log_file) latency percentiles."""
    argv = ["h2load", "-c", str(concurrency), "-m", "1", "-t", "1",
            "-d", str(request["body"])]
    if request["h1"]:
        argv.append("--h1")
    for header in request["headers"]:
        argv += ["-H", header]
    argv += ["-n", str(requests)]
    if log_file:
        argv += ["--log-file", str(log_file)]
    argv.append(request["url"])
    out = subprocess.run(argv, capture_output=True, text=True, timeout=600).stdout
    finished = re.search(r"finished in ([\d.]+)(m?s), ([\d.]+) req/s", out)
    counts = re.search(r"requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, "
                       r"(\d+) failed, (\d+) errored", out)
    codes = re.search(r"status codes: (\d+) 2xx", out)
    if not finished or not counts:
        raise RuntimeError(f"h2load output not understood:\n{out}")
    result = {"rps": float(finished.group(3)), "succeeded": int(codes.group(1)),
              "failed": int(counts.group(1)) - int(codes.group(1))}
    if log_file:
        # Columns: start time (µs), status, elapsed (µs).
        elapsed = [int(line.split()[2]) / 1000 for line in open(log_file) if line.strip()]
        result["p50_ms"] = percentile(elapsed, 0.50)
        result["p99_ms"] = percentile(elapsed, 0.99)
    return result


def streams(target, streams, concurrency, pid=None):
    """Runs bench-client streams; returns its JSON summary."""
    argv = [str(BUILD / "bench" / "bench-client"), "streams", f"--target={target['url']}",
            f"--model={target['model']}", f"--streams={streams}",
            f"--concurrency={concurrency}"]
    argv += [f"--header={h}" for h in target["headers"]]
    if pid:
        argv.append(f"--pid={pid}")
    out = subprocess.run(argv, capture_output=True, text=True, timeout=900)
    lines = [l for l in out.stdout.splitlines() if l.startswith("{")]
    if not lines:
        raise RuntimeError(f"bench-client failed:\n{out.stdout}\n{out.stderr}")
    return json.loads(lines[-1])


def machine():
    model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo")
                  if l.startswith("model name")), "?")
    return {"cpus": os.cpu_count(), "cpu": model, "kernel": platform.release()}
