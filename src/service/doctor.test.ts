/**
 * `doctor` on real files in a temp home: a fake PATH, a published and deployed profile, then one
 * breakage at a time, each found by the check it belongs to.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempHome, type TempHome } from '../../test/helpers/temp-home.js';
import type { DoctorReport } from '../core/schemas/doctor.js';
import { findOnPath } from './doctor.js';
import { Orchestrator } from './index.js';

let temp: TempHome;
let bin: string;
let svc: Orchestrator;
let claudeFile: string;

/** A pid that belonged to a process which has ended. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid;

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function fakeCommand(name: string): string {
  const path = join(bin, name);
  write(path, '#!/bin/sh\nexit 0\n');
  chmodSync(path, 0o755);
  return path;
}

/** The artifact files of the default claude-desktop profile. */
function artifactFiles(): string[] {
  const dir = join(temp.home, 'profiles', 'claude-desktop', 'default', 'artifacts');
  return readdirSync(dir).flatMap((shard) =>
    readdirSync(join(dir, shard)).map((name) => join(dir, shard, name)),
  );
}

const checkOf = (report: DoctorReport, check: string) => report.checks.filter((c) => c.check === check);

beforeEach(() => {
  temp = makeTempHome('mo-doctor-');
  bin = join(temp.root, 'bin');
  mkdirSync(bin);
  temp.env.PATH = bin;
  svc = new Orchestrator({ env: temp.env, platform: 'linux', cwd: temp.root });
  claudeFile = join(temp.userHome, '.config', 'Claude', 'claude_desktop_config.json');
});
afterEach(() => temp.cleanup());

describe('doctor', () => {
  it('on a fresh machine: names where node and npx are, warns about uvx and the missing key', async () => {
    const node = fakeCommand('node');
    fakeCommand('npx');
    const report = await svc.doctor();
    expect(report.ok).toBe(true);
    expect(checkOf(report, 'node')[0]).toMatchObject({ status: 'ok', found: `node is at ${node}` });
    expect(checkOf(report, 'npx')[0]?.status).toBe('ok');
    const uvx = checkOf(report, 'uvx')[0];
    expect(uvx?.status).toBe('warn');
    // The catalog servers that need uvx are named, so the user knows what will not start.
    expect(uvx?.found).toMatch(/Catalog servers that run with uvx: .*\bfetch\b/);
    expect(uvx?.next).toContain('uv');
    expect(checkOf(report, 'keys')[0]).toMatchObject({ status: 'warn' });
    expect(checkOf(report, 'keys')[0]?.next).toContain('mcp-orchestration init');
    expect(checkOf(report, 'store')[0]).toMatchObject({ status: 'ok' });
    expect(checkOf(report, 'client-file')).toEqual([]);
    expect(checkOf(report, 'temp-files')[0]?.status).toBe('ok');
    expect(checkOf(report, 'lock-files')[0]?.status).toBe('ok');
    // Linux with the native addon (CI): deploys keep every edit saved meanwhile.
    expect(checkOf(report, 'edit-guard')[0]?.status).toBe(process.platform === 'linux' ? 'ok' : 'warn');
    expect(report.summary).toEqual(
      process.platform === 'linux' ? { ok: 6, warn: 2, fail: 0 } : { ok: 5, warn: 3, fail: 0 },
    );
  });

  it('fails when node or npx is missing, and says how to install them', async () => {
    const report = await svc.doctor();
    expect(report.ok).toBe(false);
    expect(checkOf(report, 'node')[0]).toMatchObject({ status: 'fail' });
    expect(checkOf(report, 'npx')[0]?.found).toContain('Catalog servers that run with npx: ');
    expect(checkOf(report, 'npx')[0]?.next).toContain('Node.js');
  });

  it('is all ok after a publish and deploy, and finds each breakage afterwards', async () => {
    for (const name of ['node', 'npx', 'uvx']) fakeCommand(name);
    write(claudeFile, JSON.stringify({ mcpServers: { mine: { command: 'node', args: ['mine.js'] } } }));
    await svc.init();
    await svc.publish({
      payload: {
        mcpServers: { memory: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] } },
      },
      changelog: 'memory',
    });
    await svc.deploy({});
    const good = await svc.doctor();
    expect(good.checks.filter((c) => c.status !== 'ok')).toEqual([]);
    expect(checkOf(good, 'client-file')[0]).toMatchObject({ status: 'ok', subject: claudeFile });
    expect(checkOf(good, 'store')[0]?.found).toContain('1 artifact(s) in 1 profile(s)');

    // A client file that does not parse.
    const cursorFile = join(temp.userHome, '.cursor', 'mcp.json');
    write(cursorFile, '{ "mcpServers": { ');
    // An artifact changed after it was signed.
    const artifactFile = artifactFiles()[0] ?? '';
    const artifact = JSON.parse(readFileSync(artifactFile, 'utf8'));
    artifact.payload.mcpServers.memory.args = ['-y', 'evil-package'];
    writeFileSync(artifactFile, JSON.stringify(artifact));
    // A private key others can read.
    chmodSync(join(temp.home, 'keys', 'signing.key'), 0o644);
    // A temp file beside the client file and a lock in the home folder, both of dead processes.
    const temp1 = join(dirname(claudeFile), `.claude_desktop_config.json.${deadPid()}.0123456789ab.tmp`);
    write(temp1, '{}');
    // The temp file a lock is linked from, abandoned long ago.
    const lockTemp = join(temp.home, 'keys.lock.0123456789abcdef.tmp');
    write(lockTemp, '{}');
    utimesSync(lockTemp, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    const lock = join(temp.home, 'locks', '0123456789abcdef0123456789abcdef.lock');
    write(lock, String(deadPid()));
    // A live lock (this process) and someone else's temp file are not reported.
    write(join(temp.home, 'locks', 'live.lock'), String(process.pid));
    write(join(dirname(claudeFile), '.other-app.json.12.0123456789ab.tmp'), '{}');

    const bad = await svc.doctor();
    expect(bad.ok).toBe(false);
    const cursor = checkOf(bad, 'client-file').find((c) => c.subject === cursorFile);
    expect(cursor).toMatchObject({ status: 'fail' });
    expect(cursor?.found).toContain('does not parse');
    expect(checkOf(bad, 'client-file').find((c) => c.subject === claudeFile)?.status).toBe('ok');
    const store = checkOf(bad, 'store')[0];
    expect(store?.status).toBe('fail');
    expect(store?.found).toContain('claude-desktop/default');
    expect(store?.found).toContain('(the head)');
    expect(store?.found).toContain('TAMPERED');
    const keys = checkOf(bad, 'keys')[0];
    expect(keys).toMatchObject({ status: 'fail' });
    expect(keys?.found).toContain('0644');
    expect(keys?.next).toContain('chmod 600');
    expect(checkOf(bad, 'temp-files')[0]).toMatchObject({ status: 'warn', paths: [temp1, lockTemp].sort() });
    expect(checkOf(bad, 'lock-files')[0]).toMatchObject({ status: 'warn', paths: [lock] });
    expect(bad.summary.fail).toBe(3);
  });

  it('reports a history whose head artifact is gone', async () => {
    await svc.init();
    await svc.publish({ payload: { mcpServers: { a: { command: 'node' } } }, changelog: 'a' });
    for (const file of artifactFiles()) rmSync(file);
    const store = checkOf(await svc.doctor(), 'store')[0];
    expect(store?.status).toBe('fail');
    expect(store?.found).toContain('(the head)');
  });
});

describe('findOnPath', () => {
  it('finds executables only, in PATH order, and PATHEXT names on Windows', () => {
    temp = makeTempHome('mo-path-');
    const a = join(temp.root, 'a');
    const b = join(temp.root, 'b');
    write(join(a, 'tool'), 'not executable');
    write(join(b, 'tool'), '#!/bin/sh\n');
    chmodSync(join(b, 'tool'), 0o755);
    expect(findOnPath('tool', { PATH: `${a}:${b}` }, 'linux')).toBe(join(b, 'tool'));
    expect(findOnPath('nothing', { PATH: `${a}:${b}` }, 'linux')).toBeNull();
    write(join(a, 'uvx.EXE'), '');
    expect(findOnPath('uvx', { Path: a, PATHEXT: '.EXE;.CMD' }, 'win32')).toBe(join(a, 'uvx.EXE'));
  });
});
