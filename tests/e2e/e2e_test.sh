#!/usr/bin/env bash
# End to end, the way people use it: the real literllm-server in front of a
# fake OpenAI on loopback, called with the literllm CLI and with buf curl
# (OpenAI request bodies as-is, through server reflection).
# Usage: e2e_test.sh SERVER_BINARY CLI_BINARY FAKE_OPENAI_BINARY
set -euo pipefail
server_bin=$1 cli_bin=$2 fake_bin=$3
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
key="sk-e2e-ThisKeyMustNeverLeak0123456789"
failures=0

cleanup() {
  exec 3>&- || true
  [[ -n "${server_pid:-}" ]] && kill "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

check() {  # check NAME EXPECTED_SUBSTRING ACTUAL
  if [[ "$3" == *"$2"* ]]; then
    echo "ok: $1"
  else
    echo "FAILED: $1: expected to find '$2' in:"
    echo "$3"
    failures=$((failures + 1))
  fi
}

# The fake runs until its stdin (fd 3 here) closes.
mkfifo "$work/fake_in"
"$fake_bin" <"$work/fake_in" >"$work/fake_out" &
exec 3>"$work/fake_in"
for _ in $(seq 100); do grep -q '^port ' "$work/fake_out" 2>/dev/null && break; sleep 0.05; done
fake_port=$(awk '/^port /{print $2}' "$work/fake_out")

OPENAI_API_KEY=$key OPENAI_BASE_URL="http://127.0.0.1:$fake_port/v1" \
  "$server_bin" --listen=127.0.0.1:0 --http_listen=127.0.0.1:0 >"$work/server.log" &
server_pid=$!
for _ in $(seq 100); do grep -q '"listening"' "$work/server.log" 2>/dev/null && break; sleep 0.05; done
port=$(sed -n 's/.*"msg":"listening".*"port":"\([0-9]*\)".*/\1/p' "$work/server.log")
target="127.0.0.1:$port"

check "cli chat" "Hello from the fake" \
  "$("$cli_bin" --target "$target" chat -m openai/gpt-4o "Hello" 2>&1)"
check "cli chat usage" "tokens: prompt=12 completion=5 total=17" \
  "$("$cli_bin" --target "$target" chat -m openai/gpt-4o "Hello" 2>&1)"
check "cli stream" "Hello from the fake" \
  "$("$cli_bin" --target "$target" chat -m openai/gpt-4o --stream "Hello" 2>&1)"
check "cli models" "openai/gpt-4o-mini" "$("$cli_bin" --target "$target" models 2>&1)"
set +e
out=$("$cli_bin" --target "$target" chat -m nosuch/model "Hello" 2>&1)
code=$?
set -e
check "cli error" "error: INVALID_ARGUMENT: model: unknown provider 'nosuch'" "$out"
check "cli error exit code" "1" "$code"

buf="$here/node_modules/.bin/buf"
if [[ -x "$buf" ]]; then
  url="http://$target"
  body='{"model":"openai/gpt-4o","messages":[{"role":"user","content":"Hello!"}],"temperature":0.7}'
  out=$("$buf" curl --protocol grpc --http2-prior-knowledge -d "$body" \
    "$url/literllm.v1.LlmService/Chat" 2>&1)
  check "buf curl Chat content" '"content": "Hello from the fake"' "$out"
  check "buf curl Chat usage" '"prompt_tokens": 12' "$out"
  check "buf curl Chat finish_reason" '"finish_reason": "stop"' "$out"
  out=$("$buf" curl --protocol grpc --http2-prior-knowledge -d "$body" \
    "$url/literllm.v1.LlmService/ChatStream" 2>&1)
  check "buf curl ChatStream" '"content": " fake"' "$out"
  check "buf curl ChatStream usage" '"total_tokens": 12' "$out"
  out=$("$buf" curl --protocol grpc --http2-prior-knowledge --list-methods "$url" 2>&1)
  check "reflection lists LlmService" "literllm.v1.LlmService/ChatStream" "$out"
  check "reflection lists health" "grpc.health.v1.Health/Check" "$out"
else
  echo "FAILED: buf is not installed (npm install in tests/e2e)"
  failures=$((failures + 1))
fi

kill -TERM "$server_pid"
set +e
wait "$server_pid"
code=$?
set -e
server_pid=""
check "exit code after SIGTERM" "0" "$code"
if grep -q "$key" "$work/server.log"; then
  echo "FAILED: the provider key appears in the server log"
  failures=$((failures + 1))
fi
exit $((failures > 0))
