from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any, Optional, Tuple

import grpc
import grpc.aio

from ._convert import build_request
from ._errors import LlmError
from .v1 import llm_service_pb2 as pb
from .v1 import llm_service_pb2_grpc as pb_grpc

DEFAULT_TARGET = "localhost:50051"
DEFAULT_TIMEOUT = 300.0
SERVICE_NAME = "literllm.v1.LlmService"

_UNSET: Any = object()


def retry_service_config(max_attempts: int = 4, initial_backoff: float = 0.1,
                         max_backoff: float = 2.0) -> str:
    """The gRPC service config (JSON) retrying UNAVAILABLE on every method of
    literllm.v1.LlmService, at most `max_attempts` attempts in all."""
    return json.dumps({
        "methodConfig": [{
            "name": [{"service": SERVICE_NAME}],
            "retryPolicy": {
                "maxAttempts": max_attempts,
                "initialBackoff": f"{initial_backoff}s",
                "maxBackoff": f"{max_backoff}s",
                "backoffMultiplier": 2,
                "retryableStatusCodes": ["UNAVAILABLE"],
            },
        }],
    })


class LlmClient:
    """Async client for the literllm gateway (literllm.v1.LlmService) on grpc.aio.

    >>> client = LlmClient()                      # LITERLLM_TARGET or localhost:50051
    >>> response = await client.chat(model="openai/gpt-4o",
    ...                              messages=[{"role": "user", "content": "Hello!"}])
    >>> response.choices[0].message.content

    Args:
      target: "host:port" (or any gRPC target). Default: $LITERLLM_TARGET,
        else "localhost:50051".
      api_key: sent as `authorization: Bearer <api_key>` on every call.
        Default: $LITERLLM_API_KEY; "" sends none.
      tls: TLS (system roots, or `root_certificates` PEM bytes) instead of
        plaintext.
      timeout: default deadline in seconds for calls that pass none; None
        means no deadline.
      max_attempts: attempts per call when the server answers UNAVAILABLE
        (gRPC retry via service config); 1 disables retries.
      channel: an existing grpc.aio channel to use instead of opening one
        (target, tls, max_attempts and options are then ignored).
      options: extra gRPC channel arguments.
    """

    def __init__(self, target: Optional[str] = None, *, api_key: Optional[str] = None,
                 tls: bool = False, root_certificates: Optional[bytes] = None,
                 timeout: Optional[float] = DEFAULT_TIMEOUT, max_attempts: int = 4,
                 channel: Optional[grpc.aio.Channel] = None,
                 options: Sequence[Tuple[str, Any]] = ()):
        self.target = target or os.environ.get("LITERLLM_TARGET") or DEFAULT_TARGET
        if api_key is None:
            api_key = os.environ.get("LITERLLM_API_KEY", "")
        self.timeout = timeout
        self._metadata: Tuple[Tuple[str, str], ...] = (
            (("authorization", f"Bearer {api_key}"),) if api_key else ())
        if channel is None:
            channel_options = list(options)
            if max_attempts > 1:
                channel_options += [
                    ("grpc.enable_retries", 1),
                    ("grpc.service_config", retry_service_config(max_attempts)),
                ]
            else:
                channel_options.append(("grpc.enable_retries", 0))
            if tls:
                credentials = grpc.ssl_channel_credentials(root_certificates)
                channel = grpc.aio.secure_channel(self.target, credentials, options=channel_options)
            else:
                channel = grpc.aio.insecure_channel(self.target, options=channel_options)
        self._channel = channel
        self._stub = pb_grpc.LlmServiceStub(channel)

    # ------------------------------------------------------------ lifecycle

    async def close(self) -> None:
        await self._channel.close()

    async def __aenter__(self) -> "LlmClient":
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.close()

    @property
    def channel(self) -> grpc.aio.Channel:
        return self._channel

    # ---------------------------------------------------------------- calls

    def _call_args(self, timeout: Any, metadata: Optional[Sequence[Tuple[str, str]]]):
        if timeout is _UNSET:
            timeout = self.timeout
        return {"timeout": timeout, "metadata": self._metadata + tuple(metadata or ())}

    async def chat(self, request: pb.ChatCompletionRequest | Mapping | None = None, *,
                   timeout: Optional[float] = _UNSET,
                   metadata: Optional[Sequence[Tuple[str, str]]] = None,
                   **fields: Any) -> pb.ChatCompletionResponse:
        """One chat completion.

        Keyword arguments are OpenAI's request fields (model, messages,
        temperature, top_p, max_tokens, seed, stop, tools, tool_choice,
        response_format, ...); messages and tools may be dicts or protos.
        `request` (a ChatCompletionRequest or dict) is a base the keyword
        arguments override. `timeout` (seconds) overrides the default
        deadline. Raises LlmError on failure.
        """
        req = build_request(request, **fields)
        try:
            return await self._stub.Chat(req, **self._call_args(timeout, metadata))
        except grpc.RpcError as e:
            raise LlmError.from_rpc_error(e) from e

    async def chat_stream(self, request: pb.ChatCompletionRequest | Mapping | None = None, *,
                          timeout: Optional[float] = _UNSET,
                          metadata: Optional[Sequence[Tuple[str, str]]] = None,
                          **fields: Any) -> AsyncIterator[pb.ChatCompletionChunk]:
        """The same as chat(), answered as `chat.completion.chunk`s:

        >>> async for chunk in client.chat_stream(model=..., messages=[...]):
        ...     if chunk.choices: print(chunk.choices[0].delta.content, end="")

        The last chunk carries `usage` (and no choices). Raises LlmError on
        failure; chunks already yielded stay delivered. Leaving the loop early
        cancels the call.
        """
        req = build_request(request, **fields)
        call = self._stub.ChatStream(req, **self._call_args(timeout, metadata))
        try:
            async for chunk in call:
                yield chunk
        except grpc.RpcError as e:
            raise LlmError.from_rpc_error(e) from e
        finally:
            call.cancel()

    async def list_models(self, provider: Optional[str] = None, *,
                          timeout: Optional[float] = _UNSET,
                          metadata: Optional[Sequence[Tuple[str, str]]] = None
                          ) -> pb.ListModelsResponse:
        """Models of every configured provider (or only `provider`'s)."""
        req = pb.ListModelsRequest(provider=provider) if provider else pb.ListModelsRequest()
        try:
            return await self._stub.ListModels(req, **self._call_args(timeout, metadata))
        except grpc.RpcError as e:
            raise LlmError.from_rpc_error(e) from e
