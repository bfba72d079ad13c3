#!/usr/bin/env bash
# curl against the HTTP front at $LITERLLM_HTTP_BASE_URL (clients/testing/
# with_gateway.sh sets it): a chat completion, a streamed one and an error,
# checked as a shell user would see them (jq reads the JSON).
set -euo pipefail

base=${LITERLLM_HTTP_BASE_URL:?LITERLLM_HTTP_BASE_URL is not set (use clients/testing/with_gateway.sh)}
model=${LITERLLM_TEST_MODEL:-openai/gpt-4o}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/checks.sh"

# post NAME BODY [CURL_ARG...]: POST /chat/completions, the response body to
# $work/NAME.body and its headers to $work/NAME.head; prints the status code.
post() {
  local name=$1 body=$2
  shift 2
  curl -sS -o "$work/$name.body" -D "$work/$name.head" -w '%{http_code}' \
    -H 'Content-Type: application/json' -H 'Authorization: Bearer sk-caller-unused' \
    "$@" -d "$body" "$base/chat/completions" || true
}
# header NAME FILE: the header's value, lower-cased name, no CR.
header() { grep -i "^$1:" "$2" | tail -n1 | cut -d: -f2- | tr -d '\r' | sed 's/^ *//'; }
messages='[{"role":"user","content":"Hello!"}]'

status=$(post chat "{\"model\":\"$model\",\"messages\":$messages}")
check "chat: status" 200 "$status"
check "chat: content-type" "application/json" "$(header content-type "$work/chat.head" | cut -d';' -f1)"
check "chat: object" "chat.completion" "$(jq -r .object "$work/chat.body")"
check "chat: content" "Hello from the fake" "$(jq -r '.choices[0].message.content' "$work/chat.body")"
check "chat: provider" "openai" "$(jq -r .provider "$work/chat.body")"
check "chat: cost is a positive number" true "$(jq '.estimated_cost_usd > 0' "$work/chat.body")"

status=$(post stream "{\"model\":\"$model\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":$messages}" -N)
check "stream: status" 200 "$status"
check "stream: content-type" "text/event-stream" "$(header content-type "$work/stream.head" | cut -d';' -f1)"
tr -d '\r' <"$work/stream.body" | grep -v '^$' >"$work/events" || true
check "stream: last event" "data: [DONE]" "$(tail -n1 "$work/events")"
check "stream: lines other than data:" "" "$(grep -v '^data: ' "$work/events" || true)"
sed '$d; s/^data: //' "$work/events" >"$work/chunks"
check "stream: text" "Hello from the fake" "$(jq -j '.choices[0].delta.content // empty' "$work/chunks")"
check "stream: usage chunk last" '[] 12' "$(tail -n1 "$work/chunks" | jq -c '.choices, .usage.total_tokens' | paste -sd' ')"
check "stream: usage chunks" 1 "$(jq -c 'select(.usage) | 1' "$work/chunks" | wc -l | tr -d ' ')"

status=$(post error "{\"model\":\"openai/error-429\",\"messages\":$messages}" -H 'literllm-max-retries: 0')
check "429: status" 429 "$status"
check "429: retry-after" "1" "$(header retry-after "$work/error.head")"
check "429: error members" '["code","message","param","type"]' "$(jq -c '.error | keys' "$work/error.body")"
check "429: relayed message" true "$(jq '.error.message | startswith("openai: ")' "$work/error.body")"

finish curl
