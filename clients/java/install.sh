#!/usr/bin/env bash
# Installs what the Java client and its tests need, from Maven Central (through Maven itself):
# grpc-java, protobuf-java, protoc and protoc-gen-grpc-java (as Maven artifacts), JUnit 5 and the
# Maven plugins. Idempotent: a second run only checks, offline, that everything is there.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if ! command -v java >/dev/null || ! command -v mvn >/dev/null; then
  ../../scripts/apt-install.sh openjdk-17-jdk-headless maven
fi

# Everything the offline test run needs: compile (generates io.literllm.v1 from ../../proto),
# test-compile, and surefire's JUnit platform provider. ConversionsTest needs no gateway.
probe=(-B -q test -Dtest=ConversionsTest -Dsurefire.failIfNoSpecifiedTests=false)
if mvn -o "${probe[@]}" >/dev/null 2>&1; then
  echo "java client: Maven dependencies already installed"
  exit 0
fi
mvn -B -q dependency:go-offline
mvn "${probe[@]}"
echo "java client: installed Maven dependencies into ~/.m2"
