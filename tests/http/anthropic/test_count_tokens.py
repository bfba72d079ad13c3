"""POST /v1/messages/count_tokens, and a Claude-Code-like sequence."""
from conftest import ANTHROPIC_MODEL, OPENAI_MODEL, WEATHER_TOOL

SYSTEM = [{"type": "text", "text": "You are Claude Code.",
           "cache_control": {"type": "ephemeral"}}]
ASK = [{"role": "user", "content": "What is the weather in Paris?"}]


def test_anthropic_counts_with_its_own_tokenizer(claude):
    raw = claude.messages.with_raw_response.count_tokens(
        model=ANTHROPIC_MODEL, messages=ASK, tools=[WEATHER_TOOL],
        system=SYSTEM)
    assert raw.parse().input_tokens == 42
    assert "x-literllm-estimate" not in raw.headers


def test_other_providers_get_a_marked_estimate(claude):
    raw = claude.messages.with_raw_response.count_tokens(
        model=OPENAI_MODEL, messages=ASK)
    # 29 characters, a quarter of them rounded up.
    assert raw.parse().input_tokens == 8
    assert raw.headers["x-literllm-estimate"] == "true"


def test_a_claude_code_like_sequence(claude):
    headers = {"anthropic-beta": "claude-code-20250219"}
    counted = claude.messages.count_tokens(
        model=ANTHROPIC_MODEL, system=SYSTEM, messages=ASK,
        tools=[WEATHER_TOOL], extra_headers=headers)
    assert counted.input_tokens == 42
    with claude.messages.stream(
            model=ANTHROPIC_MODEL, max_tokens=4096, system=SYSTEM,
            messages=ASK, tools=[WEATHER_TOOL], extra_headers=headers,
            metadata={"user_id": "user_abc_account__session_1"},
            thinking={"type": "enabled", "budget_tokens": 1024}) as stream:
        kinds = [event.type for event in stream]
        message = stream.get_final_message()
    assert kinds[0] == "message_start" and kinds[-1] == "message_stop"
    assert [b.type for b in message.content] == ["thinking", "tool_use"]
    assert message.content[1].input == {"location": "Paris"}
    assert message.usage.cache_creation_input_tokens == 100
