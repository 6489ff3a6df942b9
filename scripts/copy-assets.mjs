// Copies non-TypeScript assets (the built-in server catalog) next to the compiled code.
import { chmodSync, cpSync, existsSync } from 'node:fs';

const assets = [['src/registry/catalog.json', 'dist/registry/catalog.json']];
for (const [from, to] of assets) {
  if (existsSync(from)) cpSync(from, to);
}
if (existsSync('dist/cli/main.js')) chmodSync('dist/cli/main.js', 0o755);
