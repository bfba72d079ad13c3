"""/v1/models: the list and one model, through the SDK and raw."""
import openai
import pytest

from openai_shapes import assert_openai_error


def test_list_models(client):
    raw = client.models.with_raw_response.list()
    assert raw.status_code == 200
    body = raw.http_response.json()
    assert body["object"] == "list"
    models = {m.id: m for m in raw.parse()}
    # The fake OpenAI lists gpt-4o and gpt-4o-mini.
    assert {"openai/gpt-4o", "openai/gpt-4o-mini"} <= set(models), sorted(models)
    for m in models.values():
        assert m.object == "model"
        assert isinstance(m.created, int)


def test_retrieve_a_model_by_its_id(client):
    # The SDK percent-encodes the '/' in the id: /v1/models/openai%2Fgpt-4o.
    m = client.models.retrieve("openai/gpt-4o")
    assert (m.id, m.object) == ("openai/gpt-4o", "model")
    assert isinstance(m.created, int)


def test_retrieve_a_model_by_its_raw_path(http):
    response = http.get("/v1/models/openai/gpt-4o-mini")
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["id"], body["object"]) == ("openai/gpt-4o-mini", "model")


def test_models_are_owned_by_their_provider(client, http):
    # The fake OpenAI says "owned_by":"system"; the gateway names the provider.
    listed = {m.id: m.owned_by for m in client.models.list()}
    assert listed["openai/gpt-4o"] == "openai", listed
    assert client.models.retrieve("openai/gpt-4o").owned_by == "openai"
    assert http.get("/v1/models/openai/gpt-4o").json()["owned_by"] == "openai"


@pytest.mark.parametrize("model_id", ["openai/no-such-model", "nosuch/model"])
def test_retrieve_an_unknown_model_is_404(client, model_id):
    with pytest.raises(openai.NotFoundError) as caught:
        client.models.retrieve(model_id)
    assert_openai_error(caught.value.response, 404)
