// Type declarations for the literllm Node client. Field names are OpenAI's
// (snake_case), as in proto/literllm/v1/llm_service.proto.

/** Any JSON value (google.protobuf.Value). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
/** A JSON object (google.protobuf.Struct), given as a native object. */
export type JsonObject = { [key: string]: JsonValue };

export interface ImageUrl {
  url: string;
  detail?: 'auto' | 'low' | 'high' | string;
}

export interface ContentPart {
  type: 'text' | 'image_url' | string;
  text?: string;
  image_url?: ImageUrl;
}

export interface FunctionCall {
  name: string;
  /** JSON-encoded arguments (an object is JSON-encoded for you in requests). */
  arguments: string;
  thought_signature?: string;
}

export interface ThinkingBlock {
  type: 'thinking' | 'redacted_thinking' | string;
  thinking?: string;
  signature?: string;
  data?: string;
}

export interface ToolCall {
  id: string;
  type: 'function' | string;
  function: FunctionCall;
}

export type Role = 'system' | 'user' | 'assistant' | 'tool' | 'developer';

/** A message as returned by the server. */
export interface Message {
  role: Role | string;
  content?: string;
  content_parts?: ContentPart[];
  name?: string;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
  refusal?: string;
  reasoning_content?: string;
  thinking_blocks?: ThinkingBlock[];
}

/** A message as accepted by the client: `content` may also be OpenAI's array of parts. */
export interface MessageParam {
  role: Role | string;
  content?: string | ContentPart[] | null;
  content_parts?: ContentPart[];
  name?: string;
  tool_calls?: Array<{
    id: string;
    type?: 'function' | string;
    function: { name: string; arguments: string | JsonObject; thought_signature?: string };
  }>;
  tool_call_id?: string;
  refusal?: string;
  reasoning_content?: string;
  thinking_blocks?: ThinkingBlock[];
}

export interface FunctionDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments, as a plain object. */
  parameters?: JsonObject;
  strict?: boolean;
}

export interface Tool {
  type?: 'function' | string;
  function: FunctionDefinition;
}

export interface JsonSchemaFormat {
  name: string;
  description?: string;
  schema?: JsonObject;
  strict?: boolean;
}

export interface ResponseFormat {
  type: 'text' | 'json_object' | 'json_schema' | string;
  json_schema?: JsonSchemaFormat;
}

export type ToolChoice =
  | 'none'
  | 'auto'
  | 'required'
  | { type: 'function'; function: { name: string } }
  | JsonValue;

export interface ChatCompletionRequest {
  /** `provider/model`, e.g. `openai/gpt-4o`. */
  model: string;
  messages: MessageParam[];
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  max_completion_tokens?: number;
  n?: number;
  stop?: string | string[];
  presence_penalty?: number;
  frequency_penalty?: number;
  seed?: number | bigint;
  reasoning_effort?: 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | string;
  response_format?: ResponseFormat;
  tools?: Tool[];
  tool_choice?: ToolChoice;
  parallel_tool_calls?: boolean;
  user?: string;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  fallbacks?: string[];
  max_retries?: number;
  /** e.g. "20s", "500ms", or a number of seconds. */
  attempt_timeout?: string | number | { seconds: number; nanos?: number };
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: {
    cached_tokens: number;
    audio_tokens: number;
    cache_creation_tokens: number;
  } | null;
  completion_tokens_details: {
    reasoning_tokens: number;
    audio_tokens: number;
    accepted_prediction_tokens: number;
    rejected_prediction_tokens: number;
  } | null;
}

export interface Choice {
  index: number;
  message: Message;
  finish_reason: 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call' | string;
}

export interface ChatCompletionResponse {
  id: string;
  object: 'chat.completion' | string;
  created: number;
  model: string;
  choices: Choice[];
  usage: Usage | null;
  system_fingerprint?: string;
  service_tier?: string;
  estimated_cost_usd?: number;
  provider: string;
}

export interface ToolCallDelta {
  index: number;
  id?: string;
  type?: string;
  function: { name?: string; arguments?: string; thought_signature?: string } | null;
}

export interface Delta {
  role?: string;
  content?: string;
  tool_calls?: ToolCallDelta[];
  refusal?: string;
  reasoning_content?: string;
  thinking_blocks?: ThinkingBlock[];
}

export interface ChunkChoice {
  index: number;
  delta: Delta;
  finish_reason?: string;
}

export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk' | string;
  created: number;
  model: string;
  choices: ChunkChoice[];
  /** Set on the final chunk only. */
  usage: Usage | null;
  system_fingerprint?: string;
  estimated_cost_usd?: number;
  provider: string;
}

export interface Model {
  id: string;
  object: string;
  created: number;
  owned_by: string;
  provider: string;
  alias_for: string[];
}

export interface ListModelsResponse {
  object: string;
  data: Model[];
  errors: Array<{ provider: string; message: string }>;
}

export interface RetryOptions {
  maxAttempts?: number;
  initialBackoff?: string;
  maxBackoff?: string;
  backoffMultiplier?: number;
}

export interface LlmClientOptions {
  /** host:port; default $LITERLLM_TARGET, else `localhost:50051`. */
  target?: string;
  /** Sent as `authorization: Bearer <key>`; default $LITERLLM_API_KEY. */
  apiKey?: string;
  /** TLS on/off (default off). */
  tls?: boolean;
  /** PEM root certificates for TLS (default: the system's). */
  rootCerts?: Buffer;
  /** grpc-js channel credentials, overriding `tls`. */
  credentials?: unknown;
  /** Default deadline per call, in milliseconds (default: none). */
  timeout?: number;
  /** Retry UNAVAILABLE via the gRPC service config (default true). */
  retry?: boolean | RetryOptions;
  /** Extra grpc-js channel options. */
  channelOptions?: Record<string, string | number>;
}

export interface CallOptions {
  /** Deadline for this call, in milliseconds (overrides the client's). */
  timeout?: number;
  /** Extra gRPC metadata, e.g. `{ 'literllm-max-retries': '2' }`. */
  metadata?: Record<string, string | number>;
  /** Cancels the call when aborted. */
  signal?: AbortSignal;
}

export interface ChatStream extends AsyncGenerator<ChatCompletionChunk, void, undefined> {
  /** Cancels the underlying call. */
  cancel(): void;
}

export class LlmClient {
  constructor(options?: LlmClientOptions);
  readonly target: string;
  chat(request: ChatCompletionRequest, options?: CallOptions): Promise<ChatCompletionResponse>;
  chatStream(request: ChatCompletionRequest, options?: CallOptions): ChatStream;
  listModels(request?: { provider?: string }, options?: CallOptions): Promise<ListModelsResponse>;
  close(): void;
}

/** An RPC failure carrying the gRPC status. */
export class LlmError extends Error {
  /** Numeric gRPC status code (see `status`). */
  readonly code: number;
  /** Its name, e.g. `INVALID_ARGUMENT`. */
  readonly codeName: string;
  /** The server's status message. */
  readonly details: string;
  /** Trailing metadata. */
  readonly metadata: Record<string, string | Buffer>;
}

/** gRPC status codes (grpc-js `status`). */
export const status: {
  readonly OK: 0;
  readonly CANCELLED: 1;
  readonly UNKNOWN: 2;
  readonly INVALID_ARGUMENT: 3;
  readonly DEADLINE_EXCEEDED: 4;
  readonly NOT_FOUND: 5;
  readonly ALREADY_EXISTS: 6;
  readonly PERMISSION_DENIED: 7;
  readonly RESOURCE_EXHAUSTED: 8;
  readonly FAILED_PRECONDITION: 9;
  readonly ABORTED: 10;
  readonly OUT_OF_RANGE: 11;
  readonly UNIMPLEMENTED: 12;
  readonly INTERNAL: 13;
  readonly UNAVAILABLE: 14;
  readonly DATA_LOSS: 15;
  readonly UNAUTHENTICATED: 16;
};

export function systemMessage(content: string, extra?: Partial<MessageParam>): MessageParam;
export function developerMessage(content: string, extra?: Partial<MessageParam>): MessageParam;
export function userMessage(content: string | ContentPart[], extra?: Partial<MessageParam>): MessageParam;
export function assistantMessage(content?: string | null, extra?: Partial<MessageParam>): MessageParam;
export function toolMessage(toolCallId: string, content: string | JsonValue, extra?: Partial<MessageParam>): MessageParam;

/** Native object -> google.protobuf.Struct message (as grpc-js encodes it). */
export function toStruct(obj: JsonObject): { fields: Record<string, unknown> };
/** google.protobuf.Struct message -> native object. */
export function fromStruct(struct: { fields?: Record<string, unknown> }): JsonObject;
/** The directory the proto was loaded from. */
export function protoDir(): string;
export function retryServiceConfig(retry?: boolean | RetryOptions): object;

export default LlmClient;
