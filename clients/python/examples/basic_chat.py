"""Basic chat: one user message, print the answer."""
import asyncio
import os

from literllm import LlmClient

MODEL = os.environ.get("LITERLLM_TEST_MODEL", "openai/gpt-4o")


async def main() -> None:
    client = LlmClient(os.environ.get("LITERLLM_TARGET", "localhost:50051"))
    response = await client.chat(
        model=MODEL,
        messages=[{"role": "user", "content": "Hello!"}],
    )
    print(response.choices[0].message.content)
    await client.close()


if __name__ == "__main__":
    asyncio.run(main())
