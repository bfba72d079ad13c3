#!/usr/bin/env bash
# Runs the steps of deploy/Dockerfile without a Docker engine, and checks the
# result the way the image will be used:
#   1. the build packages (deploy/build-packages.txt) are installed;
#   2. the tree as git sees it (the Docker build context) is copied into a
#      clean directory and built there with the release preset, through
#      ccache (CCACHE_DIR, else ccache's default);
#   3. the runtime root is assembled in a staging directory (the binaries
#      under usr/local/bin, stripped as in the image);
#   4. ldd: every library the binaries load comes from a package of
#      deploy/runtime-packages.txt or one of their dependencies, and every
#      package listed there provides one of them (or says why it is there);
#   5. the staged binaries run: --help, then the server (gRPC and HTTP
#      fronts on 127.0.0.1:0) with the ConfigMap's config file and an empty
#      environment apart from dummy provider keys, answers a call from the
#      staged CLI and GET /healthz and /readyz on its HTTP front, logs JSON
#      lines without the key, and exits 0 on SIGTERM.
# Usage: deploy/build-image.sh [--keep DIR]   (--keep: stage the root in DIR
# and leave it there; otherwise everything is removed at the end.)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
keep=""
if [[ "${1:-}" == "--keep" && -n "${2:-}" ]]; then
  keep=$2
elif [[ $# -gt 0 ]]; then
  echo "usage: $0 [--keep DIR]" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/literllm-image.XXXXXX")
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill -KILL "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "build-image: FAILED: $*" >&2
  exit 1
}
step() { echo "build-image: $* ($((SECONDS))s)"; }

# Package names of a list file: the first word of each line, comments and
# blank lines skipped (the Dockerfile reads the lists the same way).
package_names() { grep -o '^[^#[:space:]]*' "$1" | grep . || true; }

# --- 1. build packages -------------------------------------------------------
missing=()
while read -r p; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$p")
done < <(package_names "$repo/deploy/build-packages.txt")
if ((${#missing[@]} > 0)); then
  fail "not installed: ${missing[*]} (run scripts/install-deps.sh)"
fi
step "build packages installed"

# --- 2. clean copy and release build -----------------------------------------
src="$work/src"
mkdir -p "$src"
git -C "$repo" rev-parse --is-inside-work-tree >/dev/null 2>&1 ||
  fail "$repo is not a git work tree: the build context is what git lists"
git -C "$repo" ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' f; do
    if [[ -e "$repo/$f" || -L "$repo/$f" ]]; then printf '%s\0' "$f"; fi
  done |
  tar -C "$repo" --null --no-recursion -T - -cf - | tar -C "$src" -xf -
step "copied $(find "$src" -type f | wc -l) files to $src"

# ccache keys on paths relative to the copy, so a warm cache hits from any
# temporary directory.
export CCACHE_BASEDIR="$src" CCACHE_NOHASHDIR=true
(
  cd "$src"
  cmake --preset release >/dev/null
  cmake --build --preset release --target literllm-server literllm
)
step "built literllm-server and literllm"

# --- 3. staged runtime root --------------------------------------------------
root="${keep:-$work/root}"
rm -rf "$root"
mkdir -p "$root/usr/local/bin"
strip --strip-debug -o "$root/usr/local/bin/literllm-server" \
  "$src/build/release/service/literllm-server"
strip --strip-debug -o "$root/usr/local/bin/literllm" \
  "$src/build/release/clients/cpp/literllm"
binaries=("$root/usr/local/bin/literllm-server" "$root/usr/local/bin/literllm")
step "staged $(du -sh "$root" | cut -f1) in $root"

# --- 4. runtime libraries ----------------------------------------------------
mapfile -t runtime < <(package_names "$repo/deploy/runtime-packages.txt")
((${#runtime[@]} > 0)) || fail "deploy/runtime-packages.txt lists no package"

# The listed packages and everything they depend on, as installed here.
declare -A closure=()
queue=("${runtime[@]}")
while ((${#queue[@]} > 0)); do
  p=${queue[0]}
  queue=("${queue[@]:1}")
  [[ -n "${closure[$p]:-}" ]] && continue
  closure[$p]=1
  deps=$(dpkg-query -W -f='${Pre-Depends}, ${Depends}' "$p" 2>/dev/null) || {
    apt-cache show "$p" >/dev/null 2>&1 || fail "no Debian package named '$p'"
    continue  # not installed here, so it provides none of the libraries
  }
  # "a (>= 1) | b, c:any" -> a b c
  for d in $(tr ',|' '\n' <<<"$deps" | sed 's/(.*)//; s/:any//' | tr -d ' '); do
    [[ -n "$d" && -z "${closure[$d]:-}" ]] && queue+=("$d")
  done
done

# Every library the binaries load, by path (ldd fails on a missing one).
declare -A libs=()
for bin in "${binaries[@]}"; do
  listing=$(ldd "$bin") || fail "ldd $bin"
  if grep -q "not found" <<<"$listing"; then
    fail "$(basename "$bin") needs libraries not present: $(grep "not found" <<<"$listing")"
  fi
  while read -r lib; do libs[$lib]=1; done < <(
    awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' <<<"$listing")
done

# The package shipping each library, asked for in one dpkg-query call under
# every name the file may be known by (Debian's /lib -> /usr/lib merge).
declare -A owner=()
names() {
  local real
  real=$(readlink -f "$1")
  printf '%s\n' "$1" "$real" "/usr$1" "/usr$real" "${1#/usr}" "${real#/usr}"
}
while IFS= read -r line; do
  owner[${line#*: }]=${line%%:*}
done < <(for lib in "${!libs[@]}"; do names "$lib"; done | sort -u |
  xargs dpkg-query -S 2>/dev/null | grep -v ', ' || true)

declare -A used=()
for lib in "${!libs[@]}"; do
  pkg=""
  while read -r name; do
    pkg=${owner[$name]:-}
    [[ -n "$pkg" ]] && break
  done < <(names "$lib")
  [[ -n "$pkg" ]] || fail "no package ships $lib"
  [[ -n "${closure[$pkg]:-}" ]] ||
    fail "the binaries load $lib from $pkg: add $pkg to deploy/runtime-packages.txt"
  used[$pkg]=1
done
for p in "${runtime[@]}"; do
  if [[ -z "${used[$p]:-}" ]] &&
    ! awk -v p="$p" '$1 == p && $2 ~ /^#/ {found = 1} END {exit !found}' \
      "$repo/deploy/runtime-packages.txt"; then
    fail "runtime package $p provides no library the binaries load: remove it, or say why after a '#'"
  fi
done
step "ldd: ${#used[@]} packages provide the libraries, all from deploy/runtime-packages.txt"

# --- 5. the staged binaries run ----------------------------------------------
server="$root/usr/local/bin/literllm-server"
cli="$root/usr/local/bin/literllm"
help=$("$server" --help 2>&1 || true)
grep -q -- "--listen" <<<"$help" || fail "literllm-server --help: $help"
help=$("$cli" --help 2>&1 || true)
grep -q -- "--target" <<<"$help" || fail "literllm --help: $help"

# As in the pod: nothing from this shell's environment, the config file the
# ConfigMap mounts, the keys of the Secret (dummies here, named as in
# deploy/k8s/provider-keys.env.example).
key="sk-image-check-0123456789abcdefDummyKey"
mapfile -t keys < <(grep -o '^[A-Z0-9_]*=' "$repo/deploy/k8s/provider-keys.env.example")
log="$work/server.log"
env -i PATH=/usr/bin:/bin LITERLLM_LISTEN=127.0.0.1:0 \
  LITERLLM_HTTP_LISTEN=127.0.0.1:0 \
  LITERLLM_CONFIG="$repo/deploy/k8s/base/literllm.yaml" "${keys[@]/%/$key}" \
  "$server" >"$log" 2>&1 &
server_pid=$!
for _ in $(seq 200); do
  grep -q '"msg":"listening"' "$log" && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.05
done
port=$(sed -n 's/.*"msg":"listening".*"port":"\([0-9]*\)".*/\1/p' "$log")
[[ -n "$port" ]] || fail "no 'listening' log line: $(cat "$log")"
http_port=$(sed -n 's/.*"msg":"listening".*"http_port":"\([0-9]*\)".*/\1/p' "$log")
[[ -n "$http_port" ]] || fail "no http_port in the 'listening' log line: $(cat "$log")"
step "server listening on 127.0.0.1:$port (gRPC), 127.0.0.1:$http_port (HTTP)"

# A call that ends before any upstream request: a real gRPC round trip.
answer=$(env -i PATH=/usr/bin:/bin "$cli" --target "127.0.0.1:$port" \
  chat -m nosuch/model "Hello" 2>&1 || true)
grep -q "INVALID_ARGUMENT" <<<"$answer" || fail "CLI call: $answer"

# The HTTP front's liveness and readiness, as a load balancer asks for them
# (bash's /dev/tcp: no HTTP client needed).
http_status() {
  local status=""
  exec 3<>"/dev/tcp/127.0.0.1/$http_port" || return 0
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$1" >&3
  read -r -t 5 _ status _ <&3 || true
  status=${status%$'\r'}
  exec 3<&- 3>&-
  echo "$status"
}
for path in /healthz /readyz; do
  status=$(http_status "$path")
  [[ "$status" == 200 ]] || fail "GET $path on the HTTP front: '$status', not 200"
done

kill -TERM "$server_pid"
code=0
wait "$server_pid" || code=$?
server_pid=""
((code == 0)) || fail "server exited $code on SIGTERM: $(cat "$log")"
grep -q '"msg":"stopped"' "$log" || fail "no 'stopped' log line: $(cat "$log")"
if grep -v '^{.*}$' "$log" | grep -q .; then
  fail "log lines that are not JSON objects: $(grep -v '^{.*}$' "$log")"
fi
if grep -q "$key" "$log"; then fail "the provider key appears in the log"; fi
step "CLI call and /healthz, /readyz answered, SIGTERM: exit 0, $(wc -l <"$log") JSON log lines"
echo "build-image: OK in ${SECONDS}s"
