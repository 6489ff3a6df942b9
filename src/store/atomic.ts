/**
 * @module store/atomic
 * The only place that writes files: temp file in the same folder, fsync, rename, fsync the folder.
 * A reader therefore sees the old bytes or the new bytes, never half a file, even if the process dies.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readlinkSync,
  readSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fromFsError, OrchestrationError } from '../core/errors.js';

export interface AtomicWriteOptions {
  /** File mode for a new file; an existing file keeps its own mode. */
  mode?: number;
  /** Mode for folders created on the way. */
  dirMode?: number;
}

/** Links followed before giving up, as the kernel's ELOOP limit does. */
const MAX_LINK_HOPS = 40;

/**
 * Follows a symlink to its final target so the link itself is kept and the target is replaced. A
 * dangling link is followed too (each hop relative to the link's folder): its target is created
 * and the link stays a link.
 */
export function resolveWriteTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    let target = path;
    for (let hops = 0; hops < MAX_LINK_HOPS; hops++) {
      let link: string;
      try {
        link = readlinkSync(target);
      } catch {
        return target; // not a link (or not there): the end of the chain
      }
      target = resolve(dirname(target), link);
    }
    return target;
  }
}

/** Persists a folder's entries (a rename, a new or removed name); best effort. */
export function fsyncDir(dir: string): void {
  // Persist the rename itself; not every platform allows opening a folder, which is fine.
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* best effort */
  }
}

/** A temp file written and fsynced beside its target, waiting for `commit` (the rename) or `abort`. */
export interface PendingWrite {
  readonly target: string;
  /** The fsynced temp file beside the target (gone after `commit` or `abort`). */
  readonly temp: string;
  commit(): void;
  abort(): void;
}

/** A file system error of a write, as a stable code (DISK_FULL, PERMISSION_DENIED...) or WRITE_FAILED. */
export function writeFailed(target: string, err: unknown): OrchestrationError {
  return (
    fromFsError(err, target) ??
    new OrchestrationError('WRITE_FAILED', `Could not write ${target}: ${(err as Error).message}`, {
      path: target,
    })
  );
}

/**
 * The temp file beside `target` that a write goes through: `.NAME.PID.RANDOM.tmp`. One left behind
 * (the process died between write and rename) matches TEMP_FILE_PATTERN; `doctor` looks for them.
 */
export function tempNameFor(target: string): string {
  return `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
}

/** The names `writeFileAtomic` gives its temp files. */
export const TEMP_FILE_PATTERN = /^\..+\.\d+\.[0-9a-f]{12}\.tmp$/;

/**
 * Writes `data` to `path` atomically.
 * @example writeFileAtomic('/home/u/.mcp-orchestration/drafts/x.json', '{}\n', { mode: 0o600 })
 * Writes `data` to a temp file beside `path` and fsyncs it; the caller renames it into place with
 * `commit()` (after a last check, for a client's file) or drops it with `abort()`.
 */
export function prepareAtomicWrite(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): PendingWrite {
  const target = resolveWriteTarget(path);
  const dir = dirname(target);
  let mode = options.mode ?? 0o644;
  let owner: { uid: number; gid: number } | undefined;
  try {
    const st = statSync(target);
    mode = st.mode & 0o7777;
    owner = { uid: st.uid, gid: st.gid };
  } catch {
    /* new file */
  }
  const tmp = join(dir, tempNameFor(target));
  const drop = () => {
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
  };
  try {
    mkdirSync(dir, { recursive: true, mode: options.dirMode ?? 0o700 });
    const fd = openSync(tmp, 'wx', mode);
    try {
      // The replaced file keeps its owner (only root may give a file away; anyone else writes
      // their own files) and exactly its mode: the umask trimmed the one given to open.
      if (owner && process.getuid?.() === 0) fchownSync(fd, owner.uid, owner.gid);
      fchmodSync(fd, mode);
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    drop();
    throw writeFailed(target, err);
  }
  return {
    target,
    temp: tmp,
    commit() {
      try {
        renameSync(tmp, target);
      } catch (err) {
        drop();
        throw writeFailed(target, err);
      }
      fsyncDir(dir);
    },
    abort: drop,
  };
}

/**
 * Writes `data` to `path` atomically.
 * @example writeFileAtomic('/home/u/.mcp-orchestration/drafts/x.json', '{}\n', { mode: 0o600 })
 */
export function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): void {
  prepareAtomicWrite(path, data, options).commit();
}

/** Removes a file (gone already is fine) and persists the removal in its folder. */
export function removeFileDurably(path: string): void {
  try {
    unlinkSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw (
      fromFsError(err, path) ??
      new OrchestrationError('WRITE_FAILED', `Could not remove ${path}: ${(err as Error).message}`, { path })
    );
  }
  fsyncDir(dirname(path));
}

/** Writes JSON (2-space, trailing newline) atomically. */
export function writeJsonAtomic(path: string, value: unknown, options: AtomicWriteOptions = {}): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, options);
}

/**
 * Appends one line to an append-only log, fsynced. A torn last line left by a killed process is cut
 * off first, so the log always holds whole lines. Call it while holding the log's lock.
 */
export function appendLine(path: string, line: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const fd = openSync(path, 'a+', 0o600);
    try {
      const size = fstatSync(fd).size;
      if (size > 0) {
        const last = Buffer.alloc(1);
        readSync(fd, last, 0, 1, size - 1);
        if (last[0] !== 0x0a) ftruncateSync(fd, lastNewlineOffset(fd, size));
      }
      writeSync(fd, `${line}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw (
      fromFsError(err, path) ??
      new OrchestrationError('WRITE_FAILED', `Could not append to ${path}: ${(err as Error).message}`, {
        path,
      })
    );
  }
}

function lastNewlineOffset(fd: number, size: number): number {
  const chunk = Buffer.alloc(64 * 1024);
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const n = readSync(fd, chunk, 0, end - start, start);
    const idx = chunk.subarray(0, n).lastIndexOf(0x0a);
    if (idx >= 0) return start + idx + 1;
    end = start;
  }
  return 0;
}
