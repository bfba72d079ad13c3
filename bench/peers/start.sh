#!/usr/bin/env bash
# start.sh NAME PORT UPSTREAM_PORT
# Runs peer gateway NAME (portkey | litellm | bifrost) in the foreground (exec)
# on 127.0.0.1:PORT in front of the OpenAI-style upstream at
# http://127.0.0.1:UPSTREAM_PORT/v1. Per-run files go to .work/run/NAME-PORT/.
set -euo pipefail
[[ $# -eq 3 ]] || { echo "usage: $0 portkey|litellm|bifrost PORT UPSTREAM_PORT" >&2; exit 2; }
NAME=$1 PORT=$2 UP=$3
W=$(cd "$(dirname "$0")" && pwd)/.work
RUN=$W/run/$NAME-$PORT
rm -rf "$RUN"; mkdir -p "$RUN"
# request.sh reads this back: Portkey takes its upstream per request, in a header.
echo "$UP" >"$RUN/upstream_port"

case $NAME in
portkey)
  # One Node process (Portkey has no cluster mode). --headless: no web UI and
  # no log-streaming endpoint, so no per-request log work. It binds all
  # interfaces; the server has no host option.
  export NODE_ENV=production
  exec node "$W/portkey/node_modules/@portkey-ai/gateway/build/start-server.js" --port="$PORT" --headless
  ;;
litellm)
  cat >"$RUN/config.yaml" <<EOF
model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_base: http://127.0.0.1:$UP/v1
      api_key: sk-bench-dummy
litellm_settings:
  telemetry: false
  turn_off_message_logging: true
general_settings:
  disable_spend_logs: true
  # No master key = no auth, like the other peers; LiteLLM refuses to start
  # keyless unless told this.
  dangerously_permit_weak_or_unset_master_key: true
EOF
  # No network at start-up: the bundled cost map instead of a download; no
  # .env loading. LITELLM_LOG=ERROR also sets uvicorn's level, which silences
  # its per-request access log. No DATABASE_URL, so no database.
  export LITELLM_LOCAL_MODEL_COST_MAP=True LITELLM_LOG=ERROR LITELLM_MODE=PRODUCTION \
    DISABLE_ADMIN_UI=True NO_DOCS=True NO_REDOC=True
  unset DATABASE_URL
  cd "$RUN"
  # Workers: README.md has the measurement behind the default.
  exec "$W/litellm-venv/bin/litellm" --config "$RUN/config.yaml" --host 127.0.0.1 --port "$PORT" \
    --num_workers "${LITELLM_WORKERS:-2}"
  ;;
bifrost)
  # Model catalog data from local files: the default is a download at start-up,
  # and without it Bifrost exits (fatal "failed to initialize pricing manager").
  echo '{"gpt-4o":{"input_cost_per_token":2.5e-06,"output_cost_per_token":1e-05,"max_input_tokens":128000,"max_output_tokens":16384,"max_tokens":16384,"mode":"chat","provider":"openai"}}' >"$RUN/pricing.json"
  echo '{"gpt-4o":{"max_output_tokens":16384,"provider":"openai","base_model":"gpt-4o"}}' >"$RUN/params.json"
  # No config store (so no governance/auth middleware) and no logs store;
  # request logging off. Bifrost appends /v1/chat/completions to base_url.
  cat >"$RUN/config.json" <<EOF
{
  "client": { "enable_logging": false, "drop_excess_requests": false },
  "config_store": { "enabled": false },
  "logs_store": { "enabled": false },
  "framework": { "pricing": {
    "pricing_url": "file://$RUN/pricing.json",
    "model_parameters_url": "file://$RUN/params.json" } },
  "providers": {
    "openai": {
      "keys": [ { "name": "bench", "value": "sk-bench-dummy", "models": ["*"], "weight": 1.0 } ],
      "network_config": { "base_url": "http://127.0.0.1:$UP" }
    }
  }
}
EOF
  # -log-level error: the info level logs one line per request.
  exec "$W/bin/bifrost-http" -app-dir "$RUN" -host 127.0.0.1 -port "$PORT" -log-level error
  ;;
*) echo "unknown peer: $NAME" >&2; exit 2 ;;
esac
