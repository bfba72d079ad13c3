// Client behaviour checked against an in-process grpc-js server built from the
// same proto: metadata, deadline, retry of UNAVAILABLE, request encoding.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const lib = require('..');
const { LlmClient, LlmError, status, toStruct, fromStruct } = lib;

const def = protoLoader.loadSync('literllm/v1/llm_service.proto', {
  includeDirs: [lib.protoDir()], keepCase: true, longs: Number, enums: String, defaults: true, arrays: true,
});
const { LlmService } = grpc.loadPackageDefinition(def).literllm.v1;

let server; let target;
const seen = [];
let failuresLeft = 0;

function reply(content) {
  return { id: 'x', object: 'chat.completion', model: 'm', provider: 'p',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] };
}

before(async () => {
  server = new grpc.Server();
  server.addService(LlmService.service, {
    Chat(call, cb) {
      seen.push({ metadata: call.metadata.getMap(), request: call.request });
      const first = call.request.messages[0]?.content;
      if (first === 'flaky' && failuresLeft > 0) {
        failuresLeft -= 1;
        return cb({ code: grpc.status.UNAVAILABLE, details: 'try again' });
      }
      if (first === 'slow') return setTimeout(() => cb(null, reply('late')), 2000);
      if (first === 'denied') return cb({ code: grpc.status.PERMISSION_DENIED, details: 'no such key' });
      cb(null, reply('ok'));
    },
    ChatStream(call) {
      call.write({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: 'a' } }] });
      call.end();
    },
    ListModels(call, cb) { cb(null, { object: 'list', data: [{ id: 'p/m', object: 'model', provider: 'p' }] }); },
  });
  const port = await new Promise((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
  target = `127.0.0.1:${port}`;
});
after(() => server.forceShutdown());

const msg = (content) => [{ role: 'user', content }];

test('api key is sent as authorization: Bearer metadata', async () => {
  const c = new LlmClient({ target, apiKey: 'sk-test-123' });
  await c.chat({ model: 'p/m', messages: msg('hi') }, { metadata: { 'literllm-max-retries': 2 } });
  const { metadata } = seen[seen.length - 1];
  assert.equal(metadata.authorization, 'Bearer sk-test-123');
  assert.equal(metadata['literllm-max-retries'], '2');
  c.close();
});

test('api key defaults to $LITERLLM_API_KEY; none sends no header', async () => {
  const saved = process.env.LITERLLM_API_KEY;
  try {
    process.env.LITERLLM_API_KEY = 'sk-from-env';
    let c = new LlmClient({ target });
    await c.chat({ model: 'p/m', messages: msg('hi') });
    assert.equal(seen[seen.length - 1].metadata.authorization, 'Bearer sk-from-env');
    c.close();
    delete process.env.LITERLLM_API_KEY;
    c = new LlmClient({ target });
    await c.chat({ model: 'p/m', messages: msg('hi') });
    assert.equal(seen[seen.length - 1].metadata.authorization, undefined);
    c.close();
  } finally {
    if (saved === undefined) delete process.env.LITERLLM_API_KEY; else process.env.LITERLLM_API_KEY = saved;
  }
});

test('default deadline gives DEADLINE_EXCEEDED; per-call timeout overrides it', async () => {
  const c = new LlmClient({ target, timeout: 200 });
  await assert.rejects(c.chat({ model: 'p/m', messages: msg('slow') }),
    (e) => e instanceof LlmError && e.code === status.DEADLINE_EXCEEDED);
  const r = await c.chat({ model: 'p/m', messages: msg('slow') }, { timeout: 10000 });
  assert.equal(r.choices[0].message.content, 'late');
  c.close();
});

test('AbortSignal cancels a call', async () => {
  const c = new LlmClient({ target });
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 100);
  await assert.rejects(c.chat({ model: 'p/m', messages: msg('slow') }, { signal: ac.signal }),
    (e) => e instanceof LlmError && e.code === status.CANCELLED);
  c.close();
});

test('UNAVAILABLE is retried via the service config', async () => {
  const c = new LlmClient({ target, retry: { initialBackoff: '0.01s', maxBackoff: '0.05s' } });
  failuresLeft = 2;
  const before = seen.length;
  const r = await c.chat({ model: 'p/m', messages: msg('flaky') });
  assert.equal(r.choices[0].message.content, 'ok');
  assert.equal(seen.length - before, 3);
  c.close();

  const noRetry = new LlmClient({ target, retry: false });
  failuresLeft = 1;
  await assert.rejects(noRetry.chat({ model: 'p/m', messages: msg('flaky') }),
    (e) => e.code === status.UNAVAILABLE && e.details === 'try again');
  noRetry.close();
});

test('other codes are not retried and surface as LlmError', async () => {
  const c = new LlmClient({ target });
  const before = seen.length;
  await assert.rejects(c.chat({ model: 'p/m', messages: msg('denied') }),
    (e) => e instanceof LlmError && e.code === status.PERMISSION_DENIED && e.details === 'no such key');
  assert.equal(seen.length - before, 1);
  c.close();
});

test('request encoding: Struct, Value, Duration, int64, stop string', async () => {
  const c = new LlmClient({ target });
  const schema = { type: 'object', properties: { n: { type: 'number', minimum: 1.5 }, tags: { type: 'array', items: [true, null] } } };
  await c.chat({
    model: 'p/m', messages: msg('hi'), seed: 12345678901, stop: 'END', attempt_timeout: '1.5s',
    tool_choice: 'required',
    tools: [{ function: { name: 'f', parameters: schema } }],
    response_format: { type: 'json_schema', json_schema: { name: 's', schema } },
  });
  const { request } = seen[seen.length - 1];
  assert.equal(request.seed, 12345678901);
  assert.deepEqual(request.stop, ['END']);
  assert.deepEqual(request.attempt_timeout, { seconds: 1, nanos: 500000000 });
  assert.equal(request.tools[0].type, 'function');
  assert.deepEqual(fromStruct(request.tools[0].function.parameters), schema);
  assert.deepEqual(fromStruct(request.response_format.json_schema.schema), schema);
  const vf = Object.keys(request.tool_choice);
  assert.deepEqual(Object.values(request.tool_choice), ['required'], `tool_choice ${vf}`);
  c.close();
});

test('toStruct / fromStruct round-trip native maps', () => {
  const obj = { a: 1, b: 'x', c: true, d: null, e: [1, 'two', { f: false }], g: { h: { i: [] } } };
  assert.deepEqual(fromStruct(toStruct(obj)), obj);
  assert.throws(() => toStruct([1, 2]), TypeError);
});

test('stream and listModels against the local server', async () => {
  const c = new LlmClient({ target });
  const chunks = [];
  for await (const ch of c.chatStream({ model: 'p/m', messages: msg('hi') })) chunks.push(ch);
  assert.equal(chunks.length, 1);
  assert.equal(chunks[0].choices[0].delta.content, 'a');
  const models = await c.listModels();
  assert.equal(models.data[0].id, 'p/m');
  c.close();
});

test('default target is localhost:50051 without $LITERLLM_TARGET', () => {
  const saved = process.env.LITERLLM_TARGET;
  delete process.env.LITERLLM_TARGET;
  try {
    const c = new LlmClient();
    assert.equal(c.target, 'localhost:50051');
    c.close();
  } finally {
    if (saved !== undefined) process.env.LITERLLM_TARGET = saved;
  }
});

test('service config retries UNAVAILABLE for literllm.v1.LlmService', () => {
  const cfg = lib.retryServiceConfig(true);
  assert.deepEqual(cfg.methodConfig[0].name, [{ service: 'literllm.v1.LlmService' }]);
  assert.deepEqual(cfg.methodConfig[0].retryPolicy.retryableStatusCodes, ['UNAVAILABLE']);
});
