import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';

// The dashboard is browser code with its own tsconfig (DOM types); the root `tsc --noEmit` leaves it
// out, so this test keeps it under the same strict type check.
it('type-checks the dashboard sources (src/ui/tsconfig.json)', () => {
  const res = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'src/ui'], {
    encoding: 'utf8',
  });
  expect(res.stdout + res.stderr).toBe('');
  expect(res.status).toBe(0);
});
