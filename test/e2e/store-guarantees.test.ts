/**
 * Store guarantees across processes: concurrent publishers lose nothing, a killed publisher
 * leaves the store consistent, and large configs work end to end.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

let temp: TempHome;
beforeEach(() => {
  temp = makeTempHome();
  expect(runCli(['init'], temp.env).status).toBe(0);
});
afterEach(() => temp.cleanup());

function payloadFile(name: string, servers: number, tag: string): string {
  const mcpServers: Record<string, unknown> = {};
  for (let i = 0; i < servers; i++) {
    mcpServers[`server-${i}`] = {
      command: 'npx',
      args: ['-y', `@example/mcp-server-${i}`, '--tag', tag, '--root', `/srv/data/${i}`, '--verbose'],
      env: { LOG_LEVEL: 'info', REGION: 'eu-west-1', API_KEY: `\${env:KEY_${i}}` },
    };
  }
  const file = join(temp.root, name);
  writeFileSync(file, JSON.stringify({ mcpServers }));
  return file;
}

function spawnCli(args: string[]): { done: Promise<number>; kill: () => void } {
  const child = spawn(process.execPath, [CLI, ...args], { env: temp.env, stdio: 'ignore' });
  const done = new Promise<number>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ? -1 : (code ?? -1))),
  );
  return { done, kill: () => child.kill('SIGKILL') };
}

describe('store guarantees', () => {
  it('8 processes publishing into one profile at once all succeed and history holds all 8', async () => {
    const runs = Array.from({ length: 8 }, (_, i) =>
      spawnCli([
        'publish',
        '--file',
        payloadFile(`p${i}.json`, 3, `writer-${i}`),
        '--changelog',
        `writer ${i}`,
      ]),
    );
    const codes = await Promise.all(runs.map((r) => r.done));
    expect(codes).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    const history = runCli(['history', '--json', '--limit', '50'], temp.env).json();
    expect(history.total).toBe(8);
    expect(new Set(history.entries.map((e: { changelog: string }) => e.changelog)).size).toBe(8);
    // Parents chain through every entry: nobody lost an update.
    const entries = history.entries as Array<{ artifact_id: string; parent_artifact_id: string | null }>;
    for (let i = 0; i < entries.length - 1; i++)
      expect(entries[i]?.parent_artifact_id).toBe(entries[i + 1]?.artifact_id);
    expect(runCli(['verify'], temp.env).status).toBe(0);
  });

  it('a publisher killed at random points leaves the store readable and consistent', async () => {
    const files = Array.from({ length: 8 }, (_, i) => payloadFile(`k${i}.json`, 200, `kill-${i}`));
    for (const [i, file] of files.entries()) {
      const run = spawnCli(['publish', '--file', file, '--changelog', `attempt ${i}`]);
      await new Promise((r) => setTimeout(r, 20 + Math.floor(Math.random() * 120)));
      run.kill();
      await run.done;
      const history = runCli(['history', '--json'], temp.env);
      if (history.status === 0) {
        expect(history.json().entries.length).toBeGreaterThan(0);
        expect(runCli(['verify'], temp.env).status).toBe(0);
      } else {
        expect(history.json().error.code).toBe('PROFILE_NOT_FOUND');
      }
    }
    // The store still takes new work: a dead process's lock does not block it.
    const last = runCli(
      ['publish', '--file', payloadFile('final.json', 2, 'final'), '-m', 'after kills', '--json'],
      temp.env,
    );
    expect(last.status).toBe(0);
    expect(runCli(['verify'], temp.env).status).toBe(0);
  });

  it('a 1,000-server payload (~300 KB) validates, publishes, diffs and verifies', () => {
    const file = payloadFile('big.json', 1000, 'big');
    expect(runCli(['validate', '--file', file, '--json'], temp.env).json()).toMatchObject({
      valid: true,
      server_count: 1000,
    });
    const published = runCli(['publish', '--file', file, '-m', 'big', '--json'], temp.env);
    expect(published.status).toBe(0);
    expect(runCli(['diff', '--file', file, '--json'], temp.env).json().status).toBe('up-to-date');
    expect(runCli(['verify', '--json'], temp.env).json().valid).toBe(true);
  });
});
