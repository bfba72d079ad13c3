// Compiled with `tsc --noEmit` by test/package.test.js: the declarations in
// index.d.ts must accept liter-llm-style calls and type the responses.
import { LlmClient, LlmError, status, userMessage, ChatCompletionResponse } from '../..';

async function main(): Promise<void> {
  const client = new LlmClient({ target: 'localhost:50051', apiKey: 'k', tls: false, timeout: 1000, retry: { maxAttempts: 3 } });
  const r: ChatCompletionResponse = await client.chat({
    model: 'openai/gpt-4o',
    messages: [{ role: 'user', content: 'Hi' }, userMessage('again')],
    temperature: 0.2,
    tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: {} } } }],
    response_format: { type: 'json_schema', json_schema: { name: 's', schema: { type: 'object' } } },
    tool_choice: 'auto',
  });
  const text: string | undefined = r.choices[0].message.content;
  const total: number | undefined = r.usage?.total_tokens;
  for await (const chunk of client.chatStream({ model: 'openai/gpt-4o', messages: [userMessage('x')] })) {
    const c: string | undefined = chunk.choices[0]?.delta.content;
    void c;
  }
  try {
    await client.chat({ model: 'nosuch/model', messages: [] });
  } catch (e) {
    if (e instanceof LlmError && e.code === status.INVALID_ARGUMENT) console.log(e.codeName, e.details);
  }
  // @ts-expect-error model is required
  await client.chat({ messages: [] });
  void text; void total;
  client.close();
}
void main;
