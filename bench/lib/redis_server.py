"""redis-server on a free loopback port, for benchmarks of what Redis backs."""
import shutil
import subprocess
import tempfile
import time

from . import gateways


class Redis:
    """redis-server on a free loopback port, without persistence."""

    def __enter__(self):
        self.port = gateways.free_port()
        self.dir = tempfile.mkdtemp(prefix="literllm-bench-redis-")
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", self.dir],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(200):
            if subprocess.run(["redis-cli", "-p", str(self.port), "ping"],
                              capture_output=True, text=True).stdout.strip() == "PONG":
                return self
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def __exit__(self, *exc):
        self.proc.kill()
        self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)

    def cpu_seconds(self):
        return gateways.process_tree_cpu_seconds(self.proc.pid)

    def command_stats(self):
        """Redis's own time per command: {command: (calls, µs per call)}."""
        out = subprocess.run(["redis-cli", "-p", str(self.port), "info", "commandstats"],
                             capture_output=True, text=True).stdout
        stats = {}
        for line in out.splitlines():
            if line.startswith("cmdstat_"):
                name, fields = line[len("cmdstat_"):].split(":", 1)
                values = dict(f.split("=") for f in fields.split(","))
                stats[name] = (int(values["calls"]), float(values["usec_per_call"]))
        return stats

    def keys(self):
        out = subprocess.run(["redis-cli", "-p", str(self.port), "--scan"],
                             capture_output=True, text=True).stdout
        return [k for k in out.split() if k]
