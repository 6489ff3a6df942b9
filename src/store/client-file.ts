/**
 * @module store/client-file
 * The write protocol for a client's config file (the user's own file, so every step is careful):
 * read the bytes, let the caller compute the new text, back up the old bytes, and just before the
 * rename re-read the file: if the client changed it meanwhile, redo the edit on the new bytes
 * (compare-and-swap). The write itself is atomic and keeps the file's mode and symlink.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../core/canonical.js';
import { OrchestrationError } from '../core/errors.js';
import { removeFileDurably, resolveWriteTarget, writeFileAtomic } from './atomic.js';
import type { HomeLayout } from './home.js';
import { withLock } from './lock.js';

const MAX_CAS_ATTEMPTS = 5;

/** The file's bytes, or null when it does not exist. */
export function readClientBytes(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new OrchestrationError('WRITE_FAILED', `Cannot read ${path}: ${(err as Error).message}`, { path });
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

/**
 * Applies `edit` (old bytes -> new bytes, pure, may throw) to the file under a lock held in the
 * home folder, with `beforeWrite` called once with the bytes about to be replaced (the backup).
 */
export async function editClientFile<After extends Buffer | null = Buffer>(
  home: HomeLayout,
  path: string,
  /** Old bytes -> new bytes; null removes the file (a restore of a file that did not exist). */
  edit: (before: Buffer | null) => After,
  beforeWrite: (before: Buffer | null) => void | Promise<void>,
  options: { dryRun?: boolean } = {},
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
    let before = readClientBytes(target);
    for (let attempt = 1; attempt <= MAX_CAS_ATTEMPTS; attempt++) {
      const after = edit(before);
      const changed = !sameBytes(before, after);
      if (!changed || options.dryRun) return { before, after, changed, attempts: attempt };
      if (attempt === 1) await beforeWrite(before);
      const now = readClientBytes(target);
      if (!sameBytes(now, before)) {
        // Someone (the client itself, an editor) wrote the file meanwhile: redo on their bytes.
        await beforeWrite(now);
        before = now;
        continue;
      }
      if (after === null) removeFileDurably(target);
      else writeFileAtomic(target, after, { mode: 0o600, dirMode: 0o755 });
      return { before, after, changed, attempts: attempt };
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
