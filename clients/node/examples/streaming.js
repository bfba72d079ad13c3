// Streaming: print content deltas as they arrive, then the usage.
const { LlmClient } = require('..');

async function main() {
  const client = new LlmClient({ target: process.env.LITERLLM_TARGET });
  let usage;
  for await (const chunk of client.chatStream({
    model: process.env.LITERLLM_TEST_MODEL || 'openai/gpt-4o',
    messages: [{ role: 'user', content: 'Count to 5' }],
  })) {
    const delta = chunk.choices[0]?.delta;
    if (delta?.content) process.stdout.write(delta.content);
    if (chunk.usage) usage = chunk.usage;
  }
  process.stdout.write('\n');
  if (usage) console.log(`tokens: prompt=${usage.prompt_tokens} completion=${usage.completion_tokens} total=${usage.total_tokens}`);
  client.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
