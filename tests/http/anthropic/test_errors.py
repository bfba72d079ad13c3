"""Failures as Anthropic's SDK raises them: the status decides the class."""
import anthropic
import pytest

from conftest import ANTHROPIC_MODEL, OPENAI_MODEL

HELLO = [{"role": "user", "content": "Hello!"}]


def assert_anthropic_error(response, status, error_type):
    assert response.status_code == status
    body = response.json()
    assert body["type"] == "error"
    assert body["error"]["type"] == error_type
    assert body["error"]["message"]


@pytest.mark.parametrize("provider", ["anthropic", "openai"])
@pytest.mark.parametrize("status, error_class, error_type", [
    (401, anthropic.AuthenticationError, "authentication_error"),
    (403, anthropic.PermissionDeniedError, "permission_error"),
    (404, anthropic.NotFoundError, "not_found_error"),
    (500, anthropic.InternalServerError, "api_error"),
])
def test_provider_failures_raise_the_matching_class(error_claude, provider,
                                                    status, error_class,
                                                    error_type):
    with pytest.raises(error_class) as caught:
        error_claude.messages.create(model=f"{provider}/error-{status}",
                                     max_tokens=10, messages=HELLO)
    assert_anthropic_error(caught.value.response, status, error_type)


@pytest.mark.parametrize("stream", [False, True])
def test_rate_limit_keeps_retry_after(error_claude, stream):
    with pytest.raises(anthropic.RateLimitError) as caught:
        error_claude.messages.create(model="anthropic/error-429", max_tokens=10,
                                     messages=HELLO, stream=stream)
    # A stream that fails before its first event is a real HTTP error.
    assert_anthropic_error(caught.value.response, 429, "rate_limit_error")
    assert caught.value.response.headers["retry-after"] == "1"


def test_overloaded_is_529(error_claude):
    with pytest.raises(anthropic.InternalServerError) as caught:
        error_claude.messages.create(model="anthropic/error-529", max_tokens=10,
                                     messages=HELLO)
    assert isinstance(caught.value, anthropic.OverloadedError)
    assert_anthropic_error(caught.value.response, 529, "overloaded_error")


def test_bad_request_names_the_member(claude):
    with pytest.raises(anthropic.BadRequestError) as caught:
        claude.messages.create(model=OPENAI_MODEL, max_tokens=10, messages=[
            {"role": "user", "content": [{"type": "server_tool_use"}]}])
    assert_anthropic_error(caught.value.response, 400, "invalid_request_error")
    assert caught.value.response.json()["error"]["message"].startswith(
        "messages[0].content[0].type: 'server_tool_use' is not supported")


def test_missing_max_tokens_is_400(http):
    response = http.post("/v1/messages", json={"model": OPENAI_MODEL,
                                               "messages": HELLO})
    assert_anthropic_error(response, 400, "invalid_request_error")
    assert response.json()["error"]["message"] == "max_tokens: required"


def test_unknown_provider_is_400(claude):
    with pytest.raises(anthropic.BadRequestError):
        claude.messages.create(model="nosuch/model", max_tokens=10,
                               messages=HELLO)


def test_failure_after_the_first_event_is_an_error_event(error_claude):
    with pytest.raises(anthropic.APIStatusError) as caught:
        with error_claude.messages.stream(model="anthropic/midstream-error",
                                          max_tokens=10, messages=HELLO) as s:
            for _ in s:
                pass
    assert caught.value.body["type"] == "error"
    assert caught.value.body["error"]["type"] == "overloaded_error"


def test_wrong_method_and_path(http):
    assert_anthropic_error(http.get("/v1/messages"), 405,
                           "invalid_request_error")
    assert_anthropic_error(http.post("/v1/messages/batches", json={}), 404,
                           "not_found_error")
