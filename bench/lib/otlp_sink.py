"""An OTLP/HTTP trace receiver that accepts and counts exports without
decoding them: the cheapest collector a benchmark can point literllm at."""
import http.server
import threading

from . import gateways


class OtlpSink:
    def __enter__(self):
        sink = self
        self.exports = 0
        self.bytes = 0
        self.lock = threading.Lock()

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                with sink.lock:
                    sink.exports += 1
                    sink.bytes += len(body)
                # An empty ExportTraceServiceResponse: everything accepted.
                self.send_response(200)
                self.send_header("content-type", "application/x-protobuf")
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.port = gateways.free_port()
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"
