"""Client behaviour checked against an in-process grpc.aio LlmService:
metadata, deadlines, retries of UNAVAILABLE, environment defaults, and the
request conversion (dicts, typed messages, Struct fields)."""
import asyncio
import datetime

import grpc
import pytest

import literllm
from literllm import LlmClient, LlmError, build_request
from literllm.v1 import llm_service_pb2 as pb
from literllm.v1 import llm_service_pb2_grpc as pb_grpc


class RecordingService(pb_grpc.LlmServiceServicer):
    def __init__(self):
        self.metadata = []
        self.requests = []
        self.fail_unavailable = 0
        self.delay = 0.0
        self.calls = 0

    async def Chat(self, request, context):
        self.calls += 1
        self.metadata.append(dict(context.invocation_metadata()))
        self.requests.append(request)
        if self.fail_unavailable > 0:
            self.fail_unavailable -= 1
            await context.abort(grpc.StatusCode.UNAVAILABLE, "try again")
        if self.delay:
            await asyncio.sleep(self.delay)
        return pb.ChatCompletionResponse(
            object="chat.completion", model=request.model,
            choices=[pb.Choice(message=pb.Message(role="assistant", content="local"))])

    async def ChatStream(self, request, context):
        self.metadata.append(dict(context.invocation_metadata()))
        for word in ["a", "b"]:
            yield pb.ChatCompletionChunk(choices=[pb.ChunkChoice(delta=pb.Delta(content=word))])
            if self.delay:
                await asyncio.sleep(self.delay)


@pytest.fixture
async def local():
    service = RecordingService()
    server = grpc.aio.server()
    pb_grpc.add_LlmServiceServicer_to_server(service, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    service.target = f"127.0.0.1:{port}"
    yield service
    await server.stop(None)


HI = [{"role": "user", "content": "hi"}]


async def test_api_key_sent_as_bearer_metadata(local):
    async with LlmClient(local.target, api_key="sk-caller-123") as client:
        await client.chat(model="m", messages=HI)
        async for _ in client.chat_stream(model="m", messages=HI):
            pass
    assert local.metadata[0]["authorization"] == "Bearer sk-caller-123"
    assert local.metadata[1]["authorization"] == "Bearer sk-caller-123"


async def test_no_api_key_no_authorization(local, monkeypatch):
    monkeypatch.delenv("LITERLLM_API_KEY", raising=False)
    async with LlmClient(local.target) as client:
        await client.chat(model="m", messages=HI, metadata=[("x-extra", "1")])
    assert "authorization" not in local.metadata[0]
    assert local.metadata[0]["x-extra"] == "1"


async def test_environment_defaults(local, monkeypatch):
    monkeypatch.setenv("LITERLLM_TARGET", local.target)
    monkeypatch.setenv("LITERLLM_API_KEY", "sk-from-env")
    async with LlmClient() as client:
        assert client.target == local.target
        response = await client.chat(model="m", messages=HI)
    assert response.choices[0].message.content == "local"
    assert local.metadata[0]["authorization"] == "Bearer sk-from-env"


async def test_default_target(monkeypatch):
    monkeypatch.delenv("LITERLLM_TARGET", raising=False)
    async with LlmClient() as client:
        assert client.target == "localhost:50051" == literllm.DEFAULT_TARGET


async def test_per_call_deadline(local):
    local.delay = 2.0
    async with LlmClient(local.target) as client:
        with pytest.raises(LlmError) as info:
            await client.chat(model="m", messages=HI, timeout=0.2)
    assert info.value.code == grpc.StatusCode.DEADLINE_EXCEEDED


async def test_default_deadline(local):
    local.delay = 2.0
    async with LlmClient(local.target, timeout=0.2) as client:
        with pytest.raises(LlmError) as info:
            await client.chat(model="m", messages=HI)
        assert info.value.code == grpc.StatusCode.DEADLINE_EXCEEDED
        with pytest.raises(LlmError) as info:
            async for _ in client.chat_stream(model="m", messages=HI):
                pass
        assert info.value.code == grpc.StatusCode.DEADLINE_EXCEEDED


async def test_unavailable_is_retried(local):
    local.fail_unavailable = 2
    async with LlmClient(local.target) as client:
        response = await client.chat(model="m", messages=HI)
    assert response.choices[0].message.content == "local"
    assert local.calls == 3


async def test_retries_can_be_disabled(local):
    local.fail_unavailable = 2
    async with LlmClient(local.target, max_attempts=1) as client:
        with pytest.raises(LlmError) as info:
            await client.chat(model="m", messages=HI)
    assert info.value.code == grpc.StatusCode.UNAVAILABLE
    assert info.value.message == "try again"
    assert local.calls == 1


def test_retry_service_config():
    import json
    config = json.loads(literllm.retry_service_config(5))
    method = config["methodConfig"][0]
    assert method["name"] == [{"service": "literllm.v1.LlmService"}]
    assert method["retryPolicy"]["maxAttempts"] == 5
    assert method["retryPolicy"]["retryableStatusCodes"] == ["UNAVAILABLE"]


async def test_server_unreachable_is_unavailable():
    async with LlmClient("127.0.0.1:1", max_attempts=2, timeout=5) as client:
        with pytest.raises(LlmError) as info:
            await client.chat(model="m", messages=HI)
    assert info.value.code == grpc.StatusCode.UNAVAILABLE


# ------------------------------------------------------------ conversion


def test_dict_and_typed_messages_are_equal():
    from_dicts = build_request(model="m", messages=[
        {"role": "system", "content": "Be terse."},
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": "c1", "type": "function",
             "function": {"name": "f", "arguments": "{}"}}]},
        {"role": "tool", "tool_call_id": "c1", "content": "42"}])
    typed = build_request(model="m", messages=[
        literllm.Message(role="system", content="Be terse."),
        literllm.Message(role="assistant", tool_calls=[literllm.ToolCall(
            id="c1", type="function", function=literllm.FunctionCall(name="f", arguments="{}"))]),
        literllm.Message(role="tool", tool_call_id="c1", content="42")])
    assert from_dicts == typed
    assert not from_dicts.messages[1].HasField("content")


def test_dataclass_messages():
    import dataclasses

    @dataclasses.dataclass
    class Msg:
        role: str
        content: str = None

    request = build_request(model="m", messages=[Msg("user", "hi")])
    assert request.messages[0] == pb.Message(role="user", content="hi")


def test_struct_fields_take_native_maps():
    params = {"type": "object", "properties": {"n": {"type": "integer", "minimum": 1}},
              "required": ["n"], "additionalProperties": False}
    request = build_request(
        model="m", messages=HI,
        tools=[{"type": "function", "function": {"name": "f", "parameters": params}}],
        response_format={"type": "json_schema",
                         "json_schema": {"name": "s", "schema": params, "strict": True}},
        tool_choice={"type": "function", "function": {"name": "f"}})
    assert literllm.to_struct_dict(request.tools[0].function.parameters) == params
    assert literllm.to_struct_dict(request.response_format.json_schema.schema) == params
    assert request.response_format.json_schema.strict
    assert literllm.to_struct_dict(request.tool_choice) == {"type": "function",
                                                           "function": {"name": "f"}}
    assert build_request(tool_choice="required").tool_choice.string_value == "required"


def test_openai_request_fields():
    request = build_request(
        model="m", messages=HI, temperature=0.5, top_p=0.9, max_tokens=10,
        max_completion_tokens=20, n=2, stop="\n", presence_penalty=0.1,
        frequency_penalty=0.2, seed=7, reasoning_effort="low", parallel_tool_calls=False,
        user="u", stream=True, stream_options={"include_usage": True},
        fallbacks=["anthropic/claude"], max_retries=1,
        attempt_timeout=datetime.timedelta(seconds=20))
    assert request.HasField("temperature") and request.temperature == 0.5
    assert list(request.stop) == ["\n"]
    assert request.HasField("parallel_tool_calls") and not request.parallel_tool_calls
    assert request.attempt_timeout.seconds == 20
    assert build_request(attempt_timeout="1.5s").attempt_timeout.nanos == 500_000_000
    assert build_request(attempt_timeout=2).attempt_timeout.seconds == 2
    # Unset optionals stay unset; None means "not given".
    assert not build_request(model="m", temperature=None).HasField("temperature")


def test_multimodal_content_list_becomes_content_parts():
    request = build_request(messages=[{"role": "user", "content": [
        {"type": "text", "text": "look"},
        {"type": "image_url", "image_url": {"url": "https://x/y.png", "detail": "low"}}]}])
    message = request.messages[0]
    assert not message.HasField("content")
    assert [p.type for p in message.content_parts] == ["text", "image_url"]
    assert message.content_parts[1].image_url.detail == "low"


def test_request_base_and_overrides():
    base = pb.ChatCompletionRequest(model="a", temperature=1.0)
    request = build_request(base, model="b")
    assert (request.model, request.temperature) == ("b", 1.0)
    assert base.model == "a"
    assert build_request({"model": "c", "messages": HI}).messages[0].content == "hi"


def test_bad_arguments():
    with pytest.raises(TypeError, match="temprature"):
        build_request(model="m", temprature=0.5)
    with pytest.raises(ValueError, match="message"):
        build_request(messages=[{"role": "user", "contnt": "x"}])
    with pytest.raises(TypeError):
        build_request(messages=[42])
    with pytest.raises(TypeError):
        build_request(temperature="hot")
