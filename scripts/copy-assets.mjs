// Copies non-TypeScript assets (the built-in server catalog, the PostgreSQL migrations) into dist/, beside the compiled code.
// Runs before tsc so that the assets are there even when a type error fails the build.
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

// A clean dist/ each build: a module deleted from src/ must not linger in dist/ and the package.
rmSync('dist', { recursive: true, force: true });

const assets = [
  ['src/registry/catalog.json', 'dist/registry/catalog.json'],
  ['src/store/postgres/migrations', 'dist/store/postgres/migrations'],
];
for (const [from, to] of assets) {
  if (!existsSync(from)) continue;
  mkdirSync(dirname(to), { recursive: true });
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
}
