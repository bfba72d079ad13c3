"""One request of each kind to an HTTP target, checked against OpenAI's shape.

The load generators count successes by status (h2load) or by status and
content deltas (bench-client); these checks look at one answer in full, so a
target that answers 200 with the wrong body or stream framing is caught.
Each returns a list of problems, empty when the answer is as OpenAI's.
"""
import http.client
import json
import pathlib
import urllib.parse

# What bench/upstream/nginx.conf.in answers.
UNARY_CONTENT = ("The quick brown fox jumps over the lazy dog; "
                 "a short summary of the notes you sent.")
# What bench-sse-upstream sends per token.
STREAM_TOKEN = "tok "


def _post(url, headers, body, timeout=30):
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request("POST", parts.path, body=body,
                     headers={"Content-Type": "application/json",
                              **dict(h.split(": ", 1) for h in headers)})
        response = conn.getresponse()
        return response.status, response.getheader("Content-Type") or "", response.read()
    finally:
        conn.close()


def unary(request):
    """POSTs the unary benchmark request once; checks a chat.completion
    carrying the upstream's content comes back. Returns (HTTP status or 0,
    problems)."""
    headers = [h for h in request["headers"] if not h.lower().startswith("content-type:")]
    try:
        status, ctype, raw = _post(request["url"], headers,
                                   pathlib.Path(request["body"]).read_bytes())
    except (OSError, http.client.HTTPException) as e:
        return 0, [f"unary: {type(e).__name__}: {e}"]
    return status, _unary_problems(status, ctype, raw)


def _unary_problems(status, ctype, raw):
    problems = []
    if status != 200:
        problems.append(f"unary: status {status}: {raw[:200]!r}")
    if not ctype.startswith("application/json"):
        problems.append(f"unary: Content-Type {ctype!r}, expected application/json")
    try:
        answer = json.loads(raw)
    except ValueError:
        return problems + [f"unary: body is not JSON: {raw[:200]!r}"]
    if status != 200:
        return problems
    if answer.get("object") != "chat.completion":
        problems.append(f"unary: object {answer.get('object')!r}, expected 'chat.completion'")
    try:
        content = answer["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        content = None
    if content != UNARY_CONTENT:
        problems.append(f"unary: choices[0].message.content is {content!r}")
    if not isinstance(answer.get("usage"), dict):
        problems.append("unary: no usage object")
    return problems


def stream(target, tokens):
    """One streamed chat (usage asked for) against an upstream sending `tokens`
    tokens; checks the SSE framing, the content and the [DONE] terminator."""
    body = json.dumps({"model": target["model"], "stream": True,
                       "stream_options": {"include_usage": True},
                       "messages": [{"role": "user", "content": "Count."}]}).encode()
    try:
        status, ctype, raw = _post(target["url"], target["headers"], body)
    except (OSError, http.client.HTTPException) as e:
        return [f"stream: {type(e).__name__}: {e}"]
    if status != 200:
        return [f"stream: status {status} ({ctype}): {raw[:200]!r}"]
    problems = []
    if not ctype.startswith("text/event-stream"):
        problems.append(f"stream: Content-Type {ctype!r}, expected text/event-stream")
    text = raw.decode("utf-8", "replace").replace("\r\n", "\n")
    data, content, usage, done_at = [], "", False, None
    for event in (e for e in text.split("\n\n") if e.strip()):
        for line in event.split("\n"):
            if line.startswith(":") or not line.strip():
                continue  # an SSE comment (keep-alive)
            if not line.startswith("data:"):
                problems.append(f"stream: a line that is not `data:`: {line[:120]!r}")
                continue
            payload = line[5:].strip()
            if done_at is not None:
                problems.append(f"stream: data after [DONE]: {payload[:120]!r}")
            if payload == "[DONE]":
                done_at = len(data)
                continue
            data.append(payload)
            try:
                chunk = json.loads(payload)
            except ValueError:
                problems.append(f"stream: data that is not JSON: {payload[:120]!r}")
                continue
            if chunk.get("object") != "chat.completion.chunk":
                problems.append(f"stream: object {chunk.get('object')!r}: {payload[:120]!r}")
            for choice in chunk.get("choices") or []:
                content += (choice.get("delta") or {}).get("content") or ""
            usage = usage or isinstance(chunk.get("usage"), dict)
    if done_at is None:
        problems.append(f"stream: no `data: [DONE]` at the end: ...{text[-200:]!r}")
    if content != STREAM_TOKEN * tokens:
        problems.append(f"stream: content {content[:80]!r} ({len(content)} chars), "
                        f"expected {tokens} × {STREAM_TOKEN!r}")
    if not usage:
        problems.append("stream: no usage in any chunk (stream_options.include_usage was set)")
    return problems[:10]
