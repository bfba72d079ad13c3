// Basic chat: one user message, print the answer.
const { LlmClient } = require('..');

async function main() {
  const client = new LlmClient({ target: process.env.LITERLLM_TARGET });
  const response = await client.chat({
    model: process.env.LITERLLM_TEST_MODEL || 'openai/gpt-4o',
    messages: [{ role: 'user', content: 'Hello!' }],
  });
  console.log(response.choices[0].message.content);
  client.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
