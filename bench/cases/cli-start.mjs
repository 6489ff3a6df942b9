/**
 * @module bench/cases/cli-start
 * 1. CLI cold start: whole-process wall time of everyday commands against `node -e 0` started the
 * same way, interleaved so that machine noise hits every command alike. `list` and `status` run on
 * a home where `add memory --clients claude-desktop,cursor` has deployed into two client files.
 * Where a Node 24 binary is at hand (`MO_BENCH_NODE24`, or the one `.ci/run` caches), `servers list`
 * is measured against `node -e 0` on Node 24 as well, the same way.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLI, figure, isolatedEnv, ratio, run, summarise, tempDir, timeSpawn } from '../support.mjs';

const PROGRAM = pathToFileURL(join(CLI, '..', 'program.js')).href;

const COMMANDS = [
  { key: 'version', args: [CLI, '--version'], target: 1.5 },
  // What `--version` cost before main.ts answered it up front: the whole command tree loaded.
  {
    key: 'version, full command tree (before)',
    args: ['--input-type=module', '-e', `(await import(${JSON.stringify(PROGRAM)})).main(['--version'])`],
    target: null,
  },
  { key: 'draft show', args: [CLI, 'draft', 'show'], target: null },
  { key: 'servers list', args: [CLI, 'servers', 'list'], target: 2.0 },
  { key: 'list', args: [CLI, 'list'], target: 2.0 },
  { key: 'status', args: [CLI, 'status'], target: 2.0 },
];

/** A Node 24 binary, if one is at hand: `MO_BENCH_NODE24`, or the one `.ci/run` caches. */
export function node24() {
  const candidates = [
    process.env.MO_BENCH_NODE24,
    join(homedir(), '.cache', 'mcp-orchestration', 'node24', 'node_modules', '.bin', 'node'),
  ];
  return candidates.find((c) => c && existsSync(c)) ?? null;
}

export async function cliStart({ quick }) {
  const env = isolatedEnv(tempDir('cli'));
  run(process.execPath, [CLI, 'init'], env);
  run(process.execPath, [CLI, 'add', 'memory', '--clients', 'claude-desktop,cursor'], env);
  const rounds = quick ? 5 : 21;
  const deadline = performance.now() + (quick ? 15_000 : 60_000);
  const baseline = [];
  const times = new Map(COMMANDS.map((c) => [c.key, []]));
  // Warm the OS file cache once so every measured spawn is equally "cold" for Node itself.
  for (const c of COMMANDS) timeSpawn(process.execPath, c.args, env);
  for (let i = 0; i < rounds && (i < 3 || performance.now() < deadline); i++) {
    baseline.push(timeSpawn(process.execPath, ['-e', '0'], env));
    for (const c of COMMANDS) times.get(c.key)?.push(timeSpawn(process.execPath, c.args, env));
  }
  const base = summarise(baseline);
  const rows = [figure({ id: '1.0', name: 'node -e 0 (baseline)', unit: 'ms', stats: base })];
  COMMANDS.forEach((c, i) => {
    const stats = summarise(times.get(c.key) ?? []);
    const x = ratio(stats.median, base.median);
    rows.push(
      figure({
        id: `1.${i + 1}`,
        name: `cli ${c.key}`,
        unit: 'ms',
        stats,
        check:
          c.target === null
            ? { what: 'x node', value: x, op: 'report', target: null }
            : { what: 'x node', value: x, op: '<=', target: c.target },
        notes: `${x}x node -e 0`,
      }),
    );
  });
  const n24 = node24();
  if (n24 !== null && process.version.startsWith('v20')) rows.push(...onNode24(n24, env, quick));
  return rows;
}

/** `servers list` against `node -e 0`, both on Node 24 (target: 1.5x). */
function onNode24(node, env, quick) {
  const rounds = quick ? 5 : 21;
  const args = [CLI, 'servers', 'list'];
  timeSpawn(node, args, env); // fills Node 24's compile cache, as a user's first run does
  const base = [];
  const list = [];
  for (let i = 0; i < rounds; i++) {
    base.push(timeSpawn(node, ['-e', '0'], env));
    list.push(timeSpawn(node, args, env));
  }
  const b = summarise(base);
  const s = summarise(list);
  const x = ratio(s.median, b.median);
  const version = run(node, ['--version'], env).trim();
  return [
    figure({ id: '1.6', name: `node -e 0 (baseline), Node ${version}`, unit: 'ms', stats: b }),
    figure({
      id: '1.7',
      name: `cli servers list, Node ${version}`,
      unit: 'ms',
      stats: s,
      check: { what: 'x node', value: x, op: '<=', target: 1.5 },
      notes: `${x}x node -e 0 on Node ${version}`,
    }),
  ];
}
