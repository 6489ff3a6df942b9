/**
 * @module store/file-stamp
 * A file's identity as one stat sees it, for caches that must notice any write: device, inode,
 * size and the modification and change times in nanoseconds. Every write of the file changes the
 * size or a time; a rename over it changes the inode.
 */
import { statSync } from 'node:fs';

/** The stamp of the file at `path`, or null when there is none. */
export function fileStamp(path: string): string | null {
  const st = statSync(path, { bigint: true, throwIfNoEntry: false });
  return st ? `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}` : null;
}

/**
 * Values read from files, each kept with the stamp of its file when read; `read` returns the value
 * while the stamp holds. A value is kept only when the file did not change while it was read.
 */
export class StampedCache<T> {
  readonly #entries = new Map<string, { stamp: string; value: T }>();

  constructor(readonly limit = 1024) {}

  read(path: string, load: () => T, onMissing: () => T): T {
    const stamp = fileStamp(path);
    if (stamp === null) return onMissing();
    const hit = this.#entries.get(path);
    if (hit?.stamp === stamp) return structuredClone(hit.value);
    const value = load();
    if (fileStamp(path) === stamp) {
      if (this.#entries.size >= this.limit) this.#entries.clear();
      this.#entries.set(path, { stamp, value: structuredClone(value) });
    }
    return value;
  }
}
