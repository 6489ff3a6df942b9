import {
  appendFileSync,
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempHome, type TempHome } from '../../test/helpers/temp-home.js';
import type { OrchestrationError } from '../core/errors.js';
import { appendLine, writeFileAtomic } from './atomic.js';
import { HomeLayout, resolveHomeDir } from './home.js';
import { LOCK_HEARTBEAT_MS, withLock } from './lock.js';
import { appendHistory, readHead, readHistory, readIndex } from './profiles.js';

let temp: TempHome;
afterEach(() => temp?.cleanup());

const entry = (i: number) => ({
  seq: i,
  artifact_id: `sha256:${i.toString(16).padStart(64, '0')}`,
  created_at: new Date(1_700_000_000_000 + i).toISOString(),
  changelog: `change ${i}`,
  server_count: 1,
  parent_artifact_id: null,
});

describe('home', () => {
  it('resolves --home, then the env variable, then ~', () => {
    expect(resolveHomeDir('/x/y', {})).toBe('/x/y');
    expect(resolveHomeDir(undefined, { MCP_ORCHESTRATION_HOME: '/env/home' })).toBe('/env/home');
    expect(resolveHomeDir(undefined, {})).toMatch(/\.mcp-orchestration$/);
  });

  it('refuses ids that would leave the home folder', () => {
    const home = new HomeLayout('/h');
    expect(() => home.profileDir('..', 'x')).toThrow(/Invalid client id/);
    expect(() => home.draftFile('a', '../../etc')).toThrow(/Invalid profile id/);
  });
});

describe('atomic writes', () => {
  it('keeps the mode of an existing file and writes through a symlink', () => {
    temp = makeTempHome();
    mkdirSync(temp.root, { recursive: true });
    const real = join(temp.root, 'real.json');
    writeFileSync(real, 'old', { mode: 0o640 });
    const link = join(temp.root, 'link.json');
    symlinkSync(real, link);
    writeFileAtomic(link, 'new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('new');
    expect(statSync(real).mode & 0o777).toBe(0o640);
  });

  it('keeps mode bits exactly, whatever the umask', () => {
    temp = makeTempHome();
    const previous = process.umask(0o022);
    try {
      const existing = join(temp.root, 'existing.json');
      writeFileSync(existing, 'old');
      chmodSync(existing, 0o664);
      writeFileAtomic(existing, 'new');
      expect(statSync(existing).mode & 0o7777).toBe(0o664);
      const fresh = join(temp.root, 'fresh.json');
      writeFileAtomic(fresh, 'new', { mode: 0o664 });
      expect(statSync(fresh).mode & 0o7777).toBe(0o664);
    } finally {
      process.umask(previous);
    }
  });

  const asRoot = process.getuid?.() === 0;
  // Only root can give a file to another owner, so only root can set up (and needs) this case.
  it.runIf(asRoot)('keeps the owner and group of a file it replaces (running as root)', () => {
    temp = makeTempHome();
    const file = join(temp.root, 'theirs.json');
    writeFileSync(file, 'old', { mode: 0o640 });
    chownSync(file, 1234, 1234);
    writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(statSync(file)).toMatchObject({ uid: 1234, gid: 1234 });
    expect(statSync(file).mode & 0o7777).toBe(0o640);
  });

  it('follows a dangling symlink: the target is created and the link stays a link', () => {
    temp = makeTempHome();
    mkdirSync(join(temp.root, 'dotfiles'), { recursive: true });
    const link = join(temp.root, 'config.json');
    symlinkSync(join('dotfiles', 'config.json'), link);
    writeFileAtomic(link, '{}\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(temp.root, 'dotfiles', 'config.json'), 'utf8')).toBe('{}\n');
    // Through a chain of links (a relative one in another folder) too.
    const chained = join(temp.root, 'dotfiles', 'second.json');
    symlinkSync('../real/second.json', chained);
    const outer = join(temp.root, 'outer.json');
    symlinkSync(chained, outer);
    mkdirSync(join(temp.root, 'real'));
    writeFileAtomic(outer, 'x');
    expect(lstatSync(outer).isSymbolicLink()).toBe(true);
    expect(lstatSync(chained).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(temp.root, 'real', 'second.json'), 'utf8')).toBe('x');
  });

  it('fails with WRITE_FAILED where it cannot write', () => {
    temp = makeTempHome();
    writeFileSync(join(temp.root, 'file'), 'x');
    try {
      writeFileAtomic(join(temp.root, 'file', 'inside'), 'y');
      expect.unreachable();
    } catch (err) {
      expect((err as OrchestrationError).code).toBe('WRITE_FAILED');
    }
  });

  // /dev/full answers every write with ENOSPC: a real full disk, without filling one.
  it.runIf(existsSync('/dev/full'))('a full disk is DISK_FULL naming the path, not an internal error', () => {
    try {
      appendLine('/dev/full', '{"a":1}');
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ code: 'DISK_FULL', details: { path: '/dev/full' } });
    }
  });

  it('appendLine cuts a torn last line before appending', () => {
    temp = makeTempHome();
    const log = join(temp.root, 'log.jsonl');
    appendLine(log, '{"a":1}');
    appendFileSync(log, '{"torn":');
    appendLine(log, '{"b":2}');
    expect(readFileSync(log, 'utf8')).toBe('{"a":1}\n{"b":2}\n');
  });
});

describe('lock', () => {
  it('takes over a lock whose owner is dead', async () => {
    temp = makeTempHome();
    const lock = join(temp.root, 'x.lock');
    writeFileSync(lock, '999999999');
    expect(await withLock(lock, () => 42, 2_000)).toBe(42);
  });

  it('takes over an empty lock file (an owner killed between create and write) at once', async () => {
    temp = makeTempHome();
    const lock = join(temp.root, 'empty.lock');
    writeFileSync(lock, '');
    const started = Date.now();
    expect(await withLock(lock, () => 'ok', 10_000)).toBe('ok');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it.runIf(process.platform === 'linux')(
    'takes over a lock whose pid now belongs to another live process at once',
    async () => {
      temp = makeTempHome();
      const lock = join(temp.root, 'reused.lock');
      // A live pid (this one), recorded with a start time that is not this process's.
      writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), started: '1', nonce: 'x' }));
      const started = Date.now();
      expect(await withLock(lock, () => 'ok', 10_000)).toBe('ok');
      expect(Date.now() - started).toBeLessThan(1_000);
    },
  );

  it('takes over a lock nobody has kept fresh for a while, whatever its pid', async () => {
    temp = makeTempHome();
    const lock = join(temp.root, 'old.lock');
    writeFileSync(lock, String(process.pid));
    const past = new Date(Date.now() - 60_000);
    utimesSync(lock, past, past);
    const started = Date.now();
    expect(await withLock(lock, () => 'ok', 10_000)).toBe('ok');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('keeps a held lock fresh, so a long holder is not taken over', async () => {
    temp = makeTempHome();
    const lock = join(temp.root, 'held.lock');
    const result = await withLock(lock, async () => {
      const before = statSync(lock).mtimeMs;
      await new Promise((r) => setTimeout(r, LOCK_HEARTBEAT_MS + 300));
      return statSync(lock).mtimeMs > before;
    });
    expect(result).toBe(true);
  });

  it('times out with LOCK_TIMEOUT while a live owner holds it', async () => {
    temp = makeTempHome();
    const lock = join(temp.root, 'y.lock');
    writeFileSync(lock, String(process.pid));
    try {
      await withLock(lock, () => 1, 100);
      expect.unreachable();
    } catch (err) {
      expect((err as OrchestrationError).code).toBe('LOCK_TIMEOUT');
    }
  });
});

describe('profile history', () => {
  it('reads the head and pages from the end without a full scan', () => {
    temp = makeTempHome();
    const home = new HomeLayout(temp.home);
    for (let i = 1; i <= 250; i++) appendHistory(home, 'cursor', 'default', entry(i));
    expect(readHead(home, 'cursor', 'default')?.changelog).toBe('change 250');
    const page = readHistory(home, 'cursor', 'default', 3, 0);
    expect(page.map((e) => e.changelog)).toEqual(['change 250', 'change 249', 'change 248']);
    expect(readHistory(home, 'cursor', 'default', 2, 248).map((e) => e.changelog)).toEqual([
      'change 2',
      'change 1',
    ]);
    expect(readHistory(home, 'cursor', 'default', 5, 250)).toEqual([]);
    expect(readIndex(home, 'cursor', 'default')).toMatchObject({ head: entry(250).artifact_id, count: 250 });
  });

  it('ignores a torn last line', () => {
    temp = makeTempHome();
    const home = new HomeLayout(temp.home);
    appendHistory(home, 'cursor', 'dev', entry(1));
    appendHistory(home, 'cursor', 'dev', entry(2));
    const dir = home.profileDir('cursor', 'dev');
    appendFileSync(join(dir, 'history.jsonl'), '{"artifact_id":"sha2');
    expect(readHead(home, 'cursor', 'dev')?.changelog).toBe('change 2');
    expect(readIndex(home, 'cursor', 'dev')).toMatchObject({ head: entry(2).artifact_id, count: 2 });
    expect(readIndex(home, 'cursor', 'none')).toMatchObject({ head: null, count: 0 });
  });
});
