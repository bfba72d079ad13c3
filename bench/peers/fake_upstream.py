#!/usr/bin/env python3
"""Throwaway fake OpenAI upstream for smoke.sh (not the benchmark upstream).

Usage: fake_upstream.py PORT
POST /v1/chat/completions -> canned chat.completion JSON, or a short SSE stream
ending with `data: [DONE]` when the body has "stream": true.
GET /v1/models -> a one-model list (some gateways probe it).
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CONTENT = "hello from fake upstream"


class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like a real upstream

    def log_message(self, *a):  # quiet: smoke.sh captures our stderr
        pass

    def _send(self, code, ctype, body):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path.rstrip("/").endswith("/models"):
            body = {"object": "list", "data": [{"id": "gpt-4o", "object": "model", "created": 0, "owned_by": "fake"}]}
            return self._send(200, "application/json", json.dumps(body).encode())
        self._send(404, "application/json", b'{"error":{"message":"not found"}}')

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(n) if n else b"{}"
        if not self.path.endswith("/chat/completions"):
            return self._send(404, "application/json", b'{"error":{"message":"not found"}}')
        try:
            req = json.loads(raw or b"{}")
        except ValueError:
            req = {}
        model = req.get("model", "gpt-4o")
        usage = {"prompt_tokens": 5, "completion_tokens": 5, "total_tokens": 10}
        if not req.get("stream"):
            body = {"id": "chatcmpl-fake", "object": "chat.completion", "created": 1700000000, "model": model,
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": CONTENT},
                                 "finish_reason": "stop"}], "usage": usage}
            return self._send(200, "application/json", json.dumps(body).encode())
        # SSE as HTTP/1.1 chunks on a kept-alive connection, like a real upstream
        # (some gateways copy upstream headers, so "Connection: close" would leak).
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        base = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 1700000000, "model": model}
        deltas = [{"role": "assistant", "content": ""}] + [{"content": w} for w in ("hello ", "from ", "fake ", "upstream")]
        events = [dict(base, choices=[{"index": 0, "delta": d, "finish_reason": None}]) for d in deltas]
        events.append(dict(base, choices=[{"index": 0, "delta": {}, "finish_reason": "stop"}], usage=usage))
        for e in [json.dumps(e) for e in events] + ["[DONE]"]:
            data = ("data: " + e + "\n\n").encode()
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
