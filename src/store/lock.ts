/**
 * @module store/lock
 * A cross-process lock: a lock file naming its owner (pid, the process's start time where the OS
 * tells it, host, a random nonce), created whole by a hard link so it is never seen empty. The
 * owner touches it while it holds it. A lock is taken over at once when its owner is dead, when its
 * pid now belongs to another process (the start time differs), when it is empty or unreadable (an
 * older version killed between create and write), and when nobody touched it for LOCK_STALE_MS.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { OrchestrationError } from '../core/errors.js';

const LOCK_TIMEOUT_MS = 30_000;
/** How often a holder touches its lock file. */
export const LOCK_HEARTBEAT_MS = 1_000;
/** A lock untouched this long is abandoned, whoever it names (a reused pid on another OS, a hung host). */
const LOCK_STALE_MS = 10_000;
/** An empty or unreadable lock file this old is abandoned (a writer mid-create is younger). */
const UNREADABLE_GRACE_MS = 250;

interface Owner {
  pid: number;
  host: string;
  /** The process's start time as the OS keeps it (Linux: clock ticks after boot), or null. */
  started: string | null;
  nonce: string;
}

/** A process's start time from /proc (Linux); null where the OS does not say. */
function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime), counted after the command name, which may hold spaces and parentheses.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

const self: Omit<Owner, 'nonce'> = { pid: process.pid, host: hostname(), started: startTimeOf(process.pid) };

/** Whether a process with this pid is running (one we may not signal counts as running). */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** This process as a lock or an intent names it: pid, host and start time. */
export function thisProcess(): { pid: number; host: string; started: string | null } {
  return { ...self };
}

/**
 * Whether the process a lock or an intent names is still running here: same host, pid alive, and
 * (where the OS says) the same start time, so a reused pid does not count.
 */
export function isRunning(owner: { pid: number; host: string; started: string | null }): boolean {
  if (owner.host !== self.host || !isAlive(owner.pid)) return false;
  const now = startTimeOf(owner.pid);
  return owner.started === null || now === null || now === owner.started;
}

/** The lock's owner; `pid` alone for lock files written by earlier versions; null when unreadable. */
function readOwner(lockPath: string): Partial<Owner> | null {
  const text = readFileSync(lockPath, 'utf8').trim();
  if (/^\d+$/.test(text)) return { pid: Number(text) };
  try {
    const parsed = JSON.parse(text) as Partial<Owner>;
    return typeof parsed.pid === 'number' ? parsed : null;
  } catch {
    return null;
  }
}

function tryAcquire(lockPath: string, owner: Owner): boolean {
  const tmp = `${lockPath}.${owner.nonce}.tmp`;
  writeFileSync(tmp, JSON.stringify(owner), { mode: 0o600 });
  try {
    linkSync(tmp, lockPath);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS')
      return acquireWithoutLinks(lockPath, owner);
    throw err;
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      /* gone */
    }
  }
}

/** For file systems without hard links: exclusive create, then write (an empty file is stale soon). */
function acquireWithoutLinks(lockPath: string, owner: Owner): boolean {
  try {
    const fd = openSync(lockPath, 'wx', 0o600);
    try {
      writeSync(fd, JSON.stringify(owner));
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return false;
  }
}

function isStale(owner: Partial<Owner> | null, ageMs: number): boolean {
  if (ageMs > LOCK_STALE_MS) return true;
  if (owner === null) return ageMs > UNREADABLE_GRACE_MS;
  // Another host's pid says nothing here: only its age (kept fresh by the owner) counts.
  if (owner.host !== undefined && owner.host !== self.host) return false;
  if (!isAlive(owner.pid ?? 0)) return true;
  const now = typeof owner.pid === 'number' ? startTimeOf(owner.pid) : null;
  return typeof owner.started === 'string' && now !== null && now !== owner.started;
}

/** Every lock file is named like this (`x.lock`, or `.lock` inside the folder it guards). */
export const LOCK_FILE_PATTERN = /(^|\.)lock$/;
/** The temp file a lock is made from before it is linked into place (`x.lock.NONCE.tmp`). */
export const LOCK_TEMP_PATTERN = /(^|\.)lock\.[0-9a-f]{16}\.tmp$/;

/**
 * Whether the lock at `lockPath` would be taken over by the next writer (its owner is gone, or it
 * was not touched for too long). Throws when the file cannot be read (released meanwhile).
 */
export function isStaleLock(lockPath: string): boolean {
  return isStale(readOwner(lockPath), Date.now() - statSync(lockPath).mtimeMs);
}

function removeIfStale(lockPath: string): void {
  try {
    const owner = readOwner(lockPath);
    if (isStale(owner, Date.now() - statSync(lockPath).mtimeMs)) unlinkSync(lockPath);
  } catch {
    /* released meanwhile */
  }
}

/** Removes the lock only while it is still ours (a holder taken over as stale must not free another's). */
function release(lockPath: string, nonce: string): void {
  try {
    if (readOwner(lockPath)?.nonce === nonce) unlinkSync(lockPath);
  } catch {
    /* taken over as stale */
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` while holding the lock at `lockPath` (a file created beside what it guards). Waiting
 * for the lock never blocks the event loop: a running `serve` keeps answering meanwhile.
 * @example await withLock(`${indexPath}.lock`, () => appendToHistory())
 */
export async function withLock<T>(
  lockPath: string,
  fn: () => T | Promise<T>,
  timeoutMs = LOCK_TIMEOUT_MS,
): Promise<T> {
  mkdirSync(dirname(lockPath), { recursive: true, mode: 0o700 });
  const owner: Owner = { ...self, nonce: randomBytes(8).toString('hex') };
  const deadline = Date.now() + timeoutMs;
  let wait = 2;
  while (!tryAcquire(lockPath, owner)) {
    removeIfStale(lockPath);
    if (Date.now() > deadline) {
      throw new OrchestrationError(
        'LOCK_TIMEOUT',
        `Timed out waiting for the lock ${lockPath}. Is another process stuck? Remove the file if not.`,
        {
          path: lockPath,
        },
      );
    }
    await sleep(wait + Math.random() * wait);
    wait = Math.min(wait * 2, 50);
  }
  const heartbeat = setInterval(() => {
    try {
      const now = new Date();
      utimesSync(lockPath, now, now);
    } catch {
      /* released or taken over */
    }
  }, LOCK_HEARTBEAT_MS);
  heartbeat.unref();
  try {
    return await fn();
  } finally {
    clearInterval(heartbeat);
    release(lockPath, owner.nonce);
  }
}
