#!/usr/bin/env bash
# Shutdown as the HTTP front shows it: after SIGTERM, with a call in flight,
# /readyz answers 503 and /healthz 200, a new call is refused with 503 in
# OpenAI's error shape, the call in flight still gets its answer, and the
# server then exits. Runs through clients/testing/with_gateway.sh, which sets
# LITERLLM_HTTP_BASE_URL and LITERLLM_SERVER_PID; it stops the server.
set -euo pipefail

base=${LITERLLM_HTTP_BASE_URL:?LITERLLM_HTTP_BASE_URL is not set (use clients/testing/with_gateway.sh)}
pid=${LITERLLM_SERVER_PID:?LITERLLM_SERVER_PID is not set (use clients/testing/with_gateway.sh)}
root=${base%/v1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/checks.sh"
status() { curl -s -o "${2:-/dev/null}" -w '%{http_code}' "${@:3}" "$1" || true; }

check "readyz before" 200 "$(status "$root/readyz")"

# fake-openai answers model `slow` after 30 s; the attempt timeout ends the
# call after 4 s with a 504, which keeps the server draining that long.
curl -s -o "$work/slow.body" -w '%{http_code}' -H 'literllm-max-retries: 0' \
  -H 'literllm-attempt-timeout: 4s' -H 'Content-Type: application/json' \
  -d '{"model":"openai/slow","messages":[{"role":"user","content":"Hi"}]}' \
  "$base/chat/completions" >"$work/slow.status" &
slow=$!
sleep 1  # the call is in flight upstream
kill -TERM "$pid"

ready=""
for _ in $(seq 30); do
  ready=$(status "$root/readyz")
  [[ "$ready" == 503 ]] && break
  sleep 0.1
done
check "readyz while draining" 503 "$ready"
check "healthz while draining" 200 "$(status "$root/healthz")"
check "new call while draining" 503 "$(status "$base/chat/completions" "$work/refused.body" \
  -H 'Content-Type: application/json' \
  -d '{"model":"openai/gpt-4o","messages":[{"role":"user","content":"Hi"}]}')"
check "refusal: error members" '["code","message","param","type"]' \
  "$(jq -c '.error | keys' "$work/refused.body" 2>&1)"

wait "$slow" || true
check "call in flight: answered" 504 "$(cat "$work/slow.status")"
exited=no
for _ in $(seq 50); do
  kill -0 "$pid" 2>/dev/null || { exited=yes; break; }
  sleep 0.1
done
check "server exited after the call in flight" yes "$exited"

finish drain
