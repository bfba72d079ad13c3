// Multi-turn conversation with token usage.
const { LlmClient } = require('..');

async function main() {
  const client = new LlmClient({ target: process.env.LITERLLM_TARGET });
  const model = process.env.LITERLLM_TEST_MODEL || 'openai/gpt-4o';
  const messages = [
    { role: 'system', content: 'You are a helpful assistant.' },
    { role: 'user', content: 'What is the capital of France?' },
  ];
  const first = await client.chat({ model, messages });
  console.log('assistant:', first.choices[0].message.content);

  messages.push(first.choices[0].message);
  messages.push({ role: 'user', content: 'And its population?' });
  const second = await client.chat({ model, messages });
  console.log('assistant:', second.choices[0].message.content);

  const { usage } = second;
  console.log(`tokens: prompt=${usage.prompt_tokens} completion=${usage.completion_tokens} total=${usage.total_tokens}`);
  if (usage.prompt_tokens_details) console.log(`cached tokens: ${usage.prompt_tokens_details.cached_tokens}`);
  if (second.estimated_cost_usd !== undefined) console.log(`estimated cost: $${second.estimated_cost_usd}`);
  console.log(`answered by ${second.provider} (${second.model})`);
  client.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
