// Structured output: response_format json_object and json_schema.
const { LlmClient } = require('..');

async function main() {
  const client = new LlmClient({ target: process.env.LITERLLM_TARGET });
  const model = process.env.LITERLLM_TEST_MODEL || 'openai/gpt-4o';

  const asObject = await client.chat({
    model,
    messages: [
      { role: 'system', content: 'Answer in JSON.' },
      { role: 'user', content: 'Weather in Paris as {"city", "temperature_c"}.' },
    ],
    response_format: { type: 'json_object' },
  });
  console.log('json_object:', JSON.parse(asObject.choices[0].message.content));

  const asSchema = await client.chat({
    model,
    messages: [{ role: 'user', content: 'Weather in Paris?' }],
    response_format: {
      type: 'json_schema',
      json_schema: {
        name: 'weather',
        strict: true,
        schema: {
          type: 'object',
          properties: {
            city: { type: 'string' },
            temperature_c: { type: 'number' },
          },
          required: ['city', 'temperature_c'],
          additionalProperties: false,
        },
      },
    },
  });
  const weather = JSON.parse(asSchema.choices[0].message.content);
  console.log(`json_schema: ${weather.city} is ${weather.temperature_c}°C`);
  client.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
