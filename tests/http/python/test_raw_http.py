"""The front as plain HTTP: framing, status codes, SSE, health."""
import json
import select
import socket
import urllib.parse

import pytest

from openai_shapes import assert_openai_error

CHAT = "/v1/chat/completions"
HELLO = {"model": "openai/gpt-4o", "messages": [{"role": "user", "content": "Hello!"}]}


def test_chat_as_plain_json(http):
    response = http.post(CHAT, json=HELLO)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["choices"][0]["message"]["content"] == "Hello from the fake"


def test_stream_as_server_sent_events(http):
    with http.stream("POST", CHAT, json=dict(HELLO, stream=True,
                                             stream_options={"include_usage": True})) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        body = r.read().decode()
    events = [e for e in body.split("\n\n") if e.strip()]
    assert all(e.startswith("data: ") for e in events), events
    assert events[-1] == "data: [DONE]"
    chunks = [json.loads(e[len("data: "):]) for e in events[:-1]]
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    assert chunks[-1]["choices"] == [] and chunks[-1]["usage"]["total_tokens"] == 12
    assert all(not c.get("usage") for c in chunks[:-1])


@pytest.mark.parametrize("body", [b"this is not json", b'{"model": "openai/gpt-4o", ',
                                  b"[1, 2, 3]"])
def test_body_that_is_not_a_json_object_is_400(http, body):
    response = http.post(CHAT, content=body, headers={"content-type": "application/json"})
    assert_openai_error(response, 400)


@pytest.mark.parametrize("body", [
    {"model": "openai/gpt-4o", "messages": "Hello!"},
    {"model": 4, "messages": HELLO["messages"]},
    dict(HELLO, temperature="hot"),
    dict(HELLO, max_tokens=1.5),
    dict(HELLO, stream="yes"),
    {"model": "openai/gpt-4o", "messages": [{"role": "user", "content": 42}]},
])
def test_fields_of_the_wrong_type_are_400(http, body):
    response = http.post(CHAT, json=body)
    assert_openai_error(response, 400)


@pytest.mark.parametrize("method, path", [("GET", CHAT), ("PUT", CHAT),
                                          ("POST", "/v1/models"), ("DELETE", "/v1/models")])
def test_wrong_method_is_405(http, method, path):
    response = http.request(method, path)
    assert response.status_code == 405, response.text


@pytest.mark.parametrize("path", ["/v1/nothing-here", "/v2/chat/completions", "/"])
def test_unknown_path_is_404(http, path):
    response = http.post(path, json=HELLO)
    assert response.status_code == 404, response.text


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_health_endpoints(http, path):
    assert http.get(path).status_code == 200


def test_per_call_max_retries_header_on_plain_http(http):
    response = http.post(CHAT, json=dict(HELLO, model="openai/error-429"),
                         headers={"literllm-max-retries": "0"})
    assert_openai_error(response, 429)
    assert response.headers["retry-after"] == "1"


def test_body_over_the_limit_is_413(base_url):
    """33 MiB against the default 32 MiB limit. The server may answer as soon
    as it sees Content-Length, so the body is sent only while it has not."""
    url = urllib.parse.urlsplit(base_url)
    size, piece = 33 << 20, b" " * (1 << 20)
    with socket.create_connection((url.hostname, url.port), timeout=10) as s:
        s.sendall((f"POST {CHAT} HTTP/1.1\r\nHost: {url.netloc}\r\n"
                   f"Content-Type: application/json\r\nContent-Length: {size}\r\n\r\n"
                   ).encode())
        sent, wait = 0, 0.2
        while sent < size and not select.select([s], [], [], wait)[0]:
            try:
                s.sendall(piece)
            except (BrokenPipeError, ConnectionResetError, socket.timeout):
                break
            sent, wait = sent + len(piece), 0
        answer = _read_response(s)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:500]
    assert_openai_error(_Parsed(answer), 413)


def _read_response(s):
    """One HTTP/1.1 response with a Content-Length, or what came before EOF."""
    answer = b""
    try:
        while True:
            head, found, body = answer.partition(b"\r\n\r\n")
            if found and len(body) >= _content_length(head):
                return answer
            more = s.recv(65536)
            if not more:
                return answer
            answer += more
    except (socket.timeout, ConnectionResetError):
        return answer


def _content_length(head):
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value)
    return 0


class _Parsed:
    """Enough of an httpx response for assert_openai_error."""

    def __init__(self, raw):
        head, _, self.content = raw.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        self.status_code = int(lines[0].split()[1])
        self.headers = {k.strip().lower(): v.strip()
                        for k, _, v in (line.partition(":") for line in lines[1:])}
        self.text = self.content.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.content)
