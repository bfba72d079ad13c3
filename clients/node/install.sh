#!/usr/bin/env bash
# Installs the Node client's dependencies from npm (package-lock.json).
# Idempotent: skips `npm ci` when node_modules matches the lock file.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v npm >/dev/null 2>&1; then
  ../../scripts/apt-install.sh nodejs npm
fi

stamp=node_modules/.literllm-lock-stamp
if [[ -f "$stamp" ]] && cmp -s package-lock.json "$stamp"; then
  echo "clients/node: dependencies up to date"
  exit 0
fi
# Dependencies' install scripts are not needed (protobufjs' only checks versions).
npm ci --ignore-scripts --no-audit --no-fund
cp package-lock.json "$stamp"
echo "clients/node: installed $(node -p "require('@grpc/grpc-js/package.json').version") of @grpc/grpc-js"
