/**
 * @module store/fs-exchange
 * The native lost-edit guard (native/fs-exchange.c, built into dist/native/ by `npm run build` on
 * Linux): an atomic swap of two names (renameat2 RENAME_EXCHANGE) and a check for processes that
 * hold a file open for writing (a read lease). Null where the addon is not built (another
 * platform, no C compiler): callers then use the portable protocol. `MCP_ORCHESTRATION_NO_NATIVE=1`
 * forces the portable protocol (tests of it, and a way out should the addon ever misbehave).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export interface FsExchange {
  /** Swaps the files at two paths atomically; both must exist. Throws with an errno `code`. */
  exchange(a: string, b: string): void;
  /** Whether any process has the file behind `fd` (opened read-only) open for writing. */
  writers(fd: number): boolean;
}

/**
 * Where the built addon is, seen from this module: src/store (tests run the sources), dist/store
 * (tsc's output) and dist/cli/chunks (the bundle).
 */
const CANDIDATES = ['../../dist/native/', '../native/', '../../native/'];

let loaded: FsExchange | null | undefined;

export function fsExchange(): FsExchange | null {
  if (loaded !== undefined) return loaded;
  loaded = null;
  if (process.platform !== 'linux' || process.env.MCP_ORCHESTRATION_NO_NATIVE === '1') return loaded;
  for (const folder of CANDIDATES) {
    const path = fileURLToPath(new URL(`${folder}fs-exchange.node`, import.meta.url));
    if (!existsSync(path)) continue;
    try {
      loaded = createRequire(import.meta.url)(path) as FsExchange;
      break;
    } catch {
      // Built for another architecture or libc: the portable protocol it is.
    }
  }
  return loaded;
}
