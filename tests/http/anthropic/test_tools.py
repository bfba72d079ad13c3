"""Tool use round trips through the SDK: thinking blocks with signatures
returned and sent back on an Anthropic upstream; the same conversation on an
OpenAI upstream."""
import pytest

from conftest import ANTHROPIC_MODEL, OPENAI_MODEL, WEATHER_TOOL

QUESTION = {"role": "user", "content": "What is the weather in Paris?"}
THINKING = {"type": "enabled", "budget_tokens": 1024}


def ask(claude, model, stream, **extra):
    request = dict(model=model, max_tokens=2048, tools=[WEATHER_TOOL],
                   messages=[QUESTION], **extra)
    if not stream:
        return claude.messages.create(**request)
    with claude.messages.stream(**request) as s:
        return s.get_final_message()


def answer_tool(claude, model, first, **extra):
    call = next(b for b in first.content if b.type == "tool_use")
    return claude.messages.create(
        model=model, max_tokens=2048, tools=[WEATHER_TOOL], messages=[
            QUESTION,
            # The assistant turn goes back as it came, signatures included.
            {"role": "assistant", "content": first.content},
            {"role": "user", "content": [{"type": "tool_result",
                                          "tool_use_id": call.id,
                                          "content": "18C and sunny"}]}],
        **extra)


@pytest.mark.parametrize("stream", [False, True])
def test_thinking_signature_comes_back_and_goes_back(claude, stream):
    first = ask(claude, ANTHROPIC_MODEL, stream, thinking=THINKING)
    assert [b.type for b in first.content] == ["thinking", "tool_use"]
    thinking, call = first.content
    assert thinking.thinking == "The user wants the weather."
    assert thinking.signature == "sig-fake-1"
    assert (call.name, call.input) == ("get_weather", {"location": "Paris"})
    assert first.stop_reason == "tool_use"

    second = answer_tool(claude, ANTHROPIC_MODEL, first, thinking=THINKING)
    # The fake says so only when the signed block came back unchanged.
    assert second.content[-1].text == "The tool said so; signature received."
    assert second.stop_reason == "end_turn"


@pytest.mark.parametrize("stream", [False, True])
def test_the_same_conversation_on_an_openai_upstream(claude, stream):
    first = ask(claude, OPENAI_MODEL, stream)
    assert [b.type for b in first.content] == ["tool_use"]
    call = first.content[0]
    assert (call.name, call.input) == ("get_weather", {"location": "Paris"})
    assert call.id
    assert first.stop_reason == "tool_use"

    second = answer_tool(claude, OPENAI_MODEL, first)
    assert second.content[0].text == "Hello from the fake"
    assert second.stop_reason == "end_turn"


def test_tool_choice_and_parallel_flag_are_accepted(claude):
    message = claude.messages.create(
        model=ANTHROPIC_MODEL, max_tokens=100, tools=[WEATHER_TOOL],
        tool_choice={"type": "any", "disable_parallel_tool_use": True},
        messages=[QUESTION], stop_sequences=["END"],
        metadata={"user_id": "user-42"},
        # Sampling members this SDK version no longer types.
        extra_body={"top_k": 40, "temperature": 0.5})
    assert message.content[0].type == "tool_use"
