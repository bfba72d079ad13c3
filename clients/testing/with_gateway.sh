#!/usr/bin/env bash
# Runs a client's tests against the real server in front of a fake OpenAI on
# loopback: starts both on free ports, exports LITERLLM_TARGET (host:port),
# LITERLLM_HTTP_BASE_URL (the OpenAI-compatible HTTP front, http://HOST:PORT/v1),
# LITERLLM_TEST_MODEL (openai/gpt-4o), LITERLLM_SERVER_LOG (the server's log
# file, e.g. to check that no key leaks) and LITERLLM_SERVER_PID (to signal
# it), runs the command, stops both.
# Usage: with_gateway.sh SERVER_BINARY FAKE_OPENAI_BINARY COMMAND [ARG...]
# The fake answers text, a JSON object when response_format asks for JSON, a
# tool call when tools are offered (text once a tool result is in), streamed
# when the call streams (two parallel calls when a streamed call offers two
# tools and sets parallel_tool_calls); models error-NNN, slow and garbage
# script failures; see tests/e2e/fake_openai_main.cc. With
# LITERLLM_FAKE_ANTHROPIC set to tests/e2e/fake-anthropic, that fake serves
# anthropic/ models too.
set -euo pipefail
server_bin=$1 fake_bin=$2
shift 2
work=$(mktemp -d)

cleanup() {
  exec 3>&- 4>&- || true
  [[ -n "${server_pid:-}" ]] && kill "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Starts fake binary $1 as $2, which runs until its stdin (fd $3 here)
# closes; sets fake_started_port.
start_fake() {
  mkfifo "$work/$2_in"
  "$1" <"$work/$2_in" >"$work/$2_out" &
  eval "exec $3>\"\$work/$2_in\""
  for _ in $(seq 200); do grep -q '^port ' "$work/$2_out" 2>/dev/null && break; sleep 0.05; done
  fake_started_port=$(awk '/^port /{print $2}' "$work/$2_out")
}
start_fake "$fake_bin" fake 3
fake_port=$fake_started_port
# With LITERLLM_FAKE_ANTHROPIC (tests/e2e/fake-anthropic), anthropic/
# models go to that fake.
providers=()
if [[ -n "${LITERLLM_FAKE_ANTHROPIC:-}" ]]; then
  start_fake "$LITERLLM_FAKE_ANTHROPIC" fake_anthropic 4
  providers=(ANTHROPIC_API_KEY="sk-ant-client-tests-NeverLeak0123456789"
    ANTHROPIC_BASE_URL="http://127.0.0.1:$fake_started_port")
fi

env "${providers[@]}" OPENAI_API_KEY="sk-client-tests-NeverLeak0123456789" \
  OPENAI_BASE_URL="http://127.0.0.1:$fake_port/v1" \
  "$server_bin" --listen=127.0.0.1:0 --http_listen=127.0.0.1:0 >"$work/server.log" &
server_pid=$!
for _ in $(seq 200); do grep -q '"listening"' "$work/server.log" 2>/dev/null && break; sleep 0.05; done
port=$(sed -n 's/.*"msg":"listening".*"port":"\([0-9]*\)".*/\1/p' "$work/server.log")
if [[ -z "$port" ]]; then
  echo "literllm-server did not start:" >&2
  cat "$work/server.log" >&2
  exit 1
fi

export LITERLLM_TARGET="127.0.0.1:$port"
# Left unset when the server names no HTTP port: the HTTP tests then fail,
# the gRPC clients' tests still run.
http_port=$(sed -n '/"msg":"listening"/s/.*"http_port":"\([0-9]*\)".*/\1/p' "$work/server.log")
if [[ -n "$http_port" ]]; then
  export LITERLLM_HTTP_BASE_URL="http://127.0.0.1:$http_port/v1"
else
  echo "with_gateway.sh: literllm-server logged no http_port" >&2
fi
export LITERLLM_TEST_MODEL="openai/gpt-4o"
export LITERLLM_SERVER_LOG="$work/server.log"
export LITERLLM_SERVER_PID="$server_pid"
"$@"
