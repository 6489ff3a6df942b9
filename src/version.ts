/**
 * @module version
 * The package version and root folder. The root is found by walking up from this module to the
 * package.json named `mcp-orchestration`, so it holds from `src/` (tests), from `dist/` (tsc
 * output) and from the bundled CLI in `dist/cli/`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackage(): { root: string; version: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version: string };
      if (pkg.name === 'mcp-orchestration') return { root: dir, version: pkg.version };
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('mcp-orchestration: package.json not found above the code');
    dir = parent;
  }
}

const found = findPackage();

/** The folder holding package.json (and dist/). */
export const PACKAGE_ROOT: string = found.root;
export const VERSION: string = found.version;
export const GENERATOR = `mcp-orchestration/${VERSION}`;
