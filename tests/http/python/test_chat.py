"""Chat completions, unary and streamed, through the official SDK."""
import json

import pydantic

from openai_shapes import extra

HELLO = [{"role": "user", "content": "Hello!"}]


def test_chat_completion_reads_like_openai(client, model):
    response = client.chat.completions.create(model=model, messages=HELLO)
    assert response.object == "chat.completion"
    assert response.id
    assert isinstance(response.created, int) and response.created > 0
    choice = response.choices[0]
    assert choice.index == 0
    assert choice.message.role == "assistant"
    assert choice.message.content == "Hello from the fake"
    assert choice.finish_reason == "stop"
    assert (response.usage.prompt_tokens, response.usage.completion_tokens,
            response.usage.total_tokens) == (12, 5, 17)
    assert extra(response, "provider") == "openai"
    cost = extra(response, "estimated_cost_usd")
    assert isinstance(cost, float) and cost > 0, cost


def test_sampling_parameters_and_every_role(client, model):
    response = client.chat.completions.create(
        model=model,
        messages=[{"role": "system", "content": "Be terse."},
                  {"role": "developer", "content": "Answer in English."},
                  {"role": "user", "content": "Hi"},
                  {"role": "assistant", "content": "Hello."},
                  {"role": "user", "content": [{"type": "text", "text": "Again?"}]}],
        temperature=0.7, top_p=0.9, max_tokens=50, n=1, stop=["\n\n"], seed=7,
        presence_penalty=0.1, frequency_penalty=0.2, user="tester")
    assert response.choices[0].message.content == "Hello from the fake"


def test_with_raw_response_gives_status_and_headers(client, model):
    raw = client.chat.completions.with_raw_response.create(model=model, messages=HELLO)
    assert raw.status_code == 200
    assert raw.headers["content-type"].startswith("application/json")
    assert raw.parse().choices[0].message.content == "Hello from the fake"


def test_stream_with_include_usage_ends_with_a_usage_chunk(client, model):
    chunks = list(client.chat.completions.create(
        model=model, messages=HELLO, stream=True,
        stream_options={"include_usage": True}))
    assert all(c.object == "chat.completion.chunk" for c in chunks)
    assert all(isinstance(c.created, int) for c in chunks)
    *content, last = chunks
    assert "".join(c.choices[0].delta.content or "" for c in content) == "Hello from the fake"
    assert content[0].choices[0].delta.role == "assistant"
    assert [c.choices[0].finish_reason for c in content if c.choices[0].finish_reason] == ["stop"]
    assert all(c.usage is None for c in content)
    assert last.choices == []
    assert (last.usage.prompt_tokens, last.usage.completion_tokens,
            last.usage.total_tokens) == (9, 3, 12)
    cost = extra(last, "estimated_cost_usd")
    assert isinstance(cost, float) and cost > 0, cost


def test_stream_without_include_usage_has_no_usage_chunk(client, model):
    chunks = list(client.chat.completions.create(model=model, messages=HELLO, stream=True))
    assert chunks
    assert all(c.choices for c in chunks), "a chunk without choices: the usage chunk?"
    assert all(c.usage is None for c in chunks)
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == "Hello from the fake"


def test_stream_response_is_an_event_stream(client, model):
    with client.chat.completions.with_streaming_response.create(
            model=model, messages=HELLO, stream=True) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        text = "".join(c.choices[0].delta.content or "" for c in response.parse() if c.choices)
    assert text == "Hello from the fake"


def test_stream_helper_assembles_the_completion(client, model):
    with client.chat.completions.stream(model=model, messages=HELLO) as stream:
        deltas = [e.delta for e in stream if e.type == "content.delta"]
        final = stream.get_final_completion()
    assert "".join(deltas) == "Hello from the fake"
    assert final.choices[0].message.content == "Hello from the fake"
    assert final.choices[0].finish_reason == "stop"


class Weather(pydantic.BaseModel):
    city: str
    temperature_c: int


def test_parse_with_a_json_schema_response_format(client, model):
    completion = client.chat.completions.parse(
        model=model, messages=[{"role": "user", "content": "Weather in Paris?"}],
        response_format=Weather)
    assert completion.choices[0].message.parsed == Weather(city="Paris", temperature_c=18)


def test_json_schema_response_format_as_a_plain_dict(client, model):
    schema = {"type": "object", "additionalProperties": False,
              "required": ["city", "temperature_c"],
              "properties": {"city": {"type": "string"},
                             "temperature_c": {"type": "integer"}}}
    response = client.chat.completions.create(
        model=model, messages=[{"role": "user", "content": "Weather in Paris?"}],
        response_format={"type": "json_schema",
                         "json_schema": {"name": "weather", "strict": True, "schema": schema}})
    assert json.loads(response.choices[0].message.content) == {"city": "Paris", "temperature_c": 18}


def test_json_object_response_format(client, model):
    response = client.chat.completions.create(
        model=model, messages=[{"role": "user", "content": "Weather as JSON"}],
        response_format={"type": "json_object"})
    assert json.loads(response.choices[0].message.content)["city"] == "Paris"
