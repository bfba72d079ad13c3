"""Tool calling, unary and streamed (parallel calls too), through the SDK."""
import json

WEATHER = {"type": "function", "function": {
    "name": "get_weather", "description": "Current weather in a place",
    "parameters": {"type": "object", "properties": {"location": {"type": "string"}},
                   "required": ["location"]}}}
TIME = {"type": "function", "function": {
    "name": "get_time",
    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}
ASK = [{"role": "user", "content": "Weather in Paris and the time in Tokyo?"}]


def test_tool_call(client, model):
    response = client.chat.completions.create(model=model, messages=ASK, tools=[WEATHER],
                                              tool_choice="auto")
    choice = response.choices[0]
    assert choice.finish_reason == "tool_calls"
    [call] = choice.message.tool_calls
    assert (call.id, call.type, call.function.name) == ("call_1", "function", "get_weather")
    assert json.loads(call.function.arguments) == {"location": "Paris"}


def test_tool_result_turn_gets_text(client, model):
    messages = ASK + [
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call_1", "type": "function",
             "function": {"name": "get_weather", "arguments": '{"location":"Paris"}'}}]},
        {"role": "tool", "tool_call_id": "call_1", "content": '{"temperature_c":18}'}]
    response = client.chat.completions.create(model=model, messages=messages, tools=[WEATHER])
    assert response.choices[0].message.content == "Hello from the fake"
    assert response.choices[0].finish_reason == "stop"


def test_streamed_tool_call_deltas_keep_their_index(client, model):
    calls = {}
    finish = None
    for chunk in client.chat.completions.create(model=model, messages=ASK, tools=[WEATHER],
                                                stream=True):
        for choice in chunk.choices:
            finish = choice.finish_reason or finish
            for delta in choice.delta.tool_calls or []:
                call = calls.setdefault(delta.index, {"id": None, "name": None, "arguments": ""})
                call["id"] = delta.id or call["id"]
                if delta.function:
                    call["name"] = delta.function.name or call["name"]
                    call["arguments"] += delta.function.arguments or ""
    assert finish == "tool_calls"
    assert calls == {0: {"id": "call_1", "name": "get_weather",
                         "arguments": '{"location":"Paris"}'}}


def test_streamed_parallel_tool_calls_assembled_by_the_stream_helper(client, model):
    done = {}
    with client.chat.completions.stream(
            model=model, messages=ASK, tools=[WEATHER, TIME], parallel_tool_calls=True,
            stream_options={"include_usage": True}) as stream:
        for event in stream:
            if event.type == "tool_calls.function.arguments.done":
                done[event.index] = (event.name, json.loads(event.arguments))
        final = stream.get_final_completion()
    assert done == {0: ("get_weather", {"location": "Paris"}),
                    1: ("get_time", {"city": "Tokyo"})}
    choice = final.choices[0]
    assert choice.finish_reason == "tool_calls"
    assert [(c.id, c.function.name, json.loads(c.function.arguments))
            for c in choice.message.tool_calls] == [
        ("call_1", "get_weather", {"location": "Paris"}),
        ("call_2", "get_time", {"city": "Tokyo"})]
    assert final.usage.total_tokens == 12


def test_streamed_parallel_tool_call_deltas_carry_both_indices(client, model):
    arguments = {}
    for chunk in client.chat.completions.create(model=model, messages=ASK,
                                                tools=[WEATHER, TIME], parallel_tool_calls=True,
                                                stream=True):
        for choice in chunk.choices:
            for delta in choice.delta.tool_calls or []:
                piece = delta.function.arguments if delta.function else ""
                arguments[delta.index] = arguments.get(delta.index, "") + (piece or "")
    assert {i: json.loads(a) for i, a in arguments.items()} == {
        0: {"location": "Paris"}, 1: {"city": "Tokyo"}}
