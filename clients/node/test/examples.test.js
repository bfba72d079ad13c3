// Runs every example against the server at $LITERLLM_TARGET (the real
// literllm server in front of the fake OpenAI, see clients/testing).
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const path = require('node:path');

const examples = path.join(__dirname, '..', 'examples');

function run(name) {
  assert.ok(process.env.LITERLLM_TARGET, 'LITERLLM_TARGET must be set (run via clients/testing/with_gateway.sh)');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(examples, name)], { timeout: 30000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${name} failed: ${err.message}\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

test('basic_chat', async () => {
  assert.match(await run('basic_chat.js'), /^Hello from the fake$/m);
});

test('multi_turn prints token usage', async () => {
  const out = await run('multi_turn.js');
  assert.equal(out.match(/assistant: Hello from the fake/g).length, 2);
  assert.match(out, /tokens: prompt=12 completion=5 total=17/);
  assert.match(out, /cached tokens: 4/);
  assert.match(out, /estimated cost: \$\d/);
  assert.match(out, /answered by openai \(gpt-4o-2024-08-06\)/);
});

test('sampling_params', async () => {
  const out = await run('sampling_params.js');
  assert.match(out, /Hello from the fake/);
  assert.match(out, /finish_reason: stop/);
});

test('response_format', async () => {
  const out = await run('response_format.js');
  assert.match(out, /json_object: \{ city: 'Paris', temperature_c: 18 \}/);
  assert.match(out, /json_schema: Paris is 18°C/);
});

test('tool_calling', async () => {
  const out = await run('tool_calling.js');
  assert.match(out, /finish_reason: tool_calls/);
  assert.match(out, /tool call call_1: get_weather\(\{"location":"Paris"\}\)/);
  assert.match(out, /final answer: Hello from the fake/);
});

test('streaming', async () => {
  const out = await run('streaming.js');
  assert.match(out, /^Hello from the fake$/m);
  assert.match(out, /tokens: prompt=9 completion=3 total=12/);
});
