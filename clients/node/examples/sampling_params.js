// Sampling parameters: temperature, top_p, max_tokens, seed, stop, penalties.
const { LlmClient } = require('..');

async function main() {
  const client = new LlmClient({ target: process.env.LITERLLM_TARGET });
  const response = await client.chat({
    model: process.env.LITERLLM_TEST_MODEL || 'openai/gpt-4o',
    messages: [{ role: 'user', content: 'Write a haiku about the sea.' }],
    temperature: 0.7,
    top_p: 0.9,
    max_tokens: 256,
    seed: 42,
    stop: ['\n\n\n'],
    presence_penalty: 0.1,
    frequency_penalty: 0.2,
    user: 'example-user',
  });
  console.log(response.choices[0].message.content);
  console.log('finish_reason:', response.choices[0].finish_reason);
  client.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
