"""Sampling parameters: temperature, top_p, max_tokens, seed, stop, penalties."""
import asyncio
import os

from literllm import LlmClient

MODEL = os.environ.get("LITERLLM_TEST_MODEL", "openai/gpt-4o")


async def main() -> None:
    async with LlmClient(os.environ.get("LITERLLM_TARGET", "localhost:50051")) as client:
        response = await client.chat(
            model=MODEL,
            messages=[{"role": "user", "content": "Write a haiku about gRPC."}],
            temperature=0.7,
            top_p=0.9,
            max_tokens=100,
            seed=42,
            stop=["\n\n"],
            presence_penalty=0.1,
            frequency_penalty=0.2,
            user="example-user",
        )
        print(response.choices[0].message.content)
        print(f"finish_reason: {response.choices[0].finish_reason}")
        print(f"model: {response.model}")


if __name__ == "__main__":
    asyncio.run(main())
