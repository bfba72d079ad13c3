"""The processes a benchmark run starts: upstreams and gateways.

Each is a context manager that starts its process on 127.0.0.1 and stops it
on exit. A gateway knows how h2load and bench-client must call it.
"""
import json
import os
import pathlib
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
PEERS = ROOT / "bench" / "peers"
UPSTREAM_CONF = ROOT / "bench" / "upstream" / "nginx.conf.in"
KEY = "sk-bench-not-a-real-key"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, seconds=60, process=None):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port} after {seconds}s")


def process_tree_cpu_seconds(pid):
    """User+system CPU of a process and its descendants."""
    total, ticks = 0.0, os.sysconf("SC_CLK_TCK")
    pending = [pid]
    while pending:
        p = pending.pop()
        try:
            fields = pathlib.Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
            children = pathlib.Path(f"/proc/{p}/task/{p}/children").read_text().split()
            pending += [int(c) for c in children]
        except (FileNotFoundError, ProcessLookupError, IndexError):
            pass
    return total


class Process:
    """A child process whose output goes to a log file."""

    def __init__(self, argv, log, env=None):
        self.log = log
        self.proc = subprocess.Popen(argv, stdout=open(log, "w"), stderr=subprocess.STDOUT,
                                     env={**os.environ, **(env or {})},
                                     start_new_session=True)

    @property
    def pid(self):
        return self.proc.pid

    def stop(self, sig=signal.SIGTERM, seconds=30):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(seconds)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        return self.proc.returncode


class Nginx:
    """Canned chat.completion answers; stub_status counts what arrived."""

    def __init__(self, work):
        self.dir = pathlib.Path(work) / "nginx"
        self.port = free_port()
        self.status_calls = 0

    def __enter__(self):
        self.dir.mkdir(parents=True, exist_ok=True)
        conf = UPSTREAM_CONF.read_text().replace("@PORT@", str(self.port)).replace(
            "@DIR@", str(self.dir))
        (self.dir / "nginx.conf").write_text(conf)
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self.process = Process([nginx, "-p", str(self.dir), "-c", str(self.dir / "nginx.conf")],
                               self.dir / "nginx.log")
        wait_for_port(self.port, process=self.process.proc)
        return self

    def __exit__(self, *exc):
        self.process.stop(signal.SIGQUIT)

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}/v1"

    def requests_served(self):
        """Requests nginx answered, not counting these status look-ups."""
        text = urllib.request.urlopen(f"http://127.0.0.1:{self.port}/nginx_status").read().decode()
        self.status_calls += 1
        return int(text.splitlines()[2].split()[2]) - self.status_calls


class SseUpstream:
    """bench-sse-upstream: streams `tokens` chunks, one every `interval_ms`."""

    def __init__(self, build, work, tokens, interval_ms):
        self.argv = [str(pathlib.Path(build) / "bench" / "bench-sse-upstream"),
                     f"--tokens={tokens}", f"--interval_ms={interval_ms}"]
        self.log = pathlib.Path(work) / f"sse-upstream-{tokens}-{interval_ms}.log"

    def __enter__(self):
        self.process = Process(self.argv, self.log)
        deadline = time.time() + 10
        while time.time() < deadline and "port" not in self.log.read_text():
            time.sleep(0.05)
        self.port = int(self.log.read_text().split()[1])
        return self

    def __exit__(self, *exc):
        self.process.stop()

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}/v1"

    def requests_served(self):
        return 0


class Gateway:
    """Something h2load and bench-client call: see `request`, `stream_target`."""
    name = "?"
    pid = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        pass

    def cpu_seconds(self):
        return process_tree_cpu_seconds(self.pid) if self.pid else 0.0


class Direct(Gateway):
    """No gateway: the client calls the upstream itself (the baseline)."""
    name = "direct"

    def __init__(self, upstream, work):
        self.upstream = upstream
        self.request = dict(url=f"{upstream.base_url}/chat/completions", h1=True,
                            headers=["content-type: application/json"],
                            body=load_body(work, "json", "gpt-4o"))
        self.stream_target = dict(url=f"{upstream.base_url}/chat/completions", headers=[],
                                  model="gpt-4o")


class Literllm(Gateway):
    """literllm-server called over gRPC, its HTTP front (in builds that have
    one) turned off so it runs as it did before there was one."""
    name = "literllm"
    flags = ["--listen=127.0.0.1:0"]

    def __init__(self, build, upstream, work):
        self.upstream = upstream
        self.binary = pathlib.Path(build) / "service" / "literllm-server"
        self.log = pathlib.Path(work) / f"{self.name}-{upstream.port}.log"
        self.call_tally = {}
        self.extra_env = {}
        self.work = pathlib.Path(work)
        self.body = self.request_body()

    def request_body(self):
        return load_body(self.work, "grpc", "openai/gpt-4o")

    def server_flags(self):
        # The HTTP front listens on 0.0.0.0:8080 unless told otherwise; empty
        # turns it off. Older builds have no such flag, and ignore the variable.
        return self.flags + (["--http_listen="] if http_front_supported(self.binary) else [])

    def __enter__(self):
        self.process = Process([str(self.binary)] + self.server_flags(), self.log,
                               env={"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": upstream_url(self),
                                    "LITERLLM_HTTP_LISTEN": "", **self.extra_env})
        deadline = time.time() + 20
        ports = None
        while ports is None and time.time() < deadline:
            if self.process.proc.poll() is not None:
                break
            ports = self.listening_ports(self.log.read_text()) or time.sleep(0.05)
        if ports is None:
            raise RuntimeError(f"{self.binary.name} {' '.join(self.server_flags())} did not "
                               f"start; see {self.log}: {self.log.read_text()[-300:]}")
        self.pid = self.process.pid
        self.targets(*ports)
        return self

    @staticmethod
    def listening_ports(log_text):
        match = re.search(r'"msg":"listening".*"port":"(\d+)"', log_text)
        return (int(match.group(1)),) if match else None

    def targets(self, port):
        url = f"http://127.0.0.1:{port}"
        self.request = dict(url=f"{url}/literllm.v1.LlmService/Chat", h1=False,
                            headers=["content-type: application/grpc", "te: trailers"],
                            body=self.body)
        self.stream_target = dict(url=f"grpc://127.0.0.1:{port}", headers=[],
                                  model="openai/gpt-4o")

    def __exit__(self, *exc):
        code = self.process.stop()
        match = re.search(r'"chat_calls":"([^"]*)"', self.log.read_text())
        tally = dict(kv.split("=") for kv in match.group(1).split() if "=" in kv) if match else {}
        self.call_tally = {"exit_code": code, "calls_ok": int(tally.pop("OK", 0)),
                           "calls_failed": sum(int(v) for v in tally.values()),
                           "failed_by_code": tally}


class LiterllmHttp(Literllm):
    """The same literllm-server called over its OpenAI-compatible HTTP/1.1
    front (--http_listen), exactly as the peers are called."""
    name = "literllm-http"
    flags = ["--listen=127.0.0.1:0", "--http_listen=127.0.0.1:0"]
    path = "/v1/chat/completions"
    model = "openai/gpt-4o"

    def server_flags(self):
        return self.flags

    def request_body(self):
        return load_body(self.work, "json", self.model)

    @staticmethod
    def listening_ports(log_text):
        for line in log_text.splitlines():
            if '"msg":"listening"' in line:
                match = re.search(r'"http_port":"(\d+)"', line)
                if match:
                    return (int(match.group(1)),)
        return None

    def targets(self, http_port):
        self.http_port = http_port
        url = f"http://127.0.0.1:{http_port}{self.path}"
        self.request = dict(url=url, h1=True, headers=["content-type: application/json"],
                            body=self.body)
        self.stream_target = dict(url=url, headers=[], model=self.model)


class LiterllmAnthropic(LiterllmHttp):
    """The same server over its Anthropic-compatible front: POST /v1/messages
    with an Anthropic body (~1 KB), to the same OpenAI upstream, so the row
    shows what translating Anthropic's shape costs over the OpenAI front.
    Unary only: the stream tools speak OpenAI's chunks."""
    name = "literllm-anthropic"
    path = "/v1/messages"

    def request_body(self):
        path = self.work / "body-anthropic.json"
        if not path.exists():
            path.write_text(json.dumps({
                "model": self.model, "max_tokens": 256,
                "messages": [{"role": "user", "content": "Hello! " * 140}]}))
        return path

    def targets(self, http_port):
        super().targets(http_port)
        # bench/lib/check.py reads OpenAI answers.
        self.request["check"] = False


_http_front = {}


def http_front_supported(binary):
    """Whether a literllm-server binary (or the one in a build directory) has
    the HTTP front, i.e. knows --http_listen."""
    binary = pathlib.Path(binary)
    if binary.is_dir():
        binary = binary / "service" / "literllm-server"
    try:
        key = (binary.resolve(), binary.stat().st_mtime_ns)
    except OSError:
        return False
    if key not in _http_front:
        try:
            out = subprocess.run([str(binary), "--helpfull"], capture_output=True, text=True,
                                 timeout=30)
            _http_front[key] = "http_listen" in out.stdout + out.stderr
        except (OSError, subprocess.TimeoutExpired):
            return False
    return _http_front[key]


class Peer(Gateway):
    """A peer gateway run by bench/peers/start.sh (see bench/peers/README.md)."""

    def __init__(self, name, upstream, work):
        self.name = name
        self.upstream = upstream
        self.work = pathlib.Path(work)
        self.port = free_port()

    def __enter__(self):
        self.process = Process([str(PEERS / "start.sh"), self.name, str(self.port),
                                str(self.upstream.port)],
                               self.work / f"{self.name}-{self.upstream.port}.log")
        self.pid = self.process.pid
        wait_for_port(self.port, seconds=120, process=self.process.proc)
        lines = subprocess.run([str(PEERS / "request.sh"), self.name, str(self.port)],
                               check=True, capture_output=True, text=True).stdout.splitlines()
        spec = {"HEADER": []}
        for line in lines:
            kind, _, value = line.partition(" ")
            if kind == "HEADER":
                spec["HEADER"].append(value)
            else:
                spec[kind] = value
        url = f"http://127.0.0.1:{self.port}{spec['PATH']}"
        self.request = dict(url=url, h1=True,
                            headers=["content-type: application/json"] + spec["HEADER"],
                            body=load_body(self.work, "json", spec["MODEL"]))
        self.stream_target = dict(url=url, headers=spec["HEADER"], model=spec["MODEL"])
        return self

    def __exit__(self, *exc):
        self.process.stop()


def upstream_url(gateway):
    return gateway.upstream.base_url


def load_body(work, fmt, model):
    from lib import load  # late: load imports nothing from here
    return load.body(work, fmt, model)


# What bench/peers/install.sh leaves behind for each peer it installed.
PEER_INSTALLS = {
    "portkey": PEERS / ".work" / "portkey" / ".installed",
    "litellm": PEERS / ".work" / "litellm-venv" / "bin" / "litellm",
    "bifrost": PEERS / ".work" / "bin" / "bifrost-http",
}


def peer_installed(name):
    return PEER_INSTALLS.get(name, PEERS / "missing").exists()


def all_gateways(build, peers, upstream, work, skipped, http_front=False,
                 anthropic=False):
    """Direct first (the baseline), then literllm over gRPC, then (with
    http_front) literllm over HTTP (and with anthropic, over its Anthropic
    front too), then each installed peer."""
    yield Direct(upstream, work)
    yield Literllm(build, upstream, work)
    if http_front:
        yield LiterllmHttp(build, upstream, work)
    if http_front and anthropic:
        yield LiterllmAnthropic(build, upstream, work)
    for name in peers:
        if not peer_installed(name):
            skipped[name] = "not installed (bench/peers/install.sh; see bench/peers/README.md)"
            continue
        yield Peer(name, upstream, work)


def same_kind(gateway, build, upstream, work):
    """A gateway like `gateway`, in front of another upstream."""
    gateway = getattr(gateway, "gateway", gateway)
    if isinstance(gateway, Literllm):
        return type(gateway)(build, upstream, work)
    if isinstance(gateway, Peer):
        return Peer(gateway.name, upstream, work)
    return Direct(upstream, work)


class Started:
    """A gateway that is already running: `with` only stops it."""

    def __init__(self, gateway):
        self.gateway = gateway

    def __getattr__(self, name):
        return getattr(self.gateway, name)

    def __enter__(self):
        return self.gateway

    def __exit__(self, *exc):
        self.gateway.__exit__(*exc)
