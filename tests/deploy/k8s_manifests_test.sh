#!/usr/bin/env bash
# Renders the base and every overlay of deploy/k8s with `kubectl kustomize`,
# then runs the node tests on the result: Kubernetes schemas (kubernetes-models), the
# deployment properties, the files around them, and the real server with the
# prod overlay's settings.
# Usage: k8s_manifests_test.sh SERVER_BINARY   (KUBECTL overrides kubectl)
set -euo pipefail
server=$(realpath "${1:?usage: $0 SERVER_BINARY}")
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
kubectl=${KUBECTL:-kubectl}

command -v "$kubectl" >/dev/null ||
  { echo "FAILED: no $kubectl (Debian: kubernetes-client; run scripts/install-deps.sh)"; exit 1; }
[[ -d "$here/node_modules/kubernetes-models" && -d "$here/node_modules/@kubernetes-models/prometheus-operator" ]] ||
  { echo "FAILED: no tests/deploy/node_modules (run scripts/install-deps.sh)"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/rendered"
# render DIR OUT: newer kubectl warns on stderr about the kustomize v2 fields
# we keep for Debian 12's kubectl; a failure still fails.
render() {
  if ! "$kubectl" kustomize "$1" >"$2" 2>"$work/err"; then
    echo "FAILED: kubectl kustomize $1:"
    cat "$work/err"
    exit 1
  fi
  echo "rendered $(basename "$1"): $(grep -c '^kind:' "$2") objects"
}
# The base alone (no namespace, no image tag: checked apart from overlays).
render "$repo/deploy/k8s/base" "$work/base.yaml"
for overlay in "$repo"/deploy/k8s/overlays/*/; do
  render "$overlay" "$work/rendered/$(basename "$overlay").yaml"
done

cd "$here"
LITERLLM_RENDERED_DIR="$work/rendered" LITERLLM_RENDERED_BASE="$work/base.yaml" LITERLLM_SERVER="$server" \
  node --test --test-reporter=spec manifests_test.mjs observability_test.mjs deploy_files_test.mjs \
    server_settings_test.mjs
