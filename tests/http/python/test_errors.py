"""Failures as the SDK's exception classes, with OpenAI's error shape.

The fake provider answers model `openai/error-NNN` with HTTP NNN and an
OpenAI error body; the gateway relays the provider's message, prefixed with
the provider's name. Retries are off (SDK and gateway) so each test makes one
upstream call.
"""
import os

import openai
import pytest

from openai_shapes import assert_openai_error

HELLO = [{"role": "user", "content": "Hello!"}]
PROVIDER_KEY = "sk-client-tests-NeverLeak0123456789"  # with_gateway.sh's


@pytest.mark.parametrize("upstream, exception, status, relayed", [
    ("error-400", openai.BadRequestError, {400}, "Invalid value for 'temperature'"),
    ("error-401", openai.AuthenticationError, {401}, "Incorrect API key provided"),
    ("error-403", openai.PermissionDeniedError, {403}, "Country, region, or territory"),
    ("error-404", openai.NotFoundError, {404}, "does not exist"),
    ("error-429", openai.RateLimitError, {429}, "Rate limit reached"),
    ("error-500", openai.InternalServerError, {502, 503}, "HTTP 500"),
    ("error-503", openai.InternalServerError, {502, 503}, "HTTP 503"),
])
def test_provider_error_is_relayed_with_its_status(error_client, upstream, exception,
                                                   status, relayed):
    with pytest.raises(exception) as caught:
        error_client.chat.completions.create(model=f"openai/{upstream}", messages=HELLO)
    assert caught.value.status_code in status
    error = assert_openai_error(caught.value.response, caught.value.status_code)
    assert error["message"].startswith("openai: "), error
    assert relayed in error["message"], error
    assert PROVIDER_KEY not in caught.value.response.text


def test_rate_limit_keeps_retry_after(error_client):
    with pytest.raises(openai.RateLimitError) as caught:
        error_client.chat.completions.create(model="openai/error-429", messages=HELLO)
    assert caught.value.response.headers.get("retry-after") == "1"


def test_provider_key_in_an_upstream_error_is_redacted(error_client):
    with pytest.raises(openai.AuthenticationError) as caught:
        error_client.chat.completions.create(model="openai/error-401", messages=HELLO)
    assert PROVIDER_KEY not in caught.value.response.text
    assert PROVIDER_KEY not in str(caught.value)
    with open(os.environ["LITERLLM_SERVER_LOG"], encoding="utf-8", errors="replace") as f:
        assert PROVIDER_KEY not in f.read()


@pytest.mark.parametrize("upstream, exception", [
    ("error-429", openai.RateLimitError),
    ("error-401", openai.AuthenticationError),
])
def test_streamed_call_failing_upstream_gets_the_error_status(error_client, upstream,
                                                              exception):
    with pytest.raises(exception) as caught:
        for _ in error_client.chat.completions.create(
                model=f"openai/{upstream}", messages=HELLO, stream=True):
            pass
    assert_openai_error(caught.value.response, caught.value.status_code)


def test_unparseable_provider_answer_is_a_server_error(error_client):
    with pytest.raises(openai.InternalServerError) as caught:
        error_client.chat.completions.create(model="openai/garbage", messages=HELLO)
    assert caught.value.status_code in {500, 502}
    error = assert_openai_error(caught.value.response, caught.value.status_code)
    assert error["message"].startswith("openai: "), error


def test_attempt_timeout_header_gives_504(error_client):
    with pytest.raises(openai.InternalServerError) as caught:
        error_client.chat.completions.create(
            model="openai/slow", messages=HELLO,
            extra_headers={"literllm-attempt-timeout": "300ms"})
    assert caught.value.status_code == 504
    assert_openai_error(caught.value.response, 504)


def test_bad_max_retries_header_is_refused(client):
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model="openai/error-429", messages=HELLO,
                                       extra_headers={"literllm-max-retries": "many"})
    error = assert_openai_error(caught.value.response, 400)
    assert "literllm-max-retries" in error["message"], error


@pytest.mark.parametrize("request_body, mentions", [
    ({"model": "nosuch/model", "messages": HELLO}, "nosuch"),
    ({"model": "", "messages": HELLO}, "model"),
    ({"model": "openai/gpt-4o", "messages": []}, "messages"),
    ({"model": "openai/gpt-4o", "messages": [{"role": "wizard", "content": "hi"}]}, "wizard"),
])
def test_invalid_request_is_refused_before_any_upstream_call(error_client, request_body,
                                                             mentions):
    with pytest.raises(openai.BadRequestError) as caught:
        error_client.chat.completions.create(**request_body)
    error = assert_openai_error(caught.value.response, 400)
    assert mentions in error["message"], error
