"""Fixtures for the Anthropic front's tests with the official `anthropic` SDK.

The gateway runs in front of tests/e2e/fake-openai and tests/e2e/fake-anthropic
(clients/testing/with_gateway.sh with LITERLLM_FAKE_ANTHROPIC), so one
conversation can go to an Anthropic and to an OpenAI upstream. Nothing here
skips: a missing variable or feature is a failure.
"""
import os

import anthropic
import httpx
import pytest

# anthropic/... reaches fake-anthropic; openai/... fake-openai.
ANTHROPIC_MODEL = "anthropic/claude-sonnet-4-5"
OPENAI_MODEL = "openai/gpt-4o"
WEATHER_TOOL = {
    "name": "get_weather",
    "description": "Current weather in a city",
    "input_schema": {"type": "object",
                     "properties": {"location": {"type": "string"}},
                     "required": ["location"]},
}


@pytest.fixture(scope="session")
def root_url():
    url = os.environ.get("LITERLLM_HTTP_BASE_URL")
    if not url:
        pytest.fail("LITERLLM_HTTP_BASE_URL is not set: run through "
                    "clients/testing/with_gateway.sh", pytrace=False)
    # Anthropic's SDKs take the host root (they add /v1/messages).
    return url.removesuffix("/v1")


@pytest.fixture(scope="session")
def claude(root_url):
    # No LITERLLM_MASTER_KEY on the gateway, so any caller key is accepted.
    with anthropic.Anthropic(base_url=root_url, api_key="sk-caller-unused",
                             max_retries=0, timeout=30) as c:
        yield c


@pytest.fixture(scope="session")
def error_claude(claude):
    """For provider failures: neither the SDK nor the gateway retries."""
    return claude.with_options(max_retries=0,
                               default_headers={"literllm-max-retries": "0"})


@pytest.fixture(scope="session")
def http(root_url):
    with httpx.Client(base_url=root_url, timeout=30) as c:
        yield c


def pytest_sessionfinish(session, exitstatus):
    """A skipped test here means a missing feature: fail the run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and reporter.stats.get("skipped") and exitstatus == 0:
        session.exitstatus = 1
