#!/usr/bin/env bash
# Install the peer gateways into bench/peers/.work/ (idempotent; registries only).
# A peer that cannot be installed is skipped with a message; the script still
# exits 0 so the benchmark can run with the peers it has. See README.md.
set -euo pipefail
cd "$(dirname "$0")"
HERE=$PWD
W=$HERE/.work
mkdir -p "$W/bin"

# Pinned so runs are comparable; README.md says why each pin is what it is.
PORTKEY_VERSION=1.15.2
HONO_NODE_SERVER_VERSION=1.13.5
LITELLM_VERSION=1.108.7
BIFROST_VERSION=v1.6.0
BIFROST_MOD=github.com/maximhq/bifrost/transports

skip() { echo "install: SKIP $1: $2" >&2; }

install_portkey() {
  command -v npm >/dev/null || { skip portkey "npm not found"; return 1; }
  local d=$W/portkey
  local have
  have=$(node -p "require('$d/node_modules/@portkey-ai/gateway/package.json').version" 2>/dev/null || true)
  if [[ $have == "$PORTKEY_VERSION" && -f $d/.installed ]]; then
    echo "install: portkey $have already installed"; return 0
  fi
  mkdir -p "$d"
  # Portkey's own lockfile resolves @hono/node-server 1.13.5; newer ones hand
  # back immutable headers and every streamed reply fails with "TypeError:
  # immutable" (Portkey issue 1389), so pin it back with an override.
  cat >"$d/package.json" <<EOF
{ "name": "literllm-bench-portkey", "private": true,
  "dependencies": { "@portkey-ai/gateway": "$PORTKEY_VERSION" },
  "overrides": { "@hono/node-server": "$HONO_NODE_SERVER_VERSION" } }
EOF
  # --ignore-scripts: the only install script is Portkey's `patch-package`
  # postinstall, and the published package ships no patches/ to apply (npm 11
  # would skip it anyway without approval); saying so makes it deterministic.
  (cd "$d" && timeout 600 npm install --ignore-scripts --no-audit --no-fund --loglevel=error) || {
    skip portkey "npm install failed"; return 1; }
  touch "$d/.installed"
  echo "install: portkey $PORTKEY_VERSION installed"
}

install_litellm() {
  local v=$W/litellm-venv
  if [[ -x $v/bin/litellm ]] && [[ $("$v/bin/python" -c 'import importlib.metadata as m; print(m.version("litellm"))' 2>/dev/null) == "$LITELLM_VERSION" ]]; then
    echo "install: litellm $LITELLM_VERSION already installed"; return 0
  fi
  [[ -x $v/bin/python ]] || python3 -m venv "$v" || { skip litellm "python3 -m venv failed"; return 1; }
  # litellm[proxy] >= 1.109 needs a `litellm-proxy` distribution the registry
  # does not serve, so unpinned pip backtracks to 1.108.7 anyway; pin it.
  timeout 900 "$v/bin/pip" install -q --disable-pip-version-check "litellm[proxy]==$LITELLM_VERSION" || {
    skip litellm "pip install failed"; return 1; }
  echo "install: litellm $LITELLM_VERSION installed"
}

install_bifrost() {
  command -v go >/dev/null || { skip bifrost "go not found"; return 1; }
  local bin=$W/bin/bifrost-http stamp=$W/bin/bifrost-http.version
  local want="$BIFROST_VERSION $(cat "$HERE"/bifrost-stubs/*/*.go "$HERE"/bifrost-stubs/*/go.mod | sha1sum | cut -c1-12)"
  if [[ -x $bin && -f $stamp && $(cat "$stamp") == "$want" ]]; then
    echo "install: bifrost $BIFROST_VERSION already built"; return 0
  fi
  # The proxy serves bifrost modules but the checksum DB has no record of
  # them (404), so skip the sumdb for this one module family only.
  export GONOSUMDB=github.com/maximhq GOFLAGS=-mod=mod
  local dir
  dir=$(timeout 600 go mod download -json "$BIFROST_MOD@$BIFROST_VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p') || true
  [[ -n $dir && -d $dir ]] || { skip bifrost "go mod download $BIFROST_MOD@$BIFROST_VERSION failed"; return 1; }
  local src=$W/bifrost-src
  rm -rf "$src"; cp -r "$dir" "$src"; chmod -R u+w "$src"
  # main.go embeds the web UI (`//go:embed all:ui`), which is a build product
  # not in the module zip: give it a placeholder page.
  mkdir -p "$src/bifrost-http/ui"
  echo '<!doctype html><title>bifrost</title>UI not built' >"$src/bifrost-http/ui/index.html"
  # Five plugin modules are refused by the proxy (403); use the no-op
  # stand-ins in bifrost-stubs/ (README.md: why that does not change the path
  # the benchmark exercises).
  local m
  for m in compat modelcatalogresolver otel prompts mocker; do
    (cd "$src" && go mod edit -replace "github.com/maximhq/bifrost/plugins/$m=$HERE/bifrost-stubs/$m")
  done
  (cd "$src" && timeout 1800 go build -trimpath -ldflags "-s -w -X main.Version=$BIFROST_VERSION" \
      -o "$bin" ./bifrost-http) || { skip bifrost "go build failed"; return 1; }
  echo "$want" >"$stamp"
  echo "install: bifrost $BIFROST_VERSION built"
}

# Each in a subshell so one peer's failure (or set -e inside it) cannot stop
# the others.
for p in portkey litellm bifrost; do
  ( "install_$p" ) || true
done
exit 0
