"""Tool calling: the model calls a tool, we run it, send the result back and
get the final answer."""
import asyncio
import json
import os

from literllm import LlmClient

MODEL = os.environ.get("LITERLLM_TEST_MODEL", "openai/gpt-4o")

TOOLS = [{
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Get the current weather for a location",
        "parameters": {
            "type": "object",
            "properties": {
                "location": {"type": "string", "description": "City name"},
            },
            "required": ["location"],
        },
    },
}]


def get_weather(location: str) -> dict:
    return {"location": location, "temperature_c": 18, "conditions": "sunny"}


async def main() -> None:
    async with LlmClient(os.environ.get("LITERLLM_TARGET", "localhost:50051")) as client:
        messages = [{"role": "user", "content": "What's the weather in Paris?"}]
        response = await client.chat(model=MODEL, messages=messages, tools=TOOLS,
                                     tool_choice="auto")
        assistant = response.choices[0].message
        print(f"finish_reason: {response.choices[0].finish_reason}")

        # Keep the assistant turn (with its tool calls) in the history, then
        # answer each call with a `tool` message.
        messages.append(assistant)
        for call in assistant.tool_calls:
            args = json.loads(call.function.arguments)
            print(f"Tool call {call.id}: {call.function.name}({args})")
            result = get_weather(**args)
            messages.append({
                "role": "tool",
                "tool_call_id": call.id,
                "content": json.dumps(result),
            })

        final = await client.chat(model=MODEL, messages=messages, tools=TOOLS)
        print(f"Final answer: {final.choices[0].message.content}")


if __name__ == "__main__":
    asyncio.run(main())
