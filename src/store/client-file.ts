/**
 * @module store/client-file
 * The write protocol for a client's config file (the user's own file, so every step is careful):
 * read the bytes, let the caller compute the new text, back up the old bytes, write the new ones
 * beside the file, swap them in atomically and look at what the swap displaced: if the client or
 * the user saved the file meanwhile, back their version up and redo the edit on it
 * (compare-and-swap, checked after the swap, so no moment is left unchecked). The write keeps the
 * file's mode, owner and symlink. See `editClientFile` for the two protocols (exchange, portable).
 */

import type { BigIntStats } from 'node:fs';
import {
  closeSync,
  existsSync,
  fstatSync,
  linkSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { sha256Hex } from '../core/canonical.js';
import { fromFsError, OrchestrationError } from '../core/errors.js';
import {
  fsyncDir,
  prepareAtomicWrite,
  removeFileDurably,
  resolveWriteTarget,
  TEMP_FILE_PATTERN,
  tempNameFor,
  writeFailed,
} from './atomic.js';
import { type FsExchange, fsExchange } from './fs-exchange.js';
import type { HomeLayout } from './home.js';
import { isAlive, withLock } from './lock.js';

const MAX_CAS_ATTEMPTS = 5;

/** The file's bytes, or null when it does not exist. */
export function readClientBytes(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw readFailed(path, err);
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
  /** The file's identity, size and times when it was read (absent: no file). */
  stat?: BigIntStats;
}

function hold(path: string): Held {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { bytes: null, fd: null };
    throw readFailed(path, err);
  }
  try {
    const stat = fstatSync(fd, { bigint: true });
    return { bytes: readFd(fd), fd, stat };
  } catch (err) {
    closeSync(fd);
    throw readFailed(path, err);
  }
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
  /** The native calls to use instead of the addon's; null: the portable protocol (tests). */
  exchange?: FsExchange | null;
  /** Called once the new bytes are on disk in a temp file, right before the last check and rename. */
  beforeRename?: () => void | Promise<void>;
  /** Portable protocol: called after the file at the path is pinned and read, before the identity check (tests). */
  afterPin?: () => void;
  /** Exchange protocol: called after the last check, right before the swap (tests). */
  afterCheck?: () => void | Promise<void>;
  /** Exchange protocol: called right after the swap, before the displaced file is read (tests). */
  afterSwap?: () => void | Promise<void>;
}

/** One try of the protocol: done, or the file changed meanwhile and the edit is to be redone. */
type Tried =
  | { done: true }
  | {
      done: false;
      /** What the path holds now, as far as we know (the caller closes the one it passed in). */
      atPath: Held;
      /** The bytes to redo the edit on: the version someone saved meanwhile (absent: the same as before). */
      base?: Buffer | null | undefined;
      /** Whether our bytes were written to the path before the change was seen. */
      wrote: boolean;
      /** Drops the displaced copy of `base`: called once `base` is backed up. */
      discard?: () => void;
    };

/** How the new bytes replace the file (or the file is removed): exchange or portable protocol. */
type Attempt = (after: Buffer | null, atPath: Held) => Promise<Tried>;

/**
 * Applies `edit` (old bytes -> new bytes, pure, may throw) to the file under a lock held in the
 * home folder, with `beforeWrite` called with every version of the file about to be replaced (the
 * backups), so that no version a user or client saved meanwhile is lost: the edit is redone on it.
 *
 * On Linux with the native addon (store/fs-exchange) the new file is swapped in with
 * renameat2(RENAME_EXCHANGE): whatever the path named at that instant comes out under the temp
 * name and is compared with what the edit was made on, after every process that still holds it
 * open for writing has closed it. Elsewhere the portable protocol pins and checks the file before a
 * plain rename; an editor's rename in the two system calls between check and rename is lost there
 * (project-docs/DECISIONS.md, "The lost-edit window").
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
  const fx = options.exchange === undefined ? fsExchange() : options.exchange;
  const attempt: Attempt = fx
    ? async (after, held) =>
        // A file system without the exchange (EINVAL) is written with the portable protocol.
        (await exchangeAttempt(fx, target, after, held, options)) ??
        portableAttempt(target, after, held, options)
    : (after, held) => portableAttempt(target, after, held, options);
  return withLock(lock, async () => {
    // `base` is what the edit is made on; `atPath` what the path holds as far as we know.
    let atPath = await holdSettled(target, fx);
    let base = atPath.bytes;
    let backedUp = false;
    let wrote = false;
    try {
      for (let n = 1; n <= MAX_CAS_ATTEMPTS; n++) {
        const after = edit(base);
        if (sameBytes(atPath.bytes, after)) return { before: base, after, changed: wrote, attempts: n };
        if (!backedUp) await beforeWrite(base);
        backedUp = true;
        const tried = await attempt(after, atPath);
        if (tried.done) return { before: base, after, changed: true, attempts: n };
        // Someone (the client itself, an editor) wrote the file meanwhile: keep their version in a
        // backup and redo the edit on it.
        wrote ||= tried.wrote;
        if (tried.atPath !== atPath) letGo(atPath);
        atPath = tried.atPath;
        if (tried.base !== undefined && !sameBytes(tried.base, base)) {
          base = tried.base;
          await beforeWrite(base);
        }
        tried.discard?.();
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

function sameFile(a: BigIntStats, b: BigIntStats): boolean {
  return a.ino === b.ino && a.dev === b.dev;
}

/**
 * The file behind `held` has the size and modification time it had when it was read, and with
 * `ctime` its change time too. The last check before a swap leaves the change time out (our own
 * swap changes it), and is a hint only: what the swap displaces is compared byte for byte.
 */
function unchangedSinceRead(held: Held, ctime = false): boolean {
  if (held.fd === null || held.stat === undefined) return true;
  const now = fstatSync(held.fd, { bigint: true });
  return (
    now.size === held.stat.size &&
    now.mtimeNs === held.stat.mtimeNs &&
    (!ctime || now.ctimeNs === held.stat.ctimeNs)
  );
}

/** How long a deploy waits for another process to close the file it displaced. */
const WRITER_WAIT_MS = 3_000;

/**
 * Waits (bounded) until no process holds the file behind `fd` open for writing: an editor that
 * opened the file before our swap writes into the displaced file, and must be done before it is
 * read. Where the check cannot be made (a file of another owner without CAP_LEASE, a file system
 * without leases), it returns at once.
 */
async function writersDone(fx: FsExchange, fd: number): Promise<boolean> {
  const until = Date.now() + WRITER_WAIT_MS;
  for (let waited = false; ; waited = true) {
    let open: boolean;
    try {
      open = fx.writers(fd);
    } catch {
      return waited;
    }
    if (!open || Date.now() > until) return waited;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/**
 * `hold`, after any process writing the file has closed it (exchange protocol): an editor saving
 * in place is not read half-way, which would make the deploy refuse the file as invalid. A file
 * that changed while it was read (its writer closed it before the check) is read again.
 */
async function holdSettled(target: string, fx: FsExchange | null): Promise<Held> {
  for (let tries = 0; tries < 20; tries++) {
    const held = hold(target);
    if (fx === null || held.fd === null) return held;
    const waited = await writersDone(fx, held.fd);
    if (!waited && unchangedSinceRead(held, true)) return held;
    letGo(held);
  }
  return hold(target);
}

/**
 * Redo on whatever the path holds now (nothing of ours was written this try). Where that is what
 * we knew it to hold, the edit's base stays: it may be a version we displaced and must not drop.
 */
async function redoOnPath(target: string, atPath: Held, fx: FsExchange | null): Promise<Tried> {
  const now = await holdSettled(target, fx);
  return {
    done: false,
    atPath: now,
    base: sameBytes(now.bytes, atPath.bytes) ? undefined : now.bytes,
    wrote: false,
  };
}

/** errno codes of a file system that cannot exchange two names (nothing was changed). */
const NO_EXCHANGE = new Set(['EINVAL', 'ENOSYS', 'EOPNOTSUPP', 'ENOTSUP']);

/**
 * The exchange protocol's one try: swap the new file in, then read back what was displaced. Null
 * where the file system cannot exchange names (nothing was written).
 */
async function exchangeAttempt(
  fx: FsExchange,
  target: string,
  after: Buffer | null,
  atPath: Held,
  options: EditOptions,
): Promise<Tried | null> {
  if (after === null) return removeAttempt(fx, target, atPath, options);
  const pending = prepareAtomicWrite(target, after, { mode: 0o600, dirMode: 0o755 });
  // Held open from here: once swapped in, it is what the path holds.
  const ours = openSync(pending.temp, 'r');
  const oursHeld: Held = { bytes: after, fd: ours, stat: fstatSync(ours, { bigint: true }) };
  let swapped = false;
  try {
    await options.beforeRename?.();
    // A cheap last check, so that a change seen already is merged before anything is swapped in.
    const now = statSync(target, { throwIfNoEntry: false, bigint: true });
    const expected = atPath.stat;
    if (now === undefined || expected === undefined) {
      if ((now === undefined) !== (expected === undefined)) return redoOnPath(target, atPath, fx);
    } else if (!sameFile(now, expected) || !unchangedSinceRead(atPath)) {
      return redoOnPath(target, atPath, fx);
    }
    await options.afterCheck?.();
    if (expected === undefined) {
      // No file was there: a link never replaces a file that appeared meanwhile.
      try {
        linkSync(pending.temp, target);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') return redoOnPath(target, atPath, fx);
        throw writeFailed(target, err);
      }
      swapped = true;
      pending.abort(); // drops the temp name; the file stays at the path
      fsyncDir(dirname(target));
      letGo(oursHeld);
      return { done: true };
    }
    try {
      fx.exchange(pending.temp, target);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (code === 'ENOENT') return redoOnPath(target, atPath, fx);
      if (NO_EXCHANGE.has(code)) return null;
      throw writeFailed(target, err);
    }
    swapped = true;
    fsyncDir(dirname(target));
    await options.afterSwap?.();
    // The temp name now holds what the path held at the swap: the file we read, or one renamed in.
    const displaced = openSync(pending.temp, 'r');
    try {
      await writersDone(fx, displaced);
      const bytes = readFd(displaced);
      if (sameFile(fstatSync(displaced, { bigint: true }), expected) && sameBytes(bytes, atPath.bytes)) {
        pending.abort();
        letGo(oursHeld);
        return { done: true };
      }
      return { done: false, atPath: oursHeld, base: bytes, wrote: true, discard: pending.abort };
    } finally {
      closeSync(displaced);
    }
  } finally {
    if (!swapped) {
      pending.abort();
      letGo(oursHeld);
    }
  }
}

/** Removal under the exchange protocol: move the file aside, then check what was moved. */
async function removeAttempt(
  fx: FsExchange,
  target: string,
  atPath: Held,
  options: EditOptions,
): Promise<Tried> {
  await options.beforeRename?.();
  const aside = join(dirname(target), tempNameFor(target));
  try {
    renameSync(target, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return redoOnPath(target, atPath, fx);
    throw writeFailed(target, err);
  }
  fsyncDir(dirname(target));
  const displaced = openSync(aside, 'r');
  try {
    await writersDone(fx, displaced);
    const bytes = readFd(displaced);
    const expected = atPath.stat;
    if (
      expected &&
      sameFile(fstatSync(displaced, { bigint: true }), expected) &&
      sameBytes(bytes, atPath.bytes)
    ) {
      removeFileDurably(aside);
      return { done: true };
    }
    // Not what we meant to remove: put it back (unless yet another file appeared) and redo.
    try {
      linkSync(aside, target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw writeFailed(target, err);
    }
    removeFileDurably(aside);
    return redoOnPath(target, atPath, fx);
  } finally {
    closeSync(displaced);
  }
}

/** The portable protocol's one try: pin and check the file, rename, then read back the displaced file. */
async function portableAttempt(
  target: string,
  after: Buffer | null,
  atPath: Held,
  options: EditOptions,
): Promise<Tried> {
  const pending = after === null ? null : prepareAtomicWrite(target, after, { mode: 0o600, dirMode: 0o755 });
  await options.beforeRename?.();
  // Pin what is at the path now with a hard link, then check it: an editor's rename after
  // the link no longer takes the file we checked away from us, and the rename follows at once.
  const now = holdPinned(target);
  options.afterPin?.();
  if (!sameBytes(now.bytes, atPath.bytes)) {
    pending?.abort();
    if (now.pin) unpin(now.pin);
    return { done: false, atPath: now, base: now.bytes, wrote: false };
  }
  if (!stillAtPath(target, now)) {
    // Replaced by a rename while we read it: redo on what is there now.
    pending?.abort();
    if (now.pin) unpin(now.pin);
    letGo(now);
    return redoOnPath(target, atPath, null);
  }
  // The rename (or removal) follows the check at once.
  if (pending) pending.commit();
  else removeFileDurably(target);
  const displaced = now.fd === null ? null : readFd(now.fd);
  if (now.pin) unpin(now.pin);
  letGo(now);
  // An edit in place landed between the check and the rename: keep it, and redo on it.
  if (sameBytes(displaced, now.bytes)) return { done: true };
  return { done: false, atPath: hold(target), base: displaced, wrote: true };
}

function readFailed(path: string, err: unknown): OrchestrationError {
  return (
    fromFsError(err, path) ??
    new OrchestrationError('WRITE_FAILED', `Cannot read ${path}: ${(err as Error).message}`, { path })
  );
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
 * Removes the temp files that writes of `target` killed midway left beside it; returns their
 * paths. Temp files of live writers are left alone. A kill can leave one holding a version of the
 * file that is nowhere else (the exchange protocol's displaced file, read but not yet backed up):
 * each one whose bytes differ from the file's goes to `keep` (a backup) before it is removed.
 */
export async function sweepLeftoverTemps(
  target: string,
  keep?: (bytes: Buffer) => void | Promise<void>,
): Promise<string[]> {
  const prefix = `.${basename(target)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return [];
  }
  const current = keep ? readClientBytes(target) : null;
  const removed: string[] = [];
  for (const name of names) {
    const path = join(dirname(target), name);
    if (!name.startsWith(prefix) || !TEMP_FILE_PATTERN.test(name) || !isLeftoverTemp(path)) continue;
    try {
      if (keep) {
        const bytes = readFileSync(path);
        if (bytes.length > 0 && !sameBytes(bytes, current)) await keep(bytes);
      }
      unlinkSync(path);
      removed.push(path);
    } catch {
      // Gone already, or not ours to remove: doctor reports what is left.
    }
  }
  return removed;
}
