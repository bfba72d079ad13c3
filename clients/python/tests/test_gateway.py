"""The client API against the real server in front of the fake OpenAI."""
import json

import grpc
import pytest

from literllm import ChatCompletionRequest, LlmError, Message, Tool, FunctionDefinition

WEATHER_PARAMS = {"type": "object", "properties": {"location": {"type": "string"}},
                  "required": ["location"]}


async def test_chat_with_dict_messages(client, model):
    response = await client.chat(model=model, messages=[{"role": "user", "content": "Hello!"}],
                                 temperature=0.2)
    assert response.object == "chat.completion"
    assert response.choices[0].message.role == "assistant"
    assert response.choices[0].message.content == "Hello from the fake"
    assert response.choices[0].finish_reason == "stop"
    assert response.provider == "openai"
    assert response.model == "gpt-4o-2024-08-06"
    assert (response.usage.prompt_tokens, response.usage.completion_tokens,
            response.usage.total_tokens) == (12, 5, 17)
    assert response.usage.prompt_tokens_details.cached_tokens == 4
    assert response.usage.completion_tokens_details.reasoning_tokens == 2
    assert response.HasField("estimated_cost_usd") and response.estimated_cost_usd > 0


async def test_chat_with_typed_messages_and_request(client, model):
    typed = await client.chat(model=model, messages=[Message(role="user", content="Hello!")])
    assert typed.choices[0].message.content == "Hello from the fake"
    request = ChatCompletionRequest(model=model, messages=[Message(role="user", content="Hi")])
    from_request = await client.chat(request)
    assert from_request.choices[0].message.content == "Hello from the fake"
    # Keyword arguments override the base request's fields.
    with pytest.raises(LlmError):
        await client.chat(request, model="nosuch/model")


async def test_chat_with_multimodal_dict_content(client, model):
    response = await client.chat(model=model, messages=[{
        "role": "user",
        "content": [{"type": "text", "text": "What is this?"},
                    {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}}],
    }])
    assert response.choices[0].message.content == "Hello from the fake"


async def test_stream_text_and_final_usage(client, model):
    chunks = [c async for c in client.chat_stream(
        model=model, messages=[{"role": "user", "content": "Count"}])]
    text = "".join(c.choices[0].delta.content for c in chunks if c.choices)
    assert text == "Hello from the fake"
    assert all(c.object == "chat.completion.chunk" for c in chunks)
    last = chunks[-1]
    assert not last.choices
    assert (last.usage.prompt_tokens, last.usage.completion_tokens,
            last.usage.total_tokens) == (9, 3, 12)


async def test_stream_tool_call_fragments(client, model):
    calls = {}
    finish = None
    async for chunk in client.chat_stream(
            model=model, messages=[{"role": "user", "content": "Weather in Paris?"}],
            tools=[{"type": "function", "function": {"name": "get_weather",
                                                      "parameters": WEATHER_PARAMS}}]):
        for choice in chunk.choices:
            for delta in choice.delta.tool_calls:
                call = calls.setdefault(delta.index, {"id": "", "name": "", "arguments": ""})
                if delta.HasField("id"):
                    call["id"] = delta.id
                if delta.function.HasField("name"):
                    call["name"] = delta.function.name
                call["arguments"] += delta.function.arguments
            if choice.HasField("finish_reason"):
                finish = choice.finish_reason
    assert finish == "tool_calls"
    assert calls == {0: {"id": "call_1", "name": "get_weather",
                         "arguments": calls[0]["arguments"]}}
    assert json.loads(calls[0]["arguments"]) == {"location": "Paris"}


async def test_tool_call_with_typed_tools_calls_the_first_tool(client, model):
    tools = [Tool(type="function", function=FunctionDefinition(name="lookup")),
             {"type": "function", "function": {"name": "get_weather",
                                               "parameters": WEATHER_PARAMS, "strict": True}}]
    response = await client.chat(model=model, tools=tools, tool_choice={"type": "function",
                                 "function": {"name": "lookup"}},
                                 messages=[{"role": "user", "content": "Weather?"}])
    call = response.choices[0].message.tool_calls[0]
    assert (call.id, call.type, call.function.name) == ("call_1", "function", "lookup")
    assert json.loads(call.function.arguments) == {"location": "Paris"}
    assert not response.choices[0].message.HasField("content")


async def test_json_schema_from_native_dict(client, model):
    response = await client.chat(
        model=model, messages=[{"role": "user", "content": "Weather?"}],
        response_format={"type": "json_schema", "json_schema": {
            "name": "weather", "schema": {"type": "object", "properties": {
                "city": {"type": "string"}, "temperature_c": {"type": "number"}}}}})
    assert json.loads(response.choices[0].message.content) == {"city": "Paris",
                                                               "temperature_c": 18}


async def test_unknown_provider_is_invalid_argument(client):
    with pytest.raises(LlmError) as info:
        await client.chat(model="nosuch/model", messages=[{"role": "user", "content": "Hi"}])
    assert info.value.code == grpc.StatusCode.INVALID_ARGUMENT
    assert info.value.status_name == "INVALID_ARGUMENT"
    assert info.value.message
    assert "INVALID_ARGUMENT" in str(info.value)
    assert isinstance(info.value.__cause__, grpc.aio.AioRpcError)


async def test_stream_error_carries_code(client):
    with pytest.raises(LlmError) as info:
        async for _ in client.chat_stream(model="nosuch/model",
                                          messages=[{"role": "user", "content": "Hi"}]):
            pass
    assert info.value.code == grpc.StatusCode.INVALID_ARGUMENT


async def test_breaking_out_of_a_stream_early(client, model):
    async for chunk in client.chat_stream(model=model,
                                          messages=[{"role": "user", "content": "Hi"}]):
        break
    # The client stays usable.
    response = await client.chat(model=model, messages=[{"role": "user", "content": "Hi"}])
    assert response.choices[0].message.content == "Hello from the fake"


async def test_list_models(client):
    models = await client.list_models()
    assert models.object == "list"
    # The fake may or may not list models; either way openai is accounted for.
    assert any(m.provider == "openai" for m in models.data) or any(
        e.provider == "openai" for e in models.errors)
