#!/usr/bin/env bash
# Runs real third-party MCP clients from the shared harness against `memoryoss mcp-server`:
# the MCP TypeScript SDK client (store then recall, expecting the stored token back), the MCP
# Inspector CLI (tools/list and a tools/call), a forget with no arguments (must be a tool error
# and delete nothing), the start-up latency to the first tools/list, and Claude Code itself:
# `memoryoss setup` registers the server in an isolated home, `serve` runs on the written config,
# and `claude -p` (against the harness's mock model) calls memoryoss_recall through MCP.
#
# The harness is copied to a temporary directory and installed there with `npm ci` (~1 min,
# needs the npm registry). HARNESS_PREPARED=DIR reuses the node_modules of an installed copy
# instead (no network). A `memoryoss dev` server runs on a free port with a temporary data dir.
#
#   scripts/harness-mcp.sh            # from the repository root or anywhere
#   KEEP=1 scripts/harness-mcp.sh     # keep the temporary directory (logs) afterwards
#
# Exit status 0 only when every check passed; the first failure stops the run with its output.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
harness_src=${HARNESS_SRC:-$root/../shared/harness}
jar=$root/cli/target/memoryoss.jar
launcher=$root/bin/memoryoss
export MEMORYOSS_SKIP_BUILD=1

say() { printf '%s\n' "harness-mcp: $*" >&2; }
fail() { say "FAIL: $*"; exit 1; }
passed=0
pass() { passed=$((passed + 1)); say "PASS: $*"; }

[ -d "$harness_src" ] || fail "no harness at $harness_src (set HARNESS_SRC)"
command -v node >/dev/null || fail "node is not installed"

# The launcher would build with `mvn install` when the jar is stale; build it here with
# `package` instead, which leaves the local Maven repository alone.
if [ ! -f "$jar" ] || [ -n "$(find "$root" \( -path "$root/.git" -o -name target -o -name node_modules \) \
    -prune -o -type f \( -name '*.java' -o -name pom.xml -o -path '*/src/main/resources/*' \) \
    -newer "$jar" -print -quit)" ]; then
  say "building $jar"
  (cd "$root" && mvn -q -B -pl cli -am package -DskipTests) >&2 || fail "build failed"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/memoryoss-harness-mcp.XXXXXX")
pids=()
cleanup() {
  status=$?
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  if [ "${KEEP:-0}" = 1 ] || [ "$status" != 0 ]; then
    say "kept $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

say "copying the harness to $work/harness"
mkdir -p "$work/harness"
(cd "$harness_src" && tar --exclude=node_modules --exclude=.runtime -cf - .) \
  | (cd "$work/harness" && tar -xf -)
chmod -R u+w "$work/harness"
cp "$root/scripts/mcp-latency.mjs" "$work/harness/clients/"
cd "$work/harness"
if [ -n "${HARNESS_PREPARED:-}" ]; then
  [ -d "$HARNESS_PREPARED/node_modules" ] || fail "no node_modules in $HARNESS_PREPARED"
  ln -s "$HARNESS_PREPARED/node_modules" node_modules
  say "using the node_modules of $HARNESS_PREPARED"
else
  say "npm ci (about a minute)"
  npm ci --no-audit --no-fund --loglevel=error >"$work/npm-ci.log" 2>&1 \
    || { tail -20 "$work/npm-ci.log" >&2; fail "npm ci failed"; }
fi

free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}
# await_health PORT PID LOG: wait for a started server's /health
await_health() {
  for _ in $(seq 1 240); do
    if curl -fsS "http://127.0.0.1:$1/health" >/dev/null 2>&1; then return 0; fi
    kill -0 "$2" 2>/dev/null || { tail -20 "$3" >&2; fail "server on port $1 exited"; }
    sleep 0.5
  done
  tail -20 "$3" >&2
  fail "server on port $1 not healthy"
}

port=$(free_port)
say "starting memoryoss dev on 127.0.0.1:$port"
"$launcher" dev --port "$port" --data-dir "$work/data" >"$work/dev.log" 2>&1 &
pids+=($!)
await_health "$port" "$!" "$work/dev.log"

cfg=$work/memoryoss.toml
printf '[server]\nhost = "127.0.0.1"\nport = %s\n\n[tls]\nenabled = false\n' "$port" >"$cfg"
server=("$launcher" -c "$cfg" mcp-server)
token="HARNESS-$(date +%s)-$$"

say "1. MCP SDK client: store, then recall (expects $token)"
out=$(node clients/mcp-client.mjs \
  --call memoryoss_store --args "{\"content\":\"MEMORY-TOKEN: $token the staging database listens on port 5433\",\"tags\":[\"infra\"],\"agent\":\"harness\"}" \
  --call memoryoss_recall --args '{"query":"which port does the staging database use","limit":5}' \
  --expect "$token" -- "${server[@]}" 2>"$work/mcp-client.err") || { printf '%s\n' "$out" >&2; tail -20 "$work/mcp-client.err" >&2; fail "store/recall"; }
printf '%s\n' "$out"
grep -q '"stored":true' <<<"$out" || fail "store did not answer stored:true"
pass "store + recall round trip through mcp-server"

say "2. MCP Inspector CLI: tools/list"
list=$(npx --no-install @modelcontextprotocol/inspector --cli "${server[@]}" --method tools/list 2>"$work/inspector.err") \
  || { tail -20 "$work/inspector.err" >&2; fail "inspector tools/list"; }
for tool in memoryoss_recall memoryoss_store memoryoss_update memoryoss_forget; do
  grep -q "\"$tool\"" <<<"$list" || { printf '%s\n' "$list" >&2; fail "tools/list lacks $tool"; }
done
grep -q '"readOnlyHint": true' <<<"$list" || fail "tools/list lacks readOnlyHint"
grep -q '"destructiveHint": true' <<<"$list" || fail "tools/list lacks destructiveHint"
node -e 'const t=JSON.parse(require("fs").readFileSync(0,"utf8")).tools;console.log(t.map(x=>`  ${x.name} (${x.title}): ${Object.keys(x.inputSchema.properties).join(", ")}; annotations ${JSON.stringify(x.annotations)}`).join("\n"))' <<<"$list"
pass "inspector lists the four tools with annotations"

say "3. MCP Inspector CLI: tools/call memoryoss_recall"
call=$(npx --no-install @modelcontextprotocol/inspector --cli "${server[@]}" --method tools/call \
  --tool-name memoryoss_recall --tool-arg "query=staging database port" 2>>"$work/inspector.err") \
  || { tail -20 "$work/inspector.err" >&2; fail "inspector tools/call"; }
grep -q "$token" <<<"$call" || { printf '%s\n' "$call" >&2; fail "inspector recall lacks $token"; }
pass "inspector tools/call recall finds the stored memory"

say "4. memoryoss_forget with no arguments must be a tool error and delete nothing"
set +e
forget=$(node clients/mcp-client.mjs --call memoryoss_forget --args '{}' -- "${server[@]}" 2>>"$work/mcp-client.err")
forget_status=$?
set -e
printf '%s\n' "$forget"
[ "$forget_status" = 1 ] || fail "forget {} exited $forget_status, expected 1 (isError)"
grep -q 'ERROR memoryoss_forget: nothing deleted' <<<"$forget" || fail "forget {} did not explain the refusal"
after=$(node clients/mcp-client.mjs --call memoryoss_recall --args '{"query":"staging database port"}' \
  --expect "$token" -- "${server[@]}" 2>>"$work/mcp-client.err") || { printf '%s\n' "$after" >&2; fail "memory gone after forget {}"; }
pass "forget {} is refused and the memory is still there"

say "5. start-up latency (first run may build the class-data archive)"
node clients/mcp-latency.mjs --runs 3 -- "${server[@]}" 2>>"$work/latency.err" \
  || { tail -20 "$work/latency.err" >&2; fail "latency run"; }
pass "latency measured"

say "6. Claude Code: setup registers the server, claude -p calls memoryoss_recall through MCP"
state=$work/claude-state
home=$state/claude-code/home
mkdir -p "$home/.claude"
cc_port=$(free_port)
env -i PATH="$PATH" HOME="$home" SHELL=/bin/bash MEMORYOSS_SKIP_BUILD=1 \
  "$launcher" setup --non-interactive --home "$home" --port "$cc_port" >"$work/setup.log" 2>&1 \
  || { cat "$work/setup.log" >&2; fail "setup"; }
grep -q '"memoryoss"' "$home/.claude.json" || fail "setup did not register with Claude Code"
config=$home/.memoryoss/memoryoss.toml
"$launcher" -c "$config" serve >"$work/serve.log" 2>&1 &
pids+=($!)
await_health "$cc_port" "$!" "$work/serve.log"
cc_token="CC-$token"
node clients/mcp-client.mjs --call memoryoss_store \
  --args "{\"content\":\"MEMORY-TOKEN: $cc_token the release train leaves on Thursdays\"}" \
  -- "$launcher" -c "$config" mcp-server >"$work/cc-store.out" 2>&1 \
  || { cat "$work/cc-store.out" >&2; fail "store for Claude Code"; }
node mock-upstream/server.js --port 0 --port-file "$work/mock.port" --record "$work/claude.jsonl" \
  --quiet >"$work/mock.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do [ -s "$work/mock.port" ] && break; sleep 0.1; done
[ -s "$work/mock.port" ] || fail "mock upstream did not start"
reply=$(ANTHROPIC_BASE_URL="http://127.0.0.1:$(cat "$work/mock.port")" HARNESS_STATE_DIR="$state" \
  CLAUDE_CODE_DISABLE_AUTO_MEMORY=1 HARNESS_WORKDIR="$work" \
  timeout 300 clients/claude-code.sh \
  'MOCK-TOOL: mcp__memoryoss__memoryoss_recall {"query":"when does the release train leave"}' \
  --allowedTools mcp__memoryoss__memoryoss_recall 2>"$work/claude.err") \
  || { tail -20 "$work/claude.err" >&2; fail "claude -p"; }
printf '%s\n' "$reply"
node scripts/assert-records.mjs "$work/claude.jsonl" \
  "api('anthropic.messages').some(r => text(r.body.tools).includes('mcp__memoryoss__memoryoss_recall'))" \
  || fail "Claude Code did not offer the memoryoss tools to the model"
node scripts/assert-records.mjs "$work/claude.jsonl" \
  "api('anthropic.messages').some(r => text(r.body).includes('persistent long-term memory'))" \
  || fail "Claude Code did not pass the server instructions to the model"
node scripts/assert-records.mjs "$work/claude.jsonl" \
  "api('anthropic.messages').some(r => text(r.body.messages).includes('tool_result') && r.memoryTokens.includes('$cc_token'))" \
  || fail "the recalled memory did not reach the model as a tool result"
pass "Claude Code loaded the registered server, called memoryoss_recall, the memory reached the model"

say "all $passed checks passed"
