/**
 * @module bench/cases/dashboard
 * 8. Dashboard first load: the gzip size of what a browser fetches for `/ui` (page, script,
 * stylesheet) as built into dist/ui/, against the 100 KB budget of issue 16.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CLI, figure } from '../support.mjs';

const BUDGET_KB = 100;

export async function dashboard() {
  const dir = join(CLI, '..', '..', 'ui');
  const sizes = ['index.html', 'app.js', 'app.css'].map(
    (name) => gzipSync(readFileSync(join(dir, name))).length,
  );
  const kb = Math.round((sizes.reduce((a, b) => a + b, 0) / 1024) * 10) / 10;
  const stats = { n: 1, min: kb, median: kb, max: kb };
  return [
    figure({
      id: '8.1',
      name: 'dashboard first load, gzip',
      unit: 'KB',
      stats,
      check: { what: 'KB', value: kb, op: '<=', target: BUDGET_KB },
      notes: `index.html ${sizes[0]} B, app.js ${sizes[1]} B, app.css ${sizes[2]} B (gzip)`,
    }),
  ];
}
