#!/usr/bin/env bash
# request.sh NAME PORT [UPSTREAM_PORT]
# Prints what a client must send to peer NAME (started by start.sh on PORT) for
# an OpenAI chat completion of model "gpt-4o", one item per line:
#   PATH <request path>
#   HEADER <name>: <value>      (zero or more; besides Content-Type: application/json)
#   MODEL <string for the body's "model" field>
# UPSTREAM_PORT defaults to the one start.sh recorded for NAME-PORT.
set -euo pipefail
[[ $# -ge 2 ]] || { echo "usage: $0 portkey|litellm|bifrost PORT [UPSTREAM_PORT]" >&2; exit 2; }
NAME=$1 PORT=$2
W=$(cd "$(dirname "$0")" && pwd)/.work

case $NAME in
portkey)
  # Portkey is configured per request: provider and custom host in headers.
  # The bearer token is passed through to the upstream as the OpenAI key.
  UP=${3:-$(cat "$W/run/portkey-$PORT/upstream_port" 2>/dev/null || true)}
  [[ -n $UP ]] || { echo "request.sh: no upstream port recorded for portkey-$PORT; pass it as \$3" >&2; exit 2; }
  echo "PATH /v1/chat/completions"
  echo "HEADER x-portkey-provider: openai"
  echo "HEADER x-portkey-custom-host: http://127.0.0.1:$UP/v1"
  echo "HEADER Authorization: Bearer sk-bench-dummy"
  echo "MODEL gpt-4o"
  ;;
litellm)
  # model_list maps the alias gpt-4o to openai/gpt-4o; no key (no master key).
  echo "PATH /v1/chat/completions"
  echo "MODEL gpt-4o"
  ;;
bifrost)
  # Bifrost wants provider/model; a bare name would need the model-catalog
  # resolver, which is a no-op stand-in in this build (README.md).
  echo "PATH /v1/chat/completions"
  echo "MODEL openai/gpt-4o"
  ;;
*) echo "unknown peer: $NAME" >&2; exit 2 ;;
esac
