// Client API against the real server (in front of the fake OpenAI).
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const {
  LlmClient, LlmError, status, systemMessage, userMessage, assistantMessage, toolMessage,
} = require('..');

const model = process.env.LITERLLM_TEST_MODEL || 'openai/gpt-4o';
let client;

before(() => {
  assert.ok(process.env.LITERLLM_TARGET, 'LITERLLM_TARGET must be set (run via clients/testing/with_gateway.sh)');
  client = new LlmClient({ timeout: 20000 }); // target from $LITERLLM_TARGET
});
after(() => client.close());

test('target defaults to $LITERLLM_TARGET', () => {
  assert.equal(client.target, process.env.LITERLLM_TARGET);
});

test('plain-object messages', async () => {
  const r = await client.chat({ model, messages: [{ role: 'user', content: 'Hi' }] });
  assert.equal(r.object, 'chat.completion');
  assert.equal(r.choices[0].message.role, 'assistant');
  assert.equal(r.choices[0].message.content, 'Hello from the fake');
  assert.equal(r.choices[0].finish_reason, 'stop');
  assert.equal(r.provider, 'openai');
  assert.equal(r.usage.completion_tokens_details.reasoning_tokens, 2);
  assert.equal(typeof r.created, 'number');
  assert.equal(r.choices[0].message.tool_calls, undefined, 'no empty tool_calls array');
});

test('typed messages (helpers) and OpenAI content parts', async () => {
  const r = await client.chat({
    model,
    messages: [
      systemMessage('Be terse.'),
      userMessage('Hi'),
      assistantMessage('Hello'),
      userMessage([{ type: 'text', text: 'Describe this' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }]),
    ],
  });
  assert.equal(r.choices[0].message.content, 'Hello from the fake');
});

test('tools with native-map parameters, tool_choice object, tool result turn', async () => {
  const tools = [{
    type: 'function',
    function: {
      name: 'get_weather',
      parameters: {
        type: 'object',
        properties: { location: { type: 'string' }, days: { type: 'integer', minimum: 1 }, units: { enum: ['c', 'f', null] } },
        required: ['location'],
        additionalProperties: false,
      },
      strict: true,
    },
  }];
  const messages = [userMessage('Weather in Paris?')];
  const r = await client.chat({
    model, messages, tools,
    tool_choice: { type: 'function', function: { name: 'get_weather' } },
    parallel_tool_calls: false,
    attempt_timeout: '15s',
    max_retries: 1,
  });
  const call = r.choices[0].message.tool_calls[0];
  assert.equal(call.id, 'call_1');
  assert.equal(call.type, 'function');
  assert.equal(call.function.name, 'get_weather');
  assert.deepEqual(JSON.parse(call.function.arguments), { location: 'Paris' });

  // Arguments may also be given back as an object.
  messages.push(assistantMessage(null, {
    tool_calls: [{ id: call.id, function: { name: call.function.name, arguments: { location: 'Paris' } } }],
  }));
  messages.push(toolMessage(call.id, { temperature_c: 18 }));
  const final = await client.chat({ model, messages, tools });
  assert.equal(final.choices[0].message.content, 'Hello from the fake');
});

test('streamed tool call fragments concatenate', async () => {
  const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }];
  let id; let name; let args = ''; let finish;
  for await (const chunk of client.chatStream({ model, messages: [userMessage('Weather?')], tools })) {
    for (const ch of chunk.choices) {
      for (const tc of ch.delta.tool_calls || []) {
        if (tc.id) id = tc.id;
        if (tc.function?.name) name = tc.function.name;
        if (tc.function?.arguments) args += tc.function.arguments;
      }
      if (ch.finish_reason) finish = ch.finish_reason;
    }
  }
  assert.equal(id, 'call_1');
  assert.equal(name, 'get_weather');
  assert.deepEqual(JSON.parse(args), { location: 'Paris' });
  assert.equal(finish, 'tool_calls');
});

test('stream chunks are OpenAI-shaped; the last carries usage', async () => {
  const chunks = [];
  for await (const c of client.chatStream({ model, messages: [userMessage('Hi')] })) chunks.push(c);
  assert.ok(chunks.every((c) => c.object === 'chat.completion.chunk'));
  const text = chunks.flatMap((c) => c.choices.map((ch) => ch.delta.content || '')).join('');
  assert.equal(text, 'Hello from the fake');
  const last = chunks[chunks.length - 1];
  assert.equal(last.choices.length, 0);
  assert.deepEqual([last.usage.prompt_tokens, last.usage.completion_tokens, last.usage.total_tokens], [9, 3, 12]);
});

test('errors carry the gRPC code and message (unary)', async () => {
  await assert.rejects(
    client.chat({ model: 'nosuch/model', messages: [userMessage('Hi')] }),
    (err) => {
      assert.ok(err instanceof LlmError);
      assert.ok(err instanceof Error);
      assert.equal(err.code, status.INVALID_ARGUMENT);
      assert.equal(err.codeName, 'INVALID_ARGUMENT');
      assert.ok(err.details.length > 0);
      assert.match(err.message, /^INVALID_ARGUMENT: /);
      return true;
    },
  );
});

test('errors carry the gRPC code and message (stream)', async () => {
  await assert.rejects(async () => {
    for await (const _ of client.chatStream({ model: 'nosuch/model', messages: [userMessage('Hi')] })) { /* none */ }
  }, (err) => err instanceof LlmError && err.code === status.INVALID_ARGUMENT);
});

test('bad requests fail locally with TypeError', async () => {
  await assert.rejects(client.chat({ model }), TypeError);
  await assert.rejects(client.chat({ model, messages: [], attempt_timeout: 'soon' }), TypeError);
});

test('unreachable server gives UNAVAILABLE', async () => {
  const c = new LlmClient({ target: '127.0.0.1:1', timeout: 5000, retry: { maxAttempts: 2, initialBackoff: '0.01s' } });
  try {
    await assert.rejects(c.chat({ model, messages: [userMessage('Hi')] }),
      (err) => err instanceof LlmError && err.code === status.UNAVAILABLE);
  } finally {
    c.close();
  }
});
