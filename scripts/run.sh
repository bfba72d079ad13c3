#!/usr/bin/env bash
# Installs dependencies, builds literllm-server and runs it in the foreground.
# Provider keys come from the environment (e.g. OPENAI_API_KEY); arguments are
# passed to the server (e.g. --listen=127.0.0.1:50051).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh release
exec build/release/service/literllm-server "$@"
