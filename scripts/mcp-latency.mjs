#!/usr/bin/env node
// Times an MCP stdio server from launch: initialize answered, first tools/list answered, and how
// long the process takes to exit once stdin is closed. Needs the harness's node_modules: run it
// from a copy of the harness (scripts/harness-mcp.sh copies it to clients/ there).
//
//   node clients/mcp-latency.mjs [--runs N] -- <server command> [args...]
// Prints one line per run and the worst of each; exit 1 if any run fails.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport, getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';

const argv = process.argv.slice(2);
const dd = argv.indexOf('--');
if (dd < 0 || dd === argv.length - 1) {
  console.error('usage: node mcp-latency.mjs [--runs N] -- <command> [args...]');
  process.exit(2);
}
const runsAt = argv.indexOf('--runs');
const runs = runsAt >= 0 && runsAt < dd ? Number(argv[runsAt + 1]) : 3;
const [command, ...args] = argv.slice(dd + 1);

const worst = { init: 0, list: 0, exit: 0 };
for (let i = 1; i <= runs; i++) {
  const transport = new StdioClientTransport({
    command, args, env: { ...getDefaultEnvironment(), ...process.env }, stderr: 'ignore',
  });
  const client = new Client({ name: 'mcp-latency', version: '0.1.0' });
  const t0 = performance.now();
  await client.connect(transport, { timeout: 30000 });
  const tInit = performance.now() - t0;
  const tools = await client.listTools({}, { timeout: 30000 });
  const tList = performance.now() - t0;
  const exited = new Promise((resolve) => { transport._process.once('exit', resolve); });
  const tClose = performance.now();
  await transport._process.stdin.end();
  await exited;
  const tExit = performance.now() - tClose;
  console.log(`run ${i}: initialize ${tInit.toFixed(0)} ms, tools/list (${tools.tools.length} tools)`
    + ` ${tList.toFixed(0)} ms after launch, exit ${tExit.toFixed(0)} ms after stdin closed`);
  worst.init = Math.max(worst.init, tInit);
  worst.list = Math.max(worst.list, tList);
  worst.exit = Math.max(worst.exit, tExit);
}
console.log(`worst of ${runs}: initialize ${worst.init.toFixed(0)} ms, tools/list`
  + ` ${worst.list.toFixed(0)} ms, exit ${worst.exit.toFixed(0)} ms`);
