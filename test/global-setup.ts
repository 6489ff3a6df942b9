/**
 * Builds `dist/` once before the suite, so end-to-end tests run the real binary as users do.
 * Type errors do not stop the emit (tsc still writes JS); `npm run typecheck` and the `prepare`
 * build are the gates for those, so here they only warn.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export default function setup(): void {
  const res = spawnSync('npm', ['run', '--silent', 'build'], { encoding: 'utf8' });
  if (res.status !== 0) {
    process.stderr.write(
      `[global-setup] build reported errors; e2e tests use what was emitted:\n${res.stdout}${res.stderr}\n`,
    );
  }
  if (!existsSync('dist/cli/main.js')) throw new Error('dist/cli/main.js was not built');
}
