/**
 * @module store/lock
 * A cross-process lock: an exclusive lock file holding the owner's pid. A lock whose owner is dead
 * (killed mid-publish) is taken over at once; one that outlives LOCK_STALE_MS is taken over too.
 */
import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { OrchestrationError } from '../core/errors.js';

const LOCK_TIMEOUT_MS = 30_000;
const LOCK_STALE_MS = 120_000;

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryAcquire(lockPath: string): boolean {
  try {
    const fd = openSync(lockPath, 'wx', 0o600);
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return false;
  }
}

function removeIfStale(lockPath: string): void {
  try {
    const owner = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
    const age = Date.now() - statSync(lockPath).mtimeMs;
    // An empty file is an owner between create and write: only stale once old.
    const dead = Number.isNaN(owner) ? age > 5_000 : !isAlive(owner);
    if (dead || age > LOCK_STALE_MS) unlinkSync(lockPath);
  } catch {
    /* released meanwhile */
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
  const deadline = Date.now() + timeoutMs;
  let wait = 2;
  while (!tryAcquire(lockPath)) {
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
  try {
    return await fn();
  } finally {
    try {
      unlinkSync(lockPath);
    } catch {
      /* taken over as stale */
    }
  }
}
