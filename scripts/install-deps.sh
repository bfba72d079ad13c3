#!/usr/bin/env bash
# Installs what literllm needs to build and test, from Debian 12 packages only.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config clang-format
  libgrpc++-dev libgrpc-dev protobuf-compiler-grpc protobuf-compiler libprotobuf-dev
  grpc-proto libabsl-dev libcurl4-openssl-dev libsimdjson-dev rapidjson-dev
  libyaml-cpp-dev libgtest-dev libgmock-dev libbenchmark-dev libgoogle-perftools-dev
  libboost-dev libhiredis-dev libssl-dev redis-server
  prometheus  # promtool checks the /metrics page in tests/integration
  nginx-light nghttp2-client
)

# buf (the gRPC command-line client) for the end-to-end test comes from npm.
if ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi
# kubectl renders the Kubernetes manifests in tests/deploy. Another package's
# kubectl (e.g. Google Cloud SDK's) owns /usr/bin/kubectl where present.
if ! command -v kubectl >/dev/null; then
  packages+=(kubernetes-client)
fi

cd "$(dirname "$0")/.."
scripts/apt-install.sh "${packages[@]}"
if [[ ! -x tests/e2e/node_modules/.bin/buf ]]; then
  npm ci --prefix tests/e2e --no-audit --no-fund --loglevel=error
fi
# Kubernetes schemas (kubernetes-models, and the Prometheus Operator's for
# the ServiceMonitor) for the manifest test.
if [[ ! -d tests/deploy/node_modules/kubernetes-models ||
      ! -d tests/deploy/node_modules/@kubernetes-models/prometheus-operator ]]; then
  npm ci --prefix tests/deploy --no-audit --no-fund --loglevel=error
fi
# Each language client's own toolchain and packages, from its registry.
for install in clients/*/install.sh; do
  "$install"
done
# The HTTP front's tests: the official openai SDKs (PyPI, npm) and jq.
tests/http/install.sh
# The trace tests: the official opentelemetry-proto package (PyPI).
tests/tracing/install.sh
# The SigV4 test: botocore's signer as the reference (PyPI).
tests/bedrock/install.sh
