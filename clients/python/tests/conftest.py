import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
CLIENT_DIR = os.path.dirname(HERE)
EXAMPLES_DIR = os.path.join(CLIENT_DIR, "examples")


@pytest.fixture
def gateway_target() -> str:
    """$LITERLLM_TARGET: the real server in front of the fake OpenAI
    (clients/testing/with_gateway.sh). Tests using it skip without it."""
    target = os.environ.get("LITERLLM_TARGET")
    if not target:
        pytest.skip("LITERLLM_TARGET is not set (run through clients/testing/with_gateway.sh)")
    return target


@pytest.fixture
def model() -> str:
    return os.environ.get("LITERLLM_TEST_MODEL", "openai/gpt-4o")


@pytest.fixture
async def client(gateway_target):
    from literllm import LlmClient

    async with LlmClient(gateway_target, api_key="") as c:
        yield c


PYTHON = sys.executable
