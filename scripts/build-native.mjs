// Builds native/fs-exchange.c (the lost-edit guard of issue #13) into dist/native/fs-exchange.node
// with the system's C compiler and the Node-API headers of the node-api-headers package: one build
// serves every Node version. Linux only. Without a compiler the build says so and goes on: the
// client-file writes then use the portable protocol, and `doctor` reports the weaker guard.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const OUT = 'dist/native/fs-exchange.node';

if (process.platform !== 'linux') {
  console.log(`native: skipped on ${process.platform} (the addon is Linux-only)`);
  process.exit(0);
}
const headers = join(
  dirname(createRequire(import.meta.url).resolve('node-api-headers/package.json')),
  'include',
);
const cc = process.env.CC || 'cc';
mkdirSync(dirname(OUT), { recursive: true });
const result = spawnSync(
  cc,
  [
    '-shared',
    '-fPIC',
    '-O2',
    '-Wall',
    '-Werror',
    '-std=c11',
    `-I${headers}`,
    'native/fs-exchange.c',
    '-o',
    OUT,
  ],
  { stdio: ['ignore', 'inherit', 'inherit'] },
);
if (result.error || result.status !== 0) {
  console.log(`native: ${cc} could not build ${OUT}; client-file writes use the portable protocol`);
  // A compiler that is present but fails is a bug in the addon: CI must see it.
  if (!result.error) process.exit(1);
}
