from __future__ import annotations

from typing import Optional

import grpc


class LlmError(Exception):
    """A failed literllm call: carries the gRPC status code and message.

    `code` is a `grpc.StatusCode` (e.g. `grpc.StatusCode.INVALID_ARGUMENT`),
    `message` the server's status message; the original `grpc.aio.AioRpcError`
    is the exception's `__cause__`.
    """

    def __init__(self, code: grpc.StatusCode, message: str,
                 debug_error_string: Optional[str] = None):
        super().__init__(f"{code.name}: {message}")
        self.code = code
        self.message = message
        self.debug_error_string = debug_error_string

    @property
    def status_name(self) -> str:
        """The code's canonical name, e.g. "INVALID_ARGUMENT"."""
        return self.code.name

    @classmethod
    def from_rpc_error(cls, error: grpc.RpcError) -> "LlmError":
        code = error.code() if hasattr(error, "code") else grpc.StatusCode.UNKNOWN
        details = error.details() if hasattr(error, "details") else str(error)
        debug = error.debug_error_string() if hasattr(error, "debug_error_string") else None
        return cls(code or grpc.StatusCode.UNKNOWN, details or "", debug)
