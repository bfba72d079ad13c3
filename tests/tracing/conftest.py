"""Fixtures for the trace tests: a real OTLP/HTTP receiver, fake-openai and
literllm-server processes started with OTEL_* variables.

Every export is decoded with the official opentelemetry-proto package; one
that does not decode fails the test. Nothing here skips.
"""
import http.server
import json
import os
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request

import pytest
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2


def _value(any_value):
    """An OTLP AnyValue as a Python value."""
    kind = any_value.WhichOneof("value")
    if kind == "array_value":
        return [_value(v) for v in any_value.array_value.values]
    return getattr(any_value, kind) if kind else None


class ExportedSpan:
    """One decoded span with its resource and scope."""

    def __init__(self, span, resource, scope):
        self.span = span
        self.resource = {kv.key: _value(kv.value) for kv in resource.attributes}
        self.scope = scope
        self.attributes = {kv.key: _value(kv.value) for kv in span.attributes}

    def __getattr__(self, name):
        return getattr(self.span, name)

    @property
    def trace_id_hex(self):
        return self.span.trace_id.hex()

    @property
    def span_id_hex(self):
        return self.span.span_id.hex()

    @property
    def parent_id_hex(self):
        return self.span.parent_span_id.hex()


class OtlpReceiver:
    """An OTLP/HTTP trace receiver on 127.0.0.1: POST /v1/traces, protobuf.

    `stall` makes it read requests and never answer (until it stops)."""

    def __init__(self, stall=False):
        self.requests = []  # (headers, ExportTraceServiceRequest)
        self.errors = []
        self.stall = stall
        self._stop = threading.Event()
        self._lock = threading.Lock()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                if receiver.stall:
                    receiver._stop.wait(60)
                    return
                request = trace_service_pb2.ExportTraceServiceRequest()
                try:
                    if self.path != "/v1/traces":
                        raise ValueError(f"unexpected path {self.path}")
                    request.ParseFromString(body)
                except Exception as e:  # a malformed export fails the test
                    with receiver._lock:
                        receiver.errors.append(repr(e))
                    self.send_response(400)
                    self.send_header("content-length", "0")
                    self.end_headers()
                    return
                with receiver._lock:
                    receiver.requests.append((dict(self.headers.items()), request))
                answer = trace_service_pb2.ExportTraceServiceResponse()
                payload = answer.SerializeToString()
                self.send_response(200)
                self.send_header("content-type", "application/x-protobuf")
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"

    def export_requests(self):
        with self._lock:
            return list(self.requests)

    def spans(self):
        out = []
        for _, request in self.export_requests():
            for rs in request.resource_spans:
                for ss in rs.scope_spans:
                    out.extend(ExportedSpan(s, rs.resource, ss.scope) for s in ss.spans)
        return out

    def spans_of(self, trace_id, count, timeout=10):
        """The spans of `trace_id`, once at least `count` arrived."""
        deadline = time.monotonic() + timeout
        while True:
            found = [s for s in self.spans() if s.trace_id_hex == trace_id]
            if len(found) >= count or time.monotonic() > deadline:
                return found
            time.sleep(0.05)

    def close(self):
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()


class FakeOpenAi:
    """tests/e2e's fake-openai; records the traceparent of each request."""

    def __init__(self, binary):
        self._process = subprocess.Popen([binary], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, text=True)
        first = self._process.stdout.readline().split()
        assert first[:1] == ["port"], f"fake-openai said {first!r}"
        self.port = int(first[1])
        self._lines = []
        self._lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self._process.stdout:
            with self._lock:
                self._lines.append(line.split())

    def traceparents(self, trace_id, count=1, timeout=5):
        """Values sent upstream in trace `trace_id`, once `count` arrived."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                found = [l[2] for l in self._lines
                         if l[:1] == ["traceparent"] and len(l) == 3
                         and l[2].split("-")[1] == trace_id]
            if len(found) >= count or time.monotonic() > deadline:
                return found
            time.sleep(0.02)

    def close(self):
        self._process.stdin.close()
        self._process.wait(timeout=10)


class Gateway:
    """literllm-server in front of the fake, with `otel` variables."""

    def __init__(self, binary, fake_port, otel):
        self._log = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)
        env = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
        env.update({
            "OPENAI_API_KEY": "sk-tracing-tests-NeverLeak0123456789",
            "OPENAI_BASE_URL": f"http://127.0.0.1:{fake_port}/v1",
        })
        env.update(otel)
        self._process = subprocess.Popen(
            [binary, "--listen=127.0.0.1:0", "--http_listen=127.0.0.1:0"],
            env=env, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 10
        listening = None
        while listening is None and time.monotonic() < deadline:
            listening = next((l for l in self.log_lines() if l.get("msg") == "listening"), None)
            if listening is None:
                assert self._process.poll() is None, self.log_text()
                time.sleep(0.05)
        assert listening is not None, "literllm-server did not start:\n" + self.log_text()
        self.port = int(listening["port"])
        self.http_port = int(listening["http_port"])
        self.base_url = f"http://127.0.0.1:{self.http_port}/v1"
        self.fake_port = fake_port

    def log_text(self):
        with open(self._log.name) as f:
            return f.read()

    def log_lines(self):
        lines = []
        for line in self.log_text().splitlines():
            try:
                lines.append(json.loads(line))
            except ValueError:
                pass
        return lines

    def chat(self, body, headers=None, timeout=30):
        """POST /v1/chat/completions: (HTTP status, raw body, seconds taken)."""
        request = urllib.request.Request(
            self.base_url + "/chat/completions", data=json.dumps(body).encode(),
            headers={"content-type": "application/json", **(headers or {})})
        start = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.read().decode(), time.monotonic() - start
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode(), time.monotonic() - start

    def stop(self, timeout=30):
        """SIGTERM, then the log lines; the server must exit 0."""
        self._process.send_signal(signal.SIGTERM)
        code = self._process.wait(timeout=timeout)
        assert code == 0, self.log_text()
        return self.log_lines()

    def kill(self):
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        os.unlink(self._log.name)


def free_port():
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def binaries():
    server = os.environ.get("LITERLLM_SERVER_BIN")
    fake = os.environ.get("FAKE_OPENAI_BIN")
    if not server or not fake:
        pytest.fail("LITERLLM_SERVER_BIN and FAKE_OPENAI_BIN must be set "
                    "(run through tests/tracing/run_test.sh)", pytrace=False)
    return server, fake


@pytest.fixture(scope="session")
def fake(binaries):
    f = FakeOpenAi(binaries[1])
    yield f
    f.close()


@pytest.fixture
def start_gateway(binaries, fake):
    """Starts a gateway with OTEL_* `otel`; every one is killed at the end."""
    started = []

    def start(otel):
        g = Gateway(binaries[0], fake.port, otel)
        started.append(g)
        return g

    yield start
    for g in started:
        g.kill()


@pytest.fixture
def receiver():
    r = OtlpReceiver()
    yield r
    r.close()
    assert not r.errors, r.errors
