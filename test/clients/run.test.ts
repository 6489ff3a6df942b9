/**
 * The conformance runner's last line: the counts and the total time of the run (its CI budget is
 * 15 minutes). Selecting no client runs the runner end to end without installing anything.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('ends with the counts and the total seconds of the run', () => {
  const run = fileURLToPath(new URL('./run.mjs', import.meta.url));
  const r = spawnSync(process.execPath, [run, '--only', 'no-such-client', '--no-docs'], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^clients: 0 passed, 0 failed, 0 skipped in \d+s$/);
  expect(r.stdout).not.toContain('warning');
});
