#!/usr/bin/env bash
# Installs what the Ruby client and its tests need: Debian's Ruby gRPC stack
# (RubyGems is not reachable from here; Debian packages are the registry).
# Idempotent: does nothing when everything is installed.
set -euo pipefail
cd "$(dirname "$0")"

packages=(ruby ruby-grpc ruby-grpc-tools ruby-google-protobuf protobuf-compiler protobuf-compiler-grpc)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$p")
done
if ((${#missing[@]} > 0)); then
  sudo=""
  if [[ $(id -u) != 0 ]]; then sudo="sudo"; fi
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

# Generate the stubs from proto/ now so the client is usable right away
# (run_tests.sh regenerates them too).
./generate.sh
