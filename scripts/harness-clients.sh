#!/usr/bin/env bash
# Real clients through the gateway, offline: the official openai and @anthropic-ai/sdk drivers,
# a Claude Code `-p` turn and a Codex `exec` turn, against the harness's recording mock upstream.
# Each must complete, and the memory stored beforehand must reach the mock (and the reply).
#
# Usage: scripts/harness-clients.sh [path/to/shared/harness]
# Copies the harness to a temp dir and runs `npm ci` there (the shared copy is read-only), unless
# HARNESS_READY points at an already installed copy.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
src=${1:-$root/../shared/harness}
work=$(mktemp -d /tmp/memoryoss-harness-XXXXXX)
cleanup() { [ -n "${gw_pid:-}" ] && kill "$gw_pid" 2>/dev/null; [ -n "${mock_pid:-}" ] && kill "$mock_pid" 2>/dev/null; true; }
trap cleanup EXIT

if [ -n "${HARNESS_READY:-}" ]; then
  h=$HARNESS_READY
else
  cp -r "$src" "$work/harness" && chmod -R u+w "$work/harness"
  h=$work/harness
  (cd "$h" && npm ci --no-audit --no-fund >"$work/npm.log" 2>&1) || { cat "$work/npm.log"; exit 1; }
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
mock_port=$(free_port); gw_port=$(free_port)
rec=$work/upstream.jsonl
node "$h/mock-upstream/server.js" --port "$mock_port" --record "$rec" --quiet &
mock_pid=$!

cat >"$work/memoryoss.toml" <<TOML
[server]
host = "127.0.0.1"
port = $gw_port
[tls]
enabled = false
[storage]
data_dir = "$work/data"
[proxy]
enabled = true
upstream_url = "http://127.0.0.1:$mock_port/v1"
anthropic_upstream_url = "http://127.0.0.1:$mock_port/v1/messages"
passthrough_auth = true
passthrough_local_only = true
extraction_enabled = false
TOML
MEMORYOSS_SKIP_BUILD=${MEMORYOSS_SKIP_BUILD:-0} "$root/bin/memoryoss" -c "$work/memoryoss.toml" dev >"$work/gateway.log" 2>&1 &
gw_pid=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$gw_port/health" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$gw_port/health" >/dev/null || { cat "$work/gateway.log"; exit 1; }

token=HX$RANDOM$RANDOM
curl -sf -XPOST "http://127.0.0.1:$gw_port/v1/store" -H 'Content-Type: application/json' \
  -d "{\"content\":\"MEMORY-TOKEN: $token The user's favourite drink is green tea; say hi warmly.\"}" >/dev/null
curl -sf -XPOST "http://127.0.0.1:$gw_port/v1/recall" -H 'Content-Type: application/json' \
  -d '{"query":"warm up"}' >/dev/null

pass=0; fail=0
check() { local name=$1; shift; if "$@" >"$work/$name.out" 2>&1; then echo "PASS $name"; pass=$((pass+1)); else echo "FAIL $name"; tail -20 "$work/$name.out"; fail=$((fail+1)); fi; }
records() { node "$h/scripts/assert-records.mjs" "$rec" "$1"; }

cd "$h"
check openai-sdk env OPENAI_BASE_URL="http://127.0.0.1:$gw_port/proxy/v1" \
  node clients/openai-sdk.mjs --prompt "What drink do I like? Say hi." --expect "$token" \
  --only chat,chat-stream,responses,responses-stream
check anthropic-sdk env ANTHROPIC_BASE_URL="http://127.0.0.1:$gw_port/proxy/anthropic" \
  node clients/anthropic-sdk.mjs --prompt "What drink do I like? Say hi." --expect "$token" \
  --only messages,messages-stream
check claude-code env ANTHROPIC_BASE_URL="http://127.0.0.1:$gw_port/proxy/anthropic" \
  HARNESS_FRESH=1 CLAUDE_CODE_DISABLE_AUTO_MEMORY=1 bash clients/claude-code.sh "What drink do I like? Say hi."
check claude-code-memory records "api('anthropic.messages').some(r => r.memoryTokens.includes('$token'))"
check codex env OPENAI_BASE_URL="http://127.0.0.1:$gw_port/proxy/v1" \
  bash clients/codex.sh "What drink do I like? Say hi."
check codex-memory records "api('openai.responses').some(r => r.memoryTokens.includes('$token'))"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
