// Tool calling: the model calls a tool, we run it, send the result back and
// print the final answer.
const { LlmClient } = require('..');

function getWeather({ location }) {
  return { location, temperature_c: 18, conditions: 'sunny' };
}

const tools = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Get the current weather for a location',
      parameters: {
        type: 'object',
        properties: { location: { type: 'string', description: 'City name' } },
        required: ['location'],
      },
    },
  },
];

async function main() {
  const client = new LlmClient({ target: process.env.LITERLLM_TARGET });
  const model = process.env.LITERLLM_TEST_MODEL || 'openai/gpt-4o';
  const messages = [{ role: 'user', content: 'What is the weather in Paris?' }];

  const first = await client.chat({ model, messages, tools, tool_choice: 'auto' });
  const assistant = first.choices[0].message;
  console.log('finish_reason:', first.choices[0].finish_reason);
  messages.push(assistant);

  for (const call of assistant.tool_calls || []) {
    const args = JSON.parse(call.function.arguments);
    console.log(`tool call ${call.id}: ${call.function.name}(${JSON.stringify(args)})`);
    const result = getWeather(args);
    messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(result) });
  }

  const final = await client.chat({ model, messages, tools });
  console.log('final answer:', final.choices[0].message.content);
  client.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
