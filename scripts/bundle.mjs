// Bundles the CLI entry points (dist/cli/main.js, dist/cli/alias.js) with their dependencies, so
// a command loads a few files instead of some two hundred modules: start-up time is most of what a
// CLI call costs. Commands stay lazy: each dynamic import becomes its own chunk. Runs after tsc,
// whose per-module output stays in dist/ for the docs generator and the benchmarks.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { bundleUi } from './bundle-ui.mjs';

/**
 * zod re-exports all of its ~45 message locales as `z.locales`; nothing here uses them, and they
 * are half of zod's weight, compiled on every start. Only English (zod's default) is kept.
 */
const onlyEnglishZodLocales = {
  name: 'only-english-zod-locales',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${'node_modules'}/zod/`)
        ? { path: 'zod-locales', namespace: 'zod-locales' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, () => ({
      contents: "export { default as en } from 'zod/v4/locales/en.js';",
      resolveDir: process.cwd(),
    }));
  },
};

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
  plugins: [onlyEnglishZodLocales],
  logLevel: 'warning',
});

// One small file per seed-compatible alias bin, named after the alias: alias.js picks the command
// from the name it was started by. npm's Windows shims run the target file by its own path, so
// the name must be the file's, not only the link's.
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
rmSync('dist/cli/aliases', { recursive: true, force: true });
mkdirSync('dist/cli/aliases', { recursive: true });
for (const [bin, target] of Object.entries(pkg.bin)) {
  if (bin === 'mcp-orchestration') continue;
  if (target !== `dist/cli/aliases/${bin}.js`)
    throw new Error(`package.json bin ${bin} should point at dist/cli/aliases/${bin}.js`);
  writeFileSync(target, "#!/usr/bin/env node\nimport '../alias.js';\n", { mode: 0o755 });
}

// The web dashboard, served at /ui by `serve` and `ui`.
await bundleUi();
