#!/usr/bin/env bash
# smoke.sh [NAME...] — for each installed peer (default: all three): start a
# throwaway fake upstream and the peer on free loopback ports, send one unary
# and one streaming chat completion as request.sh describes, check the canned
# content comes back. Prints PASS/FAIL per peer; exits 1 if any FAIL.
set -euo pipefail
cd "$(dirname "$0")"
W=$PWD/.work
LOGS=$W/smoke; mkdir -p "$LOGS"
if (($#)); then PEERS=("$@"); else PEERS=(portkey litellm bifrost); fi

PIDS=()
# Every child runs in its own session (setsid), so its group id is its pid
# and killing the group also ends worker processes it forked (uvicorn).
stop_all() {
  local p
  for p in "${PIDS[@]}"; do kill -TERM -- "-$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 -- "-$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$p" 2>/dev/null || true
  done
  PIDS=()
}
trap stop_all EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wait_http PORT SECONDS: any HTTP answer on / counts as "listening".
wait_http() {
  local deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    curl -s -o /dev/null -m 2 "http://127.0.0.1:$1/" && return 0
    sleep 0.25
  done
  return 1
}

installed() {
  case $1 in
  portkey) [[ -f $W/portkey/node_modules/@portkey-ai/gateway/build/start-server.js ]] ;;
  litellm) [[ -x $W/litellm-venv/bin/litellm ]] ;;
  bifrost) [[ -x $W/bin/bifrost-http ]] ;;
  *) return 1 ;;
  esac
}

fail=0
for name in "${PEERS[@]}"; do
  if ! installed "$name"; then echo "SKIP $name (not installed; run install.sh)"; continue; fi
  up=$(free_port); port=$(free_port)
  setsid python3 fake_upstream.py "$up" >"$LOGS/$name-upstream.log" 2>&1 & PIDS+=($!)
  setsid ./start.sh "$name" "$port" "$up" >"$LOGS/$name.log" 2>&1 & PIDS+=($!)
  disown -a  # no "Killed" job notices from stop_all
  # LiteLLM imports for several seconds per worker on 2 cores.
  result=FAIL why=""
  if ! wait_http "$up" 10; then why="fake upstream did not start"
  elif ! wait_http "$port" 90; then why="peer did not listen within 90 s"
  else
    path="" model="" hdrs=()
    while read -r kind rest; do
      case $kind in
      PATH) path=$rest ;; MODEL) model=$rest ;; HEADER) hdrs+=(-H "$rest") ;;
      esac
    done < <(./request.sh "$name" "$port")
    url="http://127.0.0.1:$port$path"
    body='{"model":"'$model'","messages":[{"role":"user","content":"hi"}]'
    unary=$(curl -sS -m 20 "$url" -H 'Content-Type: application/json' "${hdrs[@]}" -d "$body}" 2>&1 || true)
    stream=$(curl -sS -N -m 20 "$url" -H 'Content-Type: application/json' "${hdrs[@]}" -d "$body,\"stream\":true}" 2>&1 || true)
    echo "$unary" >"$LOGS/$name-unary.out"; echo "$stream" >"$LOGS/$name-stream.out"
    # Content in the stream is split over several chunks; check two of them
    # and the terminator.
    if [[ $unary != *'"hello from fake upstream"'* ]]; then why="unary: ${unary:0:200}"
    elif [[ $stream != *'"fake "'* || $stream != *'"upstream"'* || $stream != *'data: [DONE]'* ]]; then why="stream: ${stream:0:200}"
    else result=PASS
    fi
  fi
  stop_all
  if [[ $result == PASS ]]; then echo "PASS $name"; else echo "FAIL $name: $why (logs: $LOGS/$name*)"; fail=1; fi
done
exit $fail
