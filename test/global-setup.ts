/**
 * Before the suite: builds `dist/` once, so end-to-end tests run the real binary as users do, and
 * starts one real PostgreSQL server (test/helpers/postgres.ts) shared by every test file, each of
 * which makes its own database. Type errors do not stop the emit (tsc still writes JS);
 * `npm run typecheck` and the `prepare` build are the gates for those, so here they only warn.
 * A server that cannot start is not a skip: the store tests read the error and fail with it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { SKIP_BROWSER_REASON } from './helpers/browser.js';
import { type PostgresServer, startPostgres } from './helpers/postgres.js';

function build(): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      output += c.toString('utf8');
    });
    child.on('close', (status) => {
      if (status !== 0) {
        process.stderr.write(
          `[global-setup] build reported errors; e2e tests use what was emitted:\n${output}\n`,
        );
      }
      resolve();
    });
  });
}

/** The dashboard's coverage from the browser tests, read by scripts/ui-coverage.mjs (npm run check). */
const UI_COVERAGE_DIR = resolve('coverage', 'ui');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  rmSync(UI_COVERAGE_DIR, { recursive: true, force: true });
  mkdirSync(UI_COVERAGE_DIR, { recursive: true });
  process.env.MCP_ORCHESTRATION_UI_COVERAGE_DIR = UI_COVERAGE_DIR;
  if (SKIP_BROWSER_REASON !== null) {
    process.stderr.write(`[global-setup] SKIPPING the dashboard's browser tests: ${SKIP_BROWSER_REASON}\n`);
  }
  const [, server] = await Promise.all([
    build(),
    startPostgres().then(
      (s): PostgresServer | Error => s,
      (err: unknown): Error => (err instanceof Error ? err : new Error(String(err))),
    ),
  ]);
  if (server instanceof Error) {
    process.stderr.write(`[global-setup] PostgreSQL did not start: ${server.message}\n`);
    project.provide('postgres', { error: server.message });
  } else {
    project.provide('postgres', { url: server.url, source: server.source });
  }
  if (!existsSync('dist/cli/main.js')) throw new Error('dist/cli/main.js was not built');
  return async () => {
    if (!(server instanceof Error)) await server.stop();
  };
}
