"""Assertions on the shapes OpenAI's API answers with."""


def assert_openai_error(response, status):
    """`response` (an httpx response) has `status` and OpenAI's error body:
    {"error": {"message", "type", "param", "code"}}; returns the error object."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert {"message", "type", "param", "code"} <= set(error), error
    assert isinstance(error["message"], str) and error["message"], error
    assert isinstance(error["type"], str) and error["type"], error
    assert error["param"] is None or isinstance(error["param"], str), error
    assert error["code"] is None or isinstance(error["code"], str), error
    return error


def extra(obj, name):
    """A field the SDK's types do not declare (e.g. estimated_cost_usd)."""
    return (obj.model_extra or {}).get(name)
