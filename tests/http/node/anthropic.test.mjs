// The official `@anthropic-ai/sdk` npm package against literllm's
// Anthropic-compatible front, in front of fake-anthropic and fake-openai:
// create, the stream helper's finalMessage, a tool round trip with a signed
// thinking block, the same conversation on an OpenAI upstream, error classes,
// token counting.
import assert from 'node:assert/strict';
import test from 'node:test';

import Anthropic from '@anthropic-ai/sdk';

const httpBase = process.env.LITERLLM_HTTP_BASE_URL;
assert.ok(httpBase, 'LITERLLM_HTTP_BASE_URL is not set (use clients/testing/with_gateway.sh)');
// The SDK takes the host root and adds /v1/messages.
const baseURL = httpBase.replace(/\/v1$/, '');
const client = new Anthropic({ baseURL, apiKey: 'sk-caller-unused', maxRetries: 0, timeout: 30_000 });
const noRetries = { headers: { 'literllm-max-retries': '0' } };

const ANTHROPIC = 'anthropic/claude-sonnet-4-5';
const OPENAI = 'openai/gpt-4o';
const hello = [{ role: 'user', content: 'Hello!' }];
const question = { role: 'user', content: 'What is the weather in Paris?' };
const weather = {
  name: 'get_weather',
  description: 'Current weather in a city',
  input_schema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
};
const thinking = { type: 'enabled', budget_tokens: 1024 };

test('create on an Anthropic and an OpenAI upstream', async () => {
  for (const [model, text] of [[ANTHROPIC, 'Hello from fake Anthropic'], [OPENAI, 'Hello from the fake']]) {
    const message = await client.messages.create({ model, max_tokens: 100, messages: hello });
    assert.equal(message.type, 'message');
    assert.equal(message.content[0].text, text);
    assert.equal(message.stop_reason, 'end_turn');
    assert.ok(message.usage.input_tokens > 0 && message.usage.output_tokens > 0);
  }
});

test('stream helper: finalMessage on both upstreams', async () => {
  for (const [model, text] of [[ANTHROPIC, 'Hello from fake Anthropic'], [OPENAI, 'Hello from the fake']]) {
    const stream = client.messages.stream({ model, max_tokens: 100, messages: hello });
    let streamed = '';
    stream.on('text', (delta) => { streamed += delta; });
    const message = await stream.finalMessage();
    assert.equal(streamed, text);
    assert.equal(message.content[0].text, text);
    assert.ok(message.usage.output_tokens > 0);
  }
});

test('thinking signature comes back and goes back in a tool loop', async () => {
  const first = await client.messages.stream({
    model: ANTHROPIC, max_tokens: 2048, thinking, tools: [weather], messages: [question],
  }).finalMessage();
  assert.deepEqual(first.content.map((b) => b.type), ['thinking', 'tool_use']);
  assert.equal(first.content[0].signature, 'sig-fake-1');
  assert.deepEqual(first.content[1].input, { location: 'Paris' });
  const second = await client.messages.create({
    model: ANTHROPIC, max_tokens: 2048, thinking, tools: [weather], messages: [
      question,
      { role: 'assistant', content: first.content },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: first.content[1].id, content: '18C' }] },
    ],
  });
  assert.equal(second.content.at(-1).text, 'The tool said so; signature received.');
});

test('the same tool conversation on an OpenAI upstream', async () => {
  const first = await client.messages.stream({ model: OPENAI, max_tokens: 100, tools: [weather], messages: [question] })
    .finalMessage();
  assert.equal(first.stop_reason, 'tool_use');
  const call = first.content.find((b) => b.type === 'tool_use');
  assert.deepEqual(call.input, { location: 'Paris' });
  const second = await client.messages.create({
    model: OPENAI, max_tokens: 100, tools: [weather], messages: [
      question,
      { role: 'assistant', content: first.content },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: '18C' }] },
    ],
  });
  assert.equal(second.content[0].text, 'Hello from the fake');
});

test('error classes', async () => {
  const cases = [
    ['anthropic/error-401', Anthropic.AuthenticationError, 401, 'authentication_error'],
    ['anthropic/error-404', Anthropic.NotFoundError, 404, 'not_found_error'],
    ['anthropic/error-429', Anthropic.RateLimitError, 429, 'rate_limit_error'],
    ['anthropic/error-500', Anthropic.InternalServerError, 500, 'api_error'],
    ['anthropic/error-529', Anthropic.InternalServerError, 529, 'overloaded_error'],
    ['openai/error-429', Anthropic.RateLimitError, 429, 'rate_limit_error'],
  ];
  for (const [model, errorClass, status, type] of cases) {
    await assert.rejects(
      client.messages.create({ model, max_tokens: 10, messages: hello }, noRetries),
      (error) => {
        assert.ok(error instanceof errorClass, `${model}: ${error}`);
        assert.equal(error.status, status);
        assert.equal(error.error.type, 'error');
        assert.equal(error.error.error.type, type);
        if (status === 429) assert.equal(error.headers.get('retry-after'), '1');
        return true;
      });
  }
  await assert.rejects(
    client.messages.create({ model: OPENAI, max_tokens: 10, messages: [{ role: 'system', content: 'x' }] }),
    Anthropic.BadRequestError);
});

test('count_tokens: Anthropic counts, others are estimated', async () => {
  const counted = await client.messages.countTokens({ model: ANTHROPIC, messages: [question], tools: [weather] });
  assert.equal(counted.input_tokens, 42);
  const { data, response } = await client.messages.countTokens({ model: OPENAI, messages: [question] }).withResponse();
  assert.equal(data.input_tokens, 8);
  assert.equal(response.headers.get('x-literllm-estimate'), 'true');
});
