"""Runs every example against the gateway (real server + fake OpenAI)."""
import os
import subprocess

import pytest

from conftest import EXAMPLES_DIR, PYTHON

EXPECTED = {
    "basic_chat.py": ["Hello from the fake"],
    "multi_turn.py": ["Assistant: Hello from the fake", "Tokens: 12 prompt + 5 completion = 17 total",
                      "Cached prompt tokens: 4", "(openai)"],
    "sampling_parameters.py": ["Hello from the fake", "finish_reason: stop",
                               "model: gpt-4o-2024-08-06"],
    "response_format.py": ["json_object: {'city': 'Paris', 'temperature_c': 18}",
                           "json_schema: Paris is 18 °C"],
    "tool_calling.py": ["finish_reason: tool_calls",
                        "Tool call call_1: get_weather({'location': 'Paris'})",
                        "Final answer: Hello from the fake"],
    "streaming.py": ["Hello from the fake\n", "Tokens: 9 prompt + 3 completion = 12 total"],
}


def test_every_example_is_tested():
    examples = sorted(f for f in os.listdir(EXAMPLES_DIR) if f.endswith(".py"))
    assert examples == sorted(EXPECTED)


@pytest.mark.parametrize("example", sorted(EXPECTED))
def test_example(example, gateway_target, model):
    env = dict(os.environ, LITERLLM_TARGET=gateway_target, LITERLLM_TEST_MODEL=model,
               PYTHONIOENCODING="utf-8")
    run = subprocess.run([PYTHON, os.path.join(EXAMPLES_DIR, example)], env=env,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    for expected in EXPECTED[example]:
        assert expected in run.stdout, run.stdout
