/**
 * @module bench/support
 * What every benchmark case shares: statistics, bounded timing loops, temp homes that keep every
 * spawned process away from the real `~`, and the machine description written to results.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { arch, cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = join(ROOT, 'dist', 'cli', 'main.js');
export const dist = (path) => new URL(`../dist/${path}`, import.meta.url).href;

/** min / median / max / p99 of a list of samples (same unit in, same unit out). */
export function summarise(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  const mid = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return {
    n: sorted.length,
    min: sorted[0] ?? Number.NaN,
    median,
    max: sorted.at(-1) ?? Number.NaN,
    p99: at(0.99),
  };
}

/**
 * Calls `fn` until `count` samples or `budgetMs` have passed (at least `minCount`), returning the
 * wall time of each call in milliseconds (or, with `selfTimed`, the milliseconds `fn` returns).
 * Every loop in the bench is bounded both ways.
 */
export async function sample(fn, { count, budgetMs, minCount = 3, selfTimed = false }) {
  const samples = [];
  const deadline = performance.now() + budgetMs;
  for (let i = 0; i < count && (i < minCount || performance.now() < deadline); i++) {
    const start = performance.now();
    const own = await fn(i);
    samples.push(selfTimed ? own : performance.now() - start);
  }
  return samples;
}

const tempRoots = [];

/** A fresh temp folder, removed when the bench ends. */
export function tempDir(label) {
  const dir = mkdtempSync(join(tmpdir(), `mo-bench-${label}-`));
  tempRoots.push(dir);
  return dir;
}

export function cleanupTemp() {
  for (const dir of tempRoots.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * An environment whose every notion of "home" points into `root`, for spawned processes: the
 * user's home on each OS, the XDG and AppData folders, and our own home folder.
 */
export function isolatedEnv(root) {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: root,
    USERPROFILE: root,
    XDG_CONFIG_HOME: join(root, '.config'),
    APPDATA: join(root, 'AppData', 'Roaming'),
    MCP_ORCHESTRATION_HOME: join(root, '.mcp-orchestration'),
    NO_COLOR: '1',
    CI: '1',
  };
  mkdirSync(env.XDG_CONFIG_HOME, { recursive: true });
  mkdirSync(env.APPDATA, { recursive: true });
  return env;
}

/** Runs a command to completion; throws with its output when it fails. */
export function run(command, args, env, cwd = ROOT) {
  const out = spawnSync(command, args, { env, cwd, encoding: 'utf8', timeout: 60_000 });
  if (out.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${out.status}: ${out.stderr || out.stdout}`);
  }
  return out.stdout;
}

/** Wall time of one spawn, in milliseconds. */
export function timeSpawn(command, args, env, cwd = ROOT) {
  const start = performance.now();
  const out = spawnSync(command, args, { env, cwd, stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
  const elapsed = performance.now() - start;
  if (out.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${out.status}: ${out.stderr}`);
  return elapsed;
}

export function machineInfo() {
  const list = cpus();
  return {
    cpus: list.length,
    cpu_model: list[0]?.model ?? 'unknown',
    memory_gb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    load_average_at_start: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/**
 * One row of the results table: `stats` summarises the samples (in `unit`); `check`, when there is
 * a target, is the figure compared with it: `{ what, value, op: '<=' | '>=', target }`.
 */
export function figure({ id, name, unit, stats, check = null, notes = '' }) {
  const pass =
    check === null || check.target === null
      ? null
      : check.op === '<='
        ? check.value <= check.target
        : check.value >= check.target;
  return { id, name, unit, ...stats, check, pass, notes };
}

/** A row that could not be measured, with the reason. */
export function skipped(id, name, reason, check = null) {
  return {
    id,
    name,
    unit: '',
    n: 0,
    min: null,
    median: null,
    max: null,
    check,
    pass: null,
    notes: `skipped: ${reason}`,
  };
}

/** A ratio rounded for reading. */
export const ratio = (a, b) => Math.round((a / b) * 100) / 100;
