"""Streaming: print the answer as it arrives, then the usage of the last chunk."""
import asyncio
import os

from literllm import LlmClient

MODEL = os.environ.get("LITERLLM_TEST_MODEL", "openai/gpt-4o")


async def main() -> None:
    async with LlmClient(os.environ.get("LITERLLM_TARGET", "localhost:50051")) as client:
        usage = None
        async for chunk in client.chat_stream(
            model=MODEL,
            messages=[{"role": "user", "content": "Tell me a short story"}],
        ):
            if chunk.choices:
                print(chunk.choices[0].delta.content, end="", flush=True)
            if chunk.HasField("usage"):
                usage = chunk.usage
        print()
        if usage is not None:
            print(f"Tokens: {usage.prompt_tokens} prompt + {usage.completion_tokens} completion"
                  f" = {usage.total_tokens} total")


if __name__ == "__main__":
    asyncio.run(main())
