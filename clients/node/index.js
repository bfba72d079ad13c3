'use strict';
// literllm Node client: an OpenAI-shaped `LlmClient` over the literllm gRPC
// service. The API comes from proto/literllm/v1/llm_service.proto, loaded at
// run time with @grpc/proto-loader (keepCase: OpenAI's snake_case names).

const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTO_FILE = path.join('literllm', 'v1', 'llm_service.proto');
const SERVICE_NAME = 'literllm.v1.LlmService';
const DEFAULT_TARGET = 'localhost:50051';

// ------------------------------------------------------------------ proto

/**
 * Directory holding literllm/v1/llm_service.proto: $LITERLLM_PROTO_DIR, else
 * the copy packed into the package (npm pack / installed package), else the
 * repository's proto/ (a checkout of clients/node).
 */
function resolveProtoDir() {
  const candidates = [];
  if (process.env.LITERLLM_PROTO_DIR) candidates.push(path.resolve(process.env.LITERLLM_PROTO_DIR));
  candidates.push(path.join(__dirname, 'proto'));
  candidates.push(path.resolve(__dirname, '..', '..', 'proto'));
  for (const dir of candidates) {
    if (fs.existsSync(path.join(dir, PROTO_FILE))) return dir;
  }
  throw new Error(
    `literllm: cannot find ${PROTO_FILE}; looked in ${candidates.join(', ')}. ` +
      'Set LITERLLM_PROTO_DIR to the repository proto/ directory, or install a ' +
      'package built with `npm pack` (its prepack step copies proto/ in).',
  );
}

let cached = null;
function loadProto() {
  if (cached) return cached;
  const protoDir = resolveProtoDir();
  const definition = protoLoader.loadSync(PROTO_FILE, {
    includeDirs: [protoDir],
    keepCase: true,
    longs: Number,
    enums: String,
    defaults: true, // proto3 `optional` fields stay absent when unset
    arrays: true,
    oneofs: false,
  });
  const Service = grpc.loadPackageDefinition(definition).literllm.v1.LlmService;
  // google.protobuf.Value field names as this protobufjs spells them
  // (camelCase in its bundled descriptors, snake_case from a .proto file).
  const valueFields = {};
  for (const f of definition['google.protobuf.Value'].type.field) {
    valueFields[f.name.replace(/_/g, '').toLowerCase()] = f.name;
  }
  cached = { protoDir, definition, Service, valueFields };
  return cached;
}

// ----------------------------------------------------- Struct conversion

function toValue(v, vf) {
  if (v === null || v === undefined) return { [vf.nullvalue]: 'NULL_VALUE' };
  switch (typeof v) {
    case 'number':
      return { [vf.numbervalue]: v };
    case 'bigint':
      return { [vf.numbervalue]: Number(v) };
    case 'string':
      return { [vf.stringvalue]: v };
    case 'boolean':
      return { [vf.boolvalue]: v };
    case 'object':
      if (Array.isArray(v)) return { [vf.listvalue]: { values: v.map((x) => toValue(x, vf)) } };
      if (typeof v.toJSON === 'function') return toValue(v.toJSON(), vf);
      return { [vf.structvalue]: toStruct(v, vf) };
    default:
      throw new TypeError(`literllm: cannot convert ${typeof v} to google.protobuf.Value`);
  }
}

function toStruct(obj, vf) {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    throw new TypeError('literllm: a google.protobuf.Struct field needs a plain object');
  }
  // Already a Struct message ({fields: {k: Value}})? Pass it through.
  const fields = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v !== undefined) fields[k] = toValue(v, vf);
  }
  return { fields };
}

function fromValue(v, vf) {
  if (!v) return null;
  if (vf.structvalue in v && v[vf.structvalue]) return fromStruct(v[vf.structvalue], vf);
  if (vf.listvalue in v && v[vf.listvalue]) return (v[vf.listvalue].values || []).map((x) => fromValue(x, vf));
  if (vf.stringvalue in v) return v[vf.stringvalue];
  if (vf.numbervalue in v) return v[vf.numbervalue];
  if (vf.boolvalue in v) return v[vf.boolvalue];
  return null;
}

function fromStruct(s, vf) {
  const out = {};
  for (const [k, v] of Object.entries((s && s.fields) || {})) out[k] = fromValue(v, vf);
  return out;
}

// ---------------------------------------------------- request conversion

/** "20s", "1.5s", "250ms" or a number of seconds -> google.protobuf.Duration. */
function toDuration(d) {
  if (d === null || d === undefined) return undefined;
  if (typeof d === 'object' && ('seconds' in d || 'nanos' in d)) return d;
  let seconds;
  if (typeof d === 'number') seconds = d;
  else if (typeof d === 'string') {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(d);
    if (!m) throw new TypeError(`literllm: bad duration ${JSON.stringify(d)} (use e.g. "20s")`);
    const scale = { ms: 0.001, s: 1, m: 60, h: 3600 }[m[2] || 's'];
    seconds = Number(m[1]) * scale;
  } else throw new TypeError('literllm: attempt_timeout must be a string like "20s" or seconds');
  const whole = Math.floor(seconds);
  return { seconds: whole, nanos: Math.round((seconds - whole) * 1e9) };
}

function isStructMessage(o) {
  return o && typeof o === 'object' && o.fields && typeof o.fields === 'object' &&
    Object.keys(o).length === 1;
}

function convertMessage(m, vf) {
  if (m === null || typeof m !== 'object') throw new TypeError('literllm: each message must be an object');
  const out = { ...m };
  // OpenAI's multimodal form: content as an array of parts.
  if (Array.isArray(out.content)) {
    out.content_parts = out.content;
    delete out.content;
  }
  if (out.content === null) delete out.content;
  if (Array.isArray(out.tool_calls)) {
    out.tool_calls = out.tool_calls.map((tc) => {
      const fn = tc.function || {};
      const args = fn.arguments;
      return {
        ...tc,
        type: tc.type || 'function',
        function: { ...fn, arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}) },
      };
    });
  }
  return out;
}

function convertRequest(req, vf) {
  if (req === null || typeof req !== 'object') throw new TypeError('literllm: the request must be an object');
  const out = { ...req };
  if (!Array.isArray(out.messages)) throw new TypeError('literllm: `messages` must be an array');
  out.messages = out.messages.map((m) => convertMessage(m, vf));
  if (typeof out.stop === 'string') out.stop = [out.stop];
  if (out.seed !== undefined && out.seed !== null) out.seed = Number(out.seed);
  if (Array.isArray(out.tools)) {
    out.tools = out.tools.map((t) => {
      const fn = t.function || {};
      const f = { ...fn };
      if (fn.parameters !== undefined && fn.parameters !== null && !isStructMessage(fn.parameters)) {
        f.parameters = toStruct(fn.parameters, vf);
      }
      return { ...t, type: t.type || 'function', function: f };
    });
  }
  if (out.response_format) {
    const rf = { ...out.response_format };
    if (rf.json_schema) {
      const js = { ...rf.json_schema };
      if (js.schema !== undefined && js.schema !== null && !isStructMessage(js.schema)) {
        js.schema = toStruct(js.schema, vf);
      }
      rf.json_schema = js;
    }
    out.response_format = rf;
  }
  if (out.tool_choice !== undefined && out.tool_choice !== null) out.tool_choice = toValue(out.tool_choice, vf);
  if (out.attempt_timeout !== undefined && out.attempt_timeout !== null) {
    out.attempt_timeout = toDuration(out.attempt_timeout);
  }
  // Drop undefined/null so they read as "unset" rather than failing to encode.
  for (const k of Object.keys(out)) if (out[k] === undefined || out[k] === null) delete out[k];
  return out;
}

// --------------------------------------------------- response conversion

function tidyMessage(m) {
  if (!m) return m;
  for (const k of ['content_parts', 'thinking_blocks', 'tool_calls']) {
    if (Array.isArray(m[k]) && m[k].length === 0) delete m[k];
  }
  return m;
}

function convertResponse(r) {
  for (const c of r.choices || []) tidyMessage(c.message);
  return r;
}

function convertChunk(c) {
  for (const ch of c.choices || []) tidyMessage(ch.delta);
  return c;
}

// ----------------------------------------------------------------- errors

const CODE_NAMES = Object.fromEntries(Object.entries(grpc.status).map(([k, v]) => [v, k]));

/** An RPC failure: `code` is the numeric gRPC status, `codeName` its name. */
class LlmError extends Error {
  constructor(err) {
    const code = typeof err.code === 'number' ? err.code : grpc.status.UNKNOWN;
    const details = err.details !== undefined ? err.details : err.message;
    super(`${CODE_NAMES[code] || code}: ${details}`);
    this.name = 'LlmError';
    this.code = code;
    this.codeName = CODE_NAMES[code] || String(code);
    this.details = details;
    this.metadata = err.metadata ? err.metadata.getMap() : {};
    this.cause = err;
  }
}

function wrapError(err) {
  if (err instanceof LlmError) return err;
  if (err && typeof err.code === 'number') return new LlmError(err);
  return err;
}

// ----------------------------------------------------------------- client

function retryServiceConfig(retry) {
  const r = retry === true || retry === undefined ? {} : retry;
  return {
    methodConfig: [
      {
        name: [{ service: SERVICE_NAME }],
        retryPolicy: {
          maxAttempts: r.maxAttempts ?? 4,
          initialBackoff: r.initialBackoff ?? '0.1s',
          maxBackoff: r.maxBackoff ?? '2s',
          backoffMultiplier: r.backoffMultiplier ?? 2,
          retryableStatusCodes: ['UNAVAILABLE'],
        },
      },
    ],
  };
}

class LlmClient {
  /**
   * @param {object} [options]
   * @param {string} [options.target]   host:port (default $LITERLLM_TARGET, else localhost:50051)
   * @param {string} [options.apiKey]   sent as `authorization: Bearer <key>` (default $LITERLLM_API_KEY)
   * @param {boolean} [options.tls]     TLS on/off (default off)
   * @param {Buffer} [options.rootCerts] PEM roots for TLS (default: system roots)
   * @param {number} [options.timeout]  default deadline per call, ms (default none)
   * @param {boolean|object} [options.retry] retry UNAVAILABLE (default true)
   * @param {object} [options.channelOptions] extra grpc-js channel options
   */
  constructor(options = {}) {
    const { Service } = loadProto();
    this.target = options.target || process.env.LITERLLM_TARGET || DEFAULT_TARGET;
    const apiKey = options.apiKey !== undefined ? options.apiKey : process.env.LITERLLM_API_KEY;
    this.apiKey = apiKey || undefined;
    this.timeout = options.timeout;
    const creds = options.credentials ||
      (options.tls ? grpc.credentials.createSsl(options.rootCerts || null) : grpc.credentials.createInsecure());
    const channelOptions = { ...(options.channelOptions || {}) };
    if (options.retry !== false) {
      channelOptions['grpc.service_config'] = JSON.stringify(retryServiceConfig(options.retry));
      channelOptions['grpc.enable_retries'] = 1;
    }
    this._stub = new Service(this.target, creds, channelOptions);
    this._vf = loadProto().valueFields;
  }

  _callArgs(callOptions = {}) {
    const md = new grpc.Metadata();
    if (this.apiKey) md.set('authorization', `Bearer ${this.apiKey}`);
    for (const [k, v] of Object.entries(callOptions.metadata || {})) md.set(k, String(v));
    const opts = {};
    const timeout = callOptions.timeout !== undefined ? callOptions.timeout : this.timeout;
    if (timeout !== undefined && timeout !== null) opts.deadline = new Date(Date.now() + timeout);
    return { md, opts };
  }

  _unary(method, request, callOptions = {}) {
    const { md, opts } = this._callArgs(callOptions);
    return new Promise((resolve, reject) => {
      const call = this._stub[method](request, md, opts, (err, res) => {
        if (err) reject(wrapError(err));
        else resolve(res);
      });
      const signal = callOptions.signal;
      if (signal) {
        if (signal.aborted) call.cancel();
        else signal.addEventListener('abort', () => call.cancel(), { once: true });
      }
    });
  }

  /** One chat completion; resolves to an OpenAI-shaped response object. */
  async chat(request, callOptions) {
    const req = convertRequest(request, this._vf);
    return convertResponse(await this._unary('Chat', req, callOptions));
  }

  /**
   * Streams `chat.completion.chunk` objects: `for await (const chunk of
   * client.chatStream({...}))`. The last chunk carries `usage`.
   * `.cancel()` on the returned iterable stops the call.
   */
  chatStream(request, callOptions = {}) {
    const req = convertRequest(request, this._vf);
    const { md, opts } = this._callArgs(callOptions);
    const call = this._stub.ChatStream(req, md, opts);
    const signal = callOptions.signal;
    if (signal) {
      if (signal.aborted) call.cancel();
      else signal.addEventListener('abort', () => call.cancel(), { once: true });
    }
    async function* iterate() {
      try {
        for await (const chunk of call) yield convertChunk(chunk);
      } catch (err) {
        throw wrapError(err);
      } finally {
        call.cancel();
      }
    }
    const it = iterate();
    it.cancel = () => call.cancel();
    return it;
  }

  /** Models of every configured provider (or of `provider` only). */
  async listModels(request = {}, callOptions) {
    return this._unary('ListModels', { ...request }, callOptions);
  }

  close() {
    this._stub.close();
  }
}

// ------------------------------------------------------- typed messages

const systemMessage = (content, extra = {}) => ({ role: 'system', content, ...extra });
const developerMessage = (content, extra = {}) => ({ role: 'developer', content, ...extra });
const userMessage = (content, extra = {}) => ({ role: 'user', content, ...extra });
const assistantMessage = (content, extra = {}) =>
  content === null || content === undefined ? { role: 'assistant', ...extra } : { role: 'assistant', content, ...extra };
const toolMessage = (tool_call_id, content, extra = {}) => ({
  role: 'tool',
  tool_call_id,
  content: typeof content === 'string' ? content : JSON.stringify(content),
  ...extra,
});

module.exports = {
  LlmClient,
  LlmError,
  status: grpc.status,
  systemMessage,
  developerMessage,
  userMessage,
  assistantMessage,
  toolMessage,
  // Exposed for tests and advanced use.
  toStruct: (obj) => toStruct(obj, loadProto().valueFields),
  fromStruct: (s) => fromStruct(s, loadProto().valueFields),
  protoDir: () => loadProto().protoDir,
  retryServiceConfig,
};
module.exports.default = LlmClient;
