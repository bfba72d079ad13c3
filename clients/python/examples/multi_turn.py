"""Multi-turn conversation: keep the history, read token usage."""
import asyncio
import os

from literllm import LlmClient

MODEL = os.environ.get("LITERLLM_TEST_MODEL", "openai/gpt-4o")


async def main() -> None:
    async with LlmClient(os.environ.get("LITERLLM_TARGET", "localhost:50051")) as client:
        messages = [
            {"role": "system", "content": "You are a helpful assistant."},
            {"role": "user", "content": "What is the capital of France?"},
        ]
        response = await client.chat(model=MODEL, messages=messages)
        answer = response.choices[0].message.content
        print(f"Assistant: {answer}")

        # Continue the conversation with the answer in the history.
        messages.append({"role": "assistant", "content": answer})
        messages.append({"role": "user", "content": "And what is its population?"})
        response = await client.chat(model=MODEL, messages=messages)
        print(f"Assistant: {response.choices[0].message.content}")

        usage = response.usage
        print(f"Tokens: {usage.prompt_tokens} prompt + {usage.completion_tokens} completion"
              f" = {usage.total_tokens} total")
        print(f"Cached prompt tokens: {usage.prompt_tokens_details.cached_tokens}")
        if response.HasField("estimated_cost_usd"):
            print(f"Estimated cost: ${response.estimated_cost_usd:.6f} ({response.provider})")


if __name__ == "__main__":
    asyncio.run(main())
