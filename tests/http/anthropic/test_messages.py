"""POST /v1/messages through the SDK: create and the stream helper, on an
Anthropic and on an OpenAI upstream; cache control and betas passed on."""
import pytest

from conftest import ANTHROPIC_MODEL, OPENAI_MODEL

HELLO = [{"role": "user", "content": "Hello!"}]
ANSWERS = {ANTHROPIC_MODEL: "Hello from fake Anthropic",
           OPENAI_MODEL: "Hello from the fake"}


@pytest.mark.parametrize("model", [ANTHROPIC_MODEL, OPENAI_MODEL])
def test_create(claude, model):
    message = claude.messages.create(model=model, max_tokens=100,
                                     messages=HELLO)
    assert message.type == "message" and message.role == "assistant"
    assert [b.type for b in message.content] == ["text"]
    assert message.content[0].text == ANSWERS[model]
    assert message.stop_reason == "end_turn"
    assert message.stop_sequence is None
    assert message.usage.input_tokens > 0
    assert message.usage.output_tokens > 0


def test_anthropic_usage_is_relayed_exactly(claude):
    message = claude.messages.create(model=ANTHROPIC_MODEL, max_tokens=100,
                                     messages=HELLO)
    usage = message.usage
    assert (usage.input_tokens, usage.output_tokens) == (10, 5)
    assert usage.cache_creation_input_tokens == 0
    assert usage.cache_read_input_tokens == 0


@pytest.mark.parametrize("model", [ANTHROPIC_MODEL, OPENAI_MODEL])
def test_stream_helper_accumulates_the_final_message(claude, model):
    with claude.messages.stream(model=model, max_tokens=100,
                                messages=HELLO) as stream:
        text = "".join(stream.text_stream)
        message = stream.get_final_message()
    assert text == ANSWERS[model]
    assert message.content[0].text == ANSWERS[model]
    assert message.stop_reason == "end_turn"
    assert message.usage.output_tokens > 0
    assert message.usage.input_tokens > 0


@pytest.mark.parametrize("stream", [False, True])
def test_cache_control_reaches_anthropic_and_cache_tokens_come_back(claude, stream):
    request = dict(
        model=ANTHROPIC_MODEL, max_tokens=100,
        system=[{"type": "text", "text": "You are terse.",
                 "cache_control": {"type": "ephemeral"}}],
        messages=HELLO)
    if stream:
        with claude.messages.stream(**request) as s:
            message = s.get_final_message()
    else:
        message = claude.messages.create(**request)
    usage = message.usage
    assert usage.cache_creation_input_tokens == 100
    assert usage.cache_read_input_tokens == 50
    assert usage.input_tokens == 10


def test_anthropic_beta_header_reaches_anthropic(claude):
    message = claude.messages.create(
        model=ANTHROPIC_MODEL, max_tokens=100, messages=HELLO,
        extra_headers={"anthropic-beta": "prompt-caching-2024-07-31"})
    assert message.content[0].text.endswith(
        "[beta: prompt-caching-2024-07-31]"), message.content[0].text


def test_raw_stream_is_anthropics_event_sequence(http):
    with http.stream("POST", "/v1/messages", json={
            "model": OPENAI_MODEL, "max_tokens": 100, "stream": True,
            "messages": HELLO}) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        events = [line.removeprefix("event: ") for line in response.iter_lines()
                  if line.startswith("event: ")]
    assert events[:3] == ["message_start", "ping", "content_block_start"]
    assert set(events[3:-3]) == {"content_block_delta"}
    assert events[-3:] == ["content_block_stop", "message_delta", "message_stop"]
