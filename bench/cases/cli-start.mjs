/**
 * @module bench/cases/cli-start
 * 1. CLI cold start: whole-process wall time of three commands against `node -e 0` started the
 * same way, interleaved so that machine noise hits every command alike.
 */
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
  { key: 'servers list', args: [CLI, 'servers', 'list'], target: 2.5 },
];

export async function cliStart({ quick }) {
  const env = isolatedEnv(tempDir('cli'));
  run(process.execPath, [CLI, 'init'], env);
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
  return rows;
}
