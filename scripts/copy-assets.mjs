// Copies non-TypeScript assets (the built-in server catalog) into dist/, beside the compiled code.
// Runs before tsc so that the assets are there even when a type error fails the build.
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const assets = [['src/registry/catalog.json', 'dist/registry/catalog.json']];
for (const [from, to] of assets) {
  if (!existsSync(from)) continue;
  mkdirSync(dirname(to), { recursive: true });
  cpSync(from, to);
}
