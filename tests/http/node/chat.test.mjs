// The official `openai` npm package against literllm's HTTP front: chat,
// streaming with usage, the stream helper, and an error class.
import assert from 'node:assert/strict';
import test from 'node:test';

import OpenAI from 'openai';

const baseURL = process.env.LITERLLM_HTTP_BASE_URL;
const model = process.env.LITERLLM_TEST_MODEL || 'openai/gpt-4o';
const messages = [{ role: 'user', content: 'Hello!' }];

assert.ok(baseURL, 'LITERLLM_HTTP_BASE_URL is not set (use clients/testing/with_gateway.sh)');
const client = new OpenAI({ baseURL, apiKey: 'sk-caller-unused', maxRetries: 0, timeout: 30_000 });

test('chat completion', async () => {
  const response = await client.chat.completions.create({ model, messages, temperature: 0.7 });
  assert.equal(response.object, 'chat.completion');
  assert.ok(Number.isInteger(response.created));
  assert.equal(response.choices[0].message.role, 'assistant');
  assert.equal(response.choices[0].message.content, 'Hello from the fake');
  assert.equal(response.choices[0].finish_reason, 'stop');
  assert.equal(response.usage.total_tokens, 17);
  assert.equal(response.provider, 'openai');
  assert.ok(response.estimated_cost_usd > 0, `estimated_cost_usd: ${response.estimated_cost_usd}`);
});

test('stream with include_usage ends with a usage chunk', async () => {
  const stream = await client.chat.completions.create({
    model, messages, stream: true, stream_options: { include_usage: true },
  });
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  const last = chunks.pop();
  assert.equal(chunks.map((c) => c.choices[0].delta.content ?? '').join(''), 'Hello from the fake');
  assert.ok(chunks.every((c) => c.object === 'chat.completion.chunk' && !c.usage));
  assert.deepEqual(last.choices, []);
  assert.equal(last.usage.total_tokens, 12);
  assert.ok(last.estimated_cost_usd > 0, `estimated_cost_usd: ${last.estimated_cost_usd}`);
});

test('stream helper assembles text and parallel tool calls', async () => {
  const text = client.chat.completions.stream({ model, messages });
  assert.equal((await text.finalChatCompletion()).choices[0].message.content, 'Hello from the fake');

  const tool = (name, property) => ({
    type: 'function',
    function: { name, parameters: { type: 'object', properties: { [property]: { type: 'string' } } } },
  });
  const calls = client.chat.completions.stream({
    model, messages, tools: [tool('get_weather', 'location'), tool('get_time', 'city')],
    parallel_tool_calls: true,
  });
  const message = (await calls.finalChatCompletion()).choices[0].message;
  assert.deepEqual(
    message.tool_calls.map((c) => [c.id, c.function.name, JSON.parse(c.function.arguments)]),
    [['call_1', 'get_weather', { location: 'Paris' }], ['call_2', 'get_time', { city: 'Tokyo' }]],
  );
});

test('provider 429 is a RateLimitError with Retry-After', async () => {
  await assert.rejects(
    client.chat.completions.create(
      { model: 'openai/error-429', messages },
      { headers: { 'literllm-max-retries': '0' } },
    ),
    (error) => {
      assert.ok(error instanceof OpenAI.RateLimitError, `${error}`);
      assert.equal(error.status, 429);
      assert.equal(error.headers.get('retry-after'), '1');
      assert.match(error.error.message, /^openai: /);
      return true;
    },
  );
});
