"""OpenTelemetry traces end to end: literllm-server exports GenAI spans over
OTLP/HTTP to a receiver this test runs, decoded with opentelemetry-proto."""
import json
import os
import secrets
import subprocess
import time

from opentelemetry.proto.trace.v1 import trace_pb2

from conftest import OtlpReceiver, free_port

SERVER = trace_pb2.Span.SPAN_KIND_SERVER
CLIENT = trace_pb2.Span.SPAN_KIND_CLIENT
ERROR = trace_pb2.Status.STATUS_CODE_ERROR
UNSET = trace_pb2.Status.STATUS_CODE_UNSET
REMOTE_PARENT = (trace_pb2.SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE_MASK
                 | trace_pb2.SPAN_FLAGS_CONTEXT_IS_REMOTE_MASK)

MESSAGES = [{"role": "user", "content": "Hello!"}]


def caller_context(sampled=True):
    """A caller's trace id, span id and traceparent header value."""
    trace_id, span_id = secrets.token_hex(16), secrets.token_hex(8)
    return trace_id, span_id, f"00-{trace_id}-{span_id}-{'01' if sampled else '00'}"


def otel(receiver, **extra):
    settings = {
        "OTEL_EXPORTER_OTLP_ENDPOINT": receiver.endpoint,
        "OTEL_BSP_SCHEDULE_DELAY": "100",
        "OTEL_SERVICE_NAME": "literllm-tracing-test",
        "OTEL_RESOURCE_ATTRIBUTES": "deployment.environment=test,team=a%20b",
        "OTEL_EXPORTER_OTLP_HEADERS": "authorization=Bearer%20otlp-secret-Zq81",
    }
    settings.update(extra)
    return settings


def by_kind(spans, kind):
    return [s for s in spans if s.kind == kind]


def test_unary_call_is_a_server_span_under_the_callers_span(start_gateway, receiver, fake):
    gateway = start_gateway(otel(
        receiver, OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT="true"))
    trace_id, caller_span, traceparent = caller_context()
    status, body, _ = gateway.chat(
        {"model": "openai/gpt-4o", "messages": MESSAGES, "temperature": 0.5,
         "max_tokens": 50, "seed": 3, "stop": ["END"]},
        headers={"traceparent": traceparent, "tracestate": "vendor=t61rcWkgMzE"})
    assert status == 200, body
    answer = json.loads(body)
    spans = receiver.spans_of(trace_id, 2)
    assert len(spans) == 2, [s.name for s in spans]
    [server] = by_kind(spans, SERVER)
    [client] = by_kind(spans, CLIENT)

    assert server.name == "chat openai/gpt-4o"
    assert server.parent_id_hex == caller_span
    assert server.trace_state == "vendor=t61rcWkgMzE"
    assert server.flags & 0xff == 1
    assert server.flags & REMOTE_PARENT == REMOTE_PARENT
    assert server.end_time_unix_nano > server.start_time_unix_nano
    assert server.status.code == UNSET
    a = server.attributes
    assert a["gen_ai.operation.name"] == "chat"
    assert a["gen_ai.provider.name"] == "openai"
    assert a["gen_ai.request.model"] == "openai/gpt-4o"
    assert a["gen_ai.response.model"] == answer["model"]
    assert a["gen_ai.response.id"] == answer["id"]
    assert a["gen_ai.response.finish_reasons"] == ["stop"]
    assert a["gen_ai.usage.input_tokens"] == answer["usage"]["prompt_tokens"]
    assert a["gen_ai.usage.output_tokens"] == answer["usage"]["completion_tokens"]
    assert a["gen_ai.usage.cost"] > 0
    assert a["gen_ai.request.temperature"] == 0.5
    assert a["gen_ai.request.max_tokens"] == 50
    assert a["gen_ai.request.seed"] == 3
    assert a["gen_ai.request.stop_sequences"] == ["END"]
    assert "gen_ai.request.top_p" not in a  # not set, not recorded
    assert a["server.address"] == "127.0.0.1"
    assert a["server.port"] == fake.port
    assert a["literllm.front"] == "openai"
    assert a["literllm.stream"] is False
    assert "gen_ai.response.time_to_first_chunk" not in a
    # Content capture is on for this gateway.
    assert json.loads(a["gen_ai.input.messages"]) == [
        {"role": "user", "parts": [{"type": "text", "content": "Hello!"}]}]
    output = json.loads(a["gen_ai.output.messages"])
    assert output[0]["parts"][0]["content"] == answer["choices"][0]["message"]["content"]

    assert client.name == "chat gpt-4o"
    assert client.parent_id_hex == server.span_id_hex
    assert client.flags & REMOTE_PARENT == trace_pb2.SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE_MASK
    c = client.attributes
    assert c["http.request.method"] == "POST"
    assert c["http.response.status_code"] == 200
    assert c["server.address"] == "127.0.0.1"
    assert c["server.port"] == fake.port
    assert c["literllm.attempt"] == 1
    assert c["gen_ai.provider.name"] == "openai"
    assert server.start_time_unix_nano <= client.start_time_unix_nano
    assert client.end_time_unix_nano <= server.end_time_unix_nano

    # The provider saw the CLIENT span as its parent, in the caller's trace.
    assert fake.traceparents(trace_id) == [f"00-{trace_id}-{client.span_id_hex}-01"]

    # Who sent them, and how.
    assert server.resource["service.name"] == "literllm-tracing-test"
    assert server.resource["deployment.environment"] == "test"
    assert server.resource["team"] == "a b"
    assert server.resource["telemetry.sdk.language"] == "cpp"
    assert server.scope.name == "literllm"
    headers, _ = receiver.export_requests()[0]
    headers = {k.lower(): v for k, v in headers.items()}
    assert headers["content-type"] == "application/x-protobuf"
    assert headers["authorization"] == "Bearer otlp-secret-Zq81"
    log = gateway.stop()
    assert "otlp-secret-Zq81" not in json.dumps(log)
    [stopped] = [l for l in log if l.get("msg") == "traces stopped"]
    assert stopped["spans_dropped"] == "0"


def test_streamed_call_records_time_to_first_chunk(start_gateway, receiver, fake):
    gateway = start_gateway(otel(receiver))
    trace_id, caller_span, traceparent = caller_context()
    status, body, _ = gateway.chat(
        {"model": "openai/gpt-4o", "messages": MESSAGES, "stream": True},
        headers={"traceparent": traceparent})
    assert status == 200, body
    assert "data: [DONE]" in body
    spans = receiver.spans_of(trace_id, 2)
    [server] = by_kind(spans, SERVER)
    [client] = by_kind(spans, CLIENT)
    a = server.attributes
    assert a["literllm.stream"] is True
    ttft = a["gen_ai.response.time_to_first_chunk"]
    duration = (server.end_time_unix_nano - server.start_time_unix_nano) / 1e9
    assert 0 < ttft <= duration
    assert a["gen_ai.usage.input_tokens"] > 0
    assert a["gen_ai.usage.output_tokens"] > 0
    assert a["gen_ai.response.finish_reasons"] == ["stop"]
    # Capture is off for this gateway.
    assert "gen_ai.input.messages" not in a
    assert "gen_ai.output.messages" not in a
    assert client.parent_id_hex == server.span_id_hex
    assert fake.traceparents(trace_id) == [f"00-{trace_id}-{client.span_id_hex}-01"]


def test_failed_call_has_error_status_and_a_span_per_attempt(start_gateway, receiver, fake):
    gateway = start_gateway(otel(receiver))
    trace_id, _, traceparent = caller_context()
    status, body, _ = gateway.chat(
        {"model": "openai/error-503", "messages": MESSAGES},
        headers={"traceparent": traceparent, "literllm-max-retries": "1"})
    assert status >= 500, body
    spans = receiver.spans_of(trace_id, 3)
    [server] = by_kind(spans, SERVER)
    attempts = sorted(by_kind(spans, CLIENT), key=lambda s: s.attributes["literllm.attempt"])
    assert server.status.code == ERROR
    assert server.attributes["error.type"] == "UNAVAILABLE"
    assert "openai" in server.status.message
    assert "sk-tracing-tests" not in server.status.message
    assert [s.attributes["literllm.attempt"] for s in attempts] == [1, 2]
    for attempt in attempts:
        assert attempt.parent_id_hex == server.span_id_hex
        assert attempt.status.code == ERROR
        assert attempt.attributes["error.type"] == "server_error"
        assert attempt.attributes["http.response.status_code"] == 503
    # Each attempt sent its own span id upstream.
    assert fake.traceparents(trace_id, 2) == [
        f"00-{trace_id}-{s.span_id_hex}-01" for s in attempts]


def test_rejected_call_and_new_traces(start_gateway, receiver, fake):
    gateway = start_gateway(otel(receiver))
    trace_id, caller_span, traceparent = caller_context()
    status, body, _ = gateway.chat({"model": "openai/gpt-4o", "messages": []},
                                   headers={"traceparent": traceparent})
    assert status == 400, body
    [server] = receiver.spans_of(trace_id, 1)
    assert server.kind == SERVER
    assert server.attributes["error.type"] == "INVALID_ARGUMENT"
    assert server.status.code == ERROR
    # A call's spans are queued together: a CLIENT span would be here.
    assert len(receiver.spans_of(trace_id, 1)) == 1

    # Without a traceparent the call starts a trace of its own.
    status, body, _ = gateway.chat({"model": "openai/gpt-4o-mini", "messages": MESSAGES})
    assert status == 200, body
    deadline = time.monotonic() + 10
    roots = []
    while not roots and time.monotonic() < deadline:
        roots = [s for s in receiver.spans() if s.name == "chat openai/gpt-4o-mini"]
        time.sleep(0.05)
    [root] = roots
    assert root.parent_span_id == b""
    assert root.flags & REMOTE_PARENT == trace_pb2.SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE_MASK
    [client] = [s for s in receiver.spans_of(root.trace_id_hex, 2) if s.kind == CLIENT]
    assert fake.traceparents(root.trace_id_hex) == [
        f"00-{root.trace_id_hex}-{client.span_id_hex}-01"]


def test_unsampled_caller_is_honoured_and_passed_on(start_gateway, receiver, fake):
    gateway = start_gateway(otel(receiver))  # parentbased_always_on
    trace_id, caller_span, traceparent = caller_context(sampled=False)
    status, body, _ = gateway.chat({"model": "openai/gpt-4o", "messages": MESSAGES},
                                   headers={"traceparent": traceparent})
    assert status == 200, body
    # Passed on unrecorded: the caller's span stays the parent, flag 00.
    assert fake.traceparents(trace_id) == [traceparent]
    gateway.stop()  # flushes whatever was queued
    assert not [s for s in receiver.spans() if s.trace_id_hex == trace_id]


def test_grpc_calls_are_traced_from_metadata(start_gateway, receiver, fake):
    buf = os.environ.get("BUF_BIN", "")
    assert os.access(buf, os.X_OK), f"buf not installed at {buf!r} (npm ci in tests/e2e)"
    gateway = start_gateway(otel(receiver))
    trace_id, caller_span, traceparent = caller_context()
    body = json.dumps({"model": "openai/gpt-4o", "messages": MESSAGES})
    out = subprocess.run(
        [buf, "curl", "--protocol", "grpc", "--http2-prior-knowledge", "-d", body,
         "-H", f"traceparent: {traceparent}",
         f"http://127.0.0.1:{gateway.port}/literllm.v1.LlmService/ChatStream"],
        capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    spans = receiver.spans_of(trace_id, 2)
    [server] = by_kind(spans, SERVER)
    assert server.parent_id_hex == caller_span
    assert server.attributes["literllm.front"] == "grpc"
    assert server.attributes["literllm.stream"] is True
    [client] = by_kind(spans, CLIENT)
    assert fake.traceparents(trace_id) == [f"00-{trace_id}-{client.span_id_hex}-01"]


def test_spans_of_several_calls_share_an_export(start_gateway, receiver):
    gateway = start_gateway(otel(receiver, OTEL_BSP_SCHEDULE_DELAY="2000",
                                 OTEL_BSP_MAX_EXPORT_BATCH_SIZE="64"))
    traces = []
    for _ in range(4):
        trace_id, _, traceparent = caller_context()
        traces.append(trace_id)
        status, body, _ = gateway.chat({"model": "openai/gpt-4o", "messages": MESSAGES},
                                       headers={"traceparent": traceparent})
        assert status == 200, body
    for trace_id in traces:
        assert len(receiver.spans_of(trace_id, 2)) == 2
    # 8 spans, sent within one schedule delay: one request (at most two if
    # the delay ran out between calls) carries several calls' spans.
    requests = receiver.export_requests()
    assert 1 <= len(requests) <= 2
    biggest = max(sum(len(ss.spans) for rs in r.resource_spans for ss in rs.scope_spans)
                  for _, r in requests)
    assert biggest >= 4


def test_always_off_exports_nothing_but_propagates(start_gateway, receiver, fake):
    gateway = start_gateway(otel(receiver, OTEL_TRACES_SAMPLER="always_off"))
    trace_id, caller_span, traceparent = caller_context(sampled=True)
    status, body, _ = gateway.chat({"model": "openai/gpt-4o", "messages": MESSAGES},
                                   headers={"traceparent": traceparent})
    assert status == 200, body
    assert fake.traceparents(trace_id) == [f"00-{trace_id}-{caller_span}-00"]
    status, body, _ = gateway.chat({"model": "openai/gpt-4o", "messages": MESSAGES})
    assert status == 200, body
    log = gateway.stop()
    assert receiver.export_requests() == []
    [stopped] = [l for l in log if l.get("msg") == "traces stopped"]
    assert stopped["spans_exported"] == "0"
    assert stopped["spans_dropped"] == "0"


def test_collector_down_costs_spans_not_calls(start_gateway):
    closed = free_port()
    gateway = start_gateway({
        "OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{closed}",
        "OTEL_BSP_SCHEDULE_DELAY": "20",
        "OTEL_EXPORTER_OTLP_HEADERS": "x-api-key=otlp-secret-Zq82",
    })
    for _ in range(5):
        status, body, seconds = gateway.chat({"model": "openai/gpt-4o", "messages": MESSAGES})
        assert status == 200, body
        assert seconds < 2
    time.sleep(0.3)
    log = gateway.stop()
    [stopped] = [l for l in log if l.get("msg") == "traces stopped"]
    assert stopped["spans_dropped"] == "10"  # 5 calls × (SERVER + CLIENT)
    assert stopped["spans_exported"] == "0"
    warnings = [l for l in log if l.get("msg", "").startswith("trace export failed")]
    assert len(warnings) == 1  # once, not per batch
    assert "otlp-secret-Zq82" not in json.dumps(log)


def test_stalled_collector_times_out_without_slowing_calls(start_gateway):
    stalled = OtlpReceiver(stall=True)
    try:
        gateway = start_gateway({
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": f"{stalled.endpoint}/v1/traces",
            "OTEL_BSP_SCHEDULE_DELAY": "10",
            "OTEL_BSP_MAX_EXPORT_BATCH_SIZE": "2",
            # Longer than any call may take here: a call that waited for
            # an export would fail the check below.
            "OTEL_EXPORTER_OTLP_TIMEOUT": "5000",
        })
        for _ in range(6):
            status, body, seconds = gateway.chat(
                {"model": "openai/gpt-4o", "messages": MESSAGES, "stream": True})
            assert status == 200, body
            assert seconds < 2
        start = time.monotonic()
        log = gateway.stop()
        assert time.monotonic() - start < 10
        [stopped] = [l for l in log if l.get("msg") == "traces stopped"]
        assert stopped["spans_dropped"] == "12"
    finally:
        stalled.close()


def test_bad_settings_warn_and_fall_back(start_gateway, receiver):
    gateway = start_gateway(otel(receiver, OTEL_TRACES_SAMPLER="sometimes",
                                 OTEL_BSP_MAX_QUEUE_SIZE="lots"))
    log = gateway.log_lines()
    warned = " ".join(l.get("msg", "") for l in log if l.get("level") == "warn")
    assert "OTEL_TRACES_SAMPLER" in warned
    assert "OTEL_BSP_MAX_QUEUE_SIZE" in warned
    trace_id, _, traceparent = caller_context()
    status, body, _ = gateway.chat({"model": "openai/gpt-4o", "messages": MESSAGES},
                                   headers={"traceparent": traceparent})
    assert status == 200, body
    assert len(receiver.spans_of(trace_id, 2)) == 2  # defaults apply
