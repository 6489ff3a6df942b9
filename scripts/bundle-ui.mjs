// Builds the web dashboard (src/ui/) into dist/ui/: one minified ES module, one stylesheet and the
// page. No framework and no code from a CDN: everything the browser loads comes from this package.
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** Builds into `outdir` and returns the gzip-compressed size of what the first load fetches. */
export async function bundleUi(outdir = 'dist/ui') {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: { app: 'src/ui/main.ts' },
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox115', 'safari16'],
    minify: true,
    legalComments: 'none',
    // app.js.map, not linked from app.js and not in the package: scripts/ui-coverage.mjs maps the
    // browser tests' coverage back to the lines of src/ui/ with it.
    sourcemap: 'external',
    logLevel: 'warning',
  });
  await build({
    entryPoints: { app: 'src/ui/styles.css' },
    outdir,
    bundle: true,
    minify: true,
    logLevel: 'warning',
  });
  copyFileSync('src/ui/index.html', join(outdir, 'index.html'));
  let gzipBytes = 0;
  for (const name of ['index.html', 'app.js', 'app.css'])
    gzipBytes += gzipSync(readFileSync(join(outdir, name))).length;
  return { outdir, gzipBytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { gzipBytes } = await bundleUi();
  process.stdout.write(
    `dashboard: ${(gzipBytes / 1024).toFixed(1)} KiB gzip (index.html + app.js + app.css)\n`,
  );
}
