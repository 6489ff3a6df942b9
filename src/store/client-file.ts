/**
 * @module store/client-file
 * The write protocol for a client's config file (the user's own file, so every step is careful):
 * read the bytes, let the caller compute the new text, back up the old bytes, and just before the
 * rename re-read the file: if the client changed it meanwhile, redo the edit on the new bytes
 * (compare-and-swap). The write itself is atomic and keeps the file's mode and symlink.
 */
import {
  closeSync,
  existsSync,
  fstatSync,
  linkSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { sha256Hex } from '../core/canonical.js';
import { fromFsError, OrchestrationError } from '../core/errors.js';
import {
  prepareAtomicWrite,
  removeFileDurably,
  resolveWriteTarget,
  TEMP_FILE_PATTERN,
  tempNameFor,
} from './atomic.js';
import type { HomeLayout } from './home.js';
import { isAlive, withLock } from './lock.js';

const MAX_CAS_ATTEMPTS = 5;

/** The file's bytes, or null when it does not exist. */
export function readClientBytes(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw (
      fromFsError(err, path) ??
      new OrchestrationError('WRITE_FAILED', `Cannot read ${path}: ${(err as Error).message}`, { path })
    );
  }
}

/** Equal contents, where null (no file) equals only null. */
function sameBytes(a: Buffer | null, b: Buffer | null): boolean {
  return a === null || b === null ? a === b : a.equals(b);
}

export interface EditOutcome<After extends Buffer | null = Buffer> {
  /** Bytes before the edit (null: no file). */
  before: Buffer | null;
  /** Bytes written (equal to `before` when nothing changed); null: the file was removed. */
  after: After;
  changed: boolean;
  attempts: number;
}

/** The file's bytes with a descriptor held open on them: after our rename it still reads the displaced file. */
interface Held {
  bytes: Buffer | null;
  fd: number | null;
}

function hold(path: string): Held {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { bytes: null, fd: null };
    throw (
      fromFsError(err, path) ??
      new OrchestrationError('WRITE_FAILED', `Cannot read ${path}: ${(err as Error).message}`, { path })
    );
  }
  return { bytes: readFd(fd), fd };
}

/**
 * `hold`, through a hard link to the file at the path (so the bytes read are those of one file,
 * whatever renames happen next); a plain `hold` where links are not possible.
 */
function holdPinned(path: string): Held & { pin?: string } {
  const pin = join(dirname(path), tempNameFor(path));
  try {
    linkSync(path, pin);
  } catch {
    return hold(path);
  }
  try {
    return { ...hold(pin), pin };
  } catch (err) {
    unpin(pin);
    throw err;
  }
}

/**
 * Whether the path still names the file `held` was read from. The last check before the rename:
 * the held file's identity is read first, so the path's stat is the last system call before the
 * caller's rename, with nothing that allocates much (and so could pause for garbage collection)
 * in between.
 */
function stillAtPath(path: string, held: Held): boolean {
  const then = held.fd === null ? null : fstatSync(held.fd);
  const now = statSync(path, { throwIfNoEntry: false });
  if (then === null) return now === undefined;
  return now !== undefined && now.ino === then.ino && now.dev === then.dev;
}

function unpin(pin: string): void {
  try {
    unlinkSync(pin);
  } catch {
    /* gone */
  }
}

function readFd(fd: number): Buffer {
  const size = fstatSync(fd).size;
  const out = Buffer.alloc(size);
  let offset = 0;
  while (offset < size) {
    const n = readSync(fd, out, offset, size - offset, offset);
    if (n === 0) break;
    offset += n;
  }
  return offset === size ? out : out.subarray(0, offset);
}

function letGo(held: Held | null): void {
  if (held?.fd != null) closeSync(held.fd);
}

export interface EditOptions {
  dryRun?: boolean;
  /** Called once the new bytes are on disk in a temp file, right before the last check and rename. */
  beforeRename?: () => void | Promise<void>;
  /** Called after the file at the path is pinned and read, before the identity check (tests). */
  afterPin?: () => void;
}

/**
 * Applies `edit` (old bytes -> new bytes, pure, may throw) to the file under a lock held in the
 * home folder, with `beforeWrite` called with every version of the file about to be replaced (the
 * backups). The compare-and-swap check is the last step before the rename, after the new bytes are
 * written and fsynced; the file checked stays open, so an edit made in place between the check and
 * the rename is still read afterwards, kept in a backup, and the edit redone on top of it. What is
 * left is the gap between the last stat and the rename (two system calls): an editor's rename that
 * lands exactly there is replaced. Closing it needs renameat2(RENAME_EXCHANGE), which Node lacks.
 */
export async function editClientFile<After extends Buffer | null = Buffer>(
  home: HomeLayout,
  path: string,
  /** Old bytes -> new bytes; null removes the file (a restore of a file that did not exist). */
  edit: (before: Buffer | null) => After,
  beforeWrite: (before: Buffer | null) => void | Promise<void>,
  options: EditOptions = {},
): Promise<EditOutcome<After>> {
  const target = resolveWriteTarget(path);
  if (options.dryRun) {
    // A dry run writes nothing anywhere, not even a lock file.
    const before = readClientBytes(target);
    const after = edit(before);
    return { before, after, changed: !sameBytes(before, after), attempts: 1 };
  }
  const lock = join(home.root, 'locks', `${sha256Hex(target).slice(0, 32)}.lock`);
  return withLock(lock, async () => {
    // `base` is what the edit is made on; `atPath` what the path holds as far as we know.
    let atPath = hold(target);
    let base = atPath.bytes;
    let backedUp = false;
    try {
      for (let attempt = 1; attempt <= MAX_CAS_ATTEMPTS; attempt++) {
        const after = edit(base);
        if (sameBytes(atPath.bytes, after)) return { before: base, after, changed: false, attempts: attempt };
        if (!backedUp) await beforeWrite(base);
        backedUp = true;
        const pending =
          after === null ? null : prepareAtomicWrite(target, after, { mode: 0o600, dirMode: 0o755 });
        await options.beforeRename?.();
        // Pin what is at the path now with a hard link, then check it: an editor's rename after
        // the link no longer takes the file we checked away from us, and the rename follows at once.
        const now = holdPinned(target);
        options.afterPin?.();
        if (!sameBytes(now.bytes, atPath.bytes)) {
          // Someone (the client itself, an editor) wrote the file meanwhile: redo on their bytes.
          pending?.abort();
          if (now.pin) unpin(now.pin);
          letGo(atPath);
          atPath = now;
          base = now.bytes;
          await beforeWrite(base);
          continue;
        }
        if (!stillAtPath(target, now)) {
          // Replaced by a rename while we read it: redo on what is there now.
          pending?.abort();
          if (now.pin) unpin(now.pin);
          letGo(now);
          letGo(atPath);
          atPath = hold(target);
          if (!sameBytes(atPath.bytes, base)) {
            base = atPath.bytes;
            await beforeWrite(base);
          }
          continue;
        }
        // The rename (or removal) follows the check at once; closing the file we read waits.
        if (pending) pending.commit();
        else removeFileDurably(target);
        letGo(atPath);
        atPath = now;
        const displaced = atPath.fd === null ? null : readFd(atPath.fd);
        if (now.pin) unpin(now.pin);
        if (!sameBytes(displaced, atPath.bytes)) {
          // An edit in place landed between the check and the rename: keep it, and redo on it.
          base = displaced;
          await beforeWrite(base);
          letGo(atPath);
          atPath = hold(target);
          continue;
        }
        return { before: base, after, changed: true, attempts: attempt };
      }
    } finally {
      letGo(atPath);
    }
    throw new OrchestrationError(
      'WRITE_FAILED',
      `${target} kept changing while we tried to write it (${MAX_CAS_ATTEMPTS} attempts). Close the client and try again.`,
      { path: target },
    );
  });
}

export function clientFileExists(path: string): boolean {
  return existsSync(path);
}

/** How long a temp file of a live writer may sit before it counts as abandoned. */
const TEMP_GRACE_MS = 60_000;

/** A temp file whose writer is gone (its pid is in the name), or that is old enough to be abandoned. */
export function isLeftoverTemp(path: string): boolean {
  const pid = /\.(\d+)\.[0-9a-f]{12}\.tmp$/.exec(basename(path))?.[1];
  try {
    return (
      (pid !== undefined && !isAlive(Number(pid))) || Date.now() - statSync(path).mtimeMs > TEMP_GRACE_MS
    );
  } catch {
    return false;
  }
}

/**
 * Removes the temp files that writes of `target` killed midway left beside it (a kill between the
 * temp write and the rename); returns their paths. Temp files of live writers are left alone.
 */
export function sweepLeftoverTemps(target: string): string[] {
  const prefix = `.${basename(target)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const path = join(dirname(target), name);
    if (!name.startsWith(prefix) || !TEMP_FILE_PATTERN.test(name) || !isLeftoverTemp(path)) continue;
    try {
      unlinkSync(path);
      removed.push(path);
    } catch {
      // Gone already, or not ours to remove: doctor reports what is left.
    }
  }
  return removed;
}
