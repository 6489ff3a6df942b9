// Bundles the CLI entry points (dist/cli/main.js, dist/cli/alias.js) with their dependencies, so
// a command loads a few files instead of some two hundred modules: start-up time is most of what a
// CLI call costs. Commands stay lazy: each dynamic import becomes its own chunk. Runs after tsc,
// whose per-module output stays in dist/ for the docs generator and the benchmarks.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist/cli/chunks', { recursive: true, force: true });
await build({
  entryPoints: { main: 'src/cli/main.ts', alias: 'src/cli/alias.ts' },
  outdir: 'dist/cli',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Prefer packages' ES module builds; some UMD builds require() files by computed names.
  mainFields: ['module', 'main'],
  // CommonJS dependencies inside an ES module bundle still need a `require`.
  banner: {
    js: "import { createRequire as __moCreateRequire } from 'node:module'; const require = __moCreateRequire(import.meta.url);",
  },
  legalComments: 'none',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
