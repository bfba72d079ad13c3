"""Fixtures for the HTTP front's tests with the official `openai` SDK.

The gateway runs in front of tests/e2e/fake-openai (clients/testing/
with_gateway.sh), which exports LITERLLM_HTTP_BASE_URL. Nothing here skips:
a missing variable or feature is a failure.
"""
import os

import httpx
import openai
import pytest


@pytest.fixture(scope="session")
def base_url():
    url = os.environ.get("LITERLLM_HTTP_BASE_URL")
    if not url:
        pytest.fail("LITERLLM_HTTP_BASE_URL is not set: run through "
                    "clients/testing/with_gateway.sh, with a server that has --http_listen",
                    pytrace=False)
    return url


@pytest.fixture(scope="session")
def model():
    return os.environ.get("LITERLLM_TEST_MODEL", "openai/gpt-4o")


@pytest.fixture(scope="session")
def client(base_url):
    # No LITERLLM_MASTER_KEY on the gateway, so any caller key is accepted.
    with openai.OpenAI(base_url=base_url, api_key="sk-caller-unused",
                       max_retries=0, timeout=30) as c:
        yield c


@pytest.fixture(scope="session")
def error_client(client):
    """A client for provider failures: neither the SDK nor the gateway retries."""
    return client.with_options(max_retries=0,
                               default_headers={"literllm-max-retries": "0"})


@pytest.fixture(scope="session")
def http(base_url):
    """Raw HTTP to the front's root (the /v1 paths, /healthz, /readyz)."""
    with httpx.Client(base_url=base_url.removesuffix("/v1"), timeout=30) as c:
        yield c


def pytest_sessionfinish(session, exitstatus):
    """A skipped test here means a missing feature: fail the run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and reporter.stats.get("skipped") and exitstatus == 0:
        session.exitstatus = 1
