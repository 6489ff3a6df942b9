#!/usr/bin/env node
// `npm start`: the main job on the default home folder (~/.mcp-orchestration or
// $MCP_ORCHESTRATION_HOME). It creates the keys, publishes a starter profile (memory + time
// servers) for Claude Desktop, verifies it and lists the clients found on this machine.
// It never writes a client's config file: `mcp-orchestration deploy --profile starter` does that.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const run = (args, okCodes = []) => {
  process.stdout.write(`\n$ mcp-orchestration ${args.join(' ')}\n`);
  const res = spawnSync(process.execPath, [cli, ...args], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  });
  const known = okCodes.some((code) => res.stderr.includes(code));
  if (res.stderr && !known) process.stderr.write(res.stderr);
  if (known) process.stdout.write(`(${okCodes.join('/')}: already done)\n`);
  if (res.status !== 0 && !known) process.exit(res.status ?? 1);
};

const starter = ['--profile', 'starter'];
run(['init']);
run(['draft', 'add', 'memory', ...starter], ['DUPLICATE_SERVER']);
run(['draft', 'add', 'time', ...starter], ['DUPLICATE_SERVER']);
run(['validate', ...starter]);
run(['publish', ...starter, '--changelog', 'starter profile: memory and time'], ['NO_CHANGES']);
run(['verify', ...starter]);
run(['history', ...starter, '--limit', '5']);
run(['clients']);
process.stdout.write(
  '\nNext: "mcp-orchestration deploy --profile starter --dry-run" shows what deploying would change.\n',
);
