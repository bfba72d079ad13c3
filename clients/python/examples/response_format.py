"""Structured output: response_format json_object and json_schema."""
import asyncio
import json
import os

from literllm import LlmClient

MODEL = os.environ.get("LITERLLM_TEST_MODEL", "openai/gpt-4o")

WEATHER_SCHEMA = {
    "type": "object",
    "properties": {
        "city": {"type": "string"},
        "temperature_c": {"type": "number"},
    },
    "required": ["city", "temperature_c"],
    "additionalProperties": False,
}


async def main() -> None:
    async with LlmClient(os.environ.get("LITERLLM_TARGET", "localhost:50051")) as client:
        # Any JSON object.
        response = await client.chat(
            model=MODEL,
            messages=[
                {"role": "system", "content": "Answer in JSON."},
                {"role": "user", "content": "What's the weather in Paris?"},
            ],
            response_format={"type": "json_object"},
        )
        data = json.loads(response.choices[0].message.content)
        print(f"json_object: {data}")

        # JSON following a schema, given as a plain dict.
        response = await client.chat(
            model=MODEL,
            messages=[{"role": "user", "content": "What's the weather in Paris?"}],
            response_format={
                "type": "json_schema",
                "json_schema": {"name": "weather", "schema": WEATHER_SCHEMA, "strict": True},
            },
        )
        weather = json.loads(response.choices[0].message.content)
        print(f"json_schema: {weather['city']} is {weather['temperature_c']} °C")


if __name__ == "__main__":
    asyncio.run(main())
