/**
 * The governance commands through the built CLI: policy set/show/check/export, registry set, and
 * servers search/import/outdated against a live Registry API v0.1 on loopback.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryApiRoutes } from '../../src/registry/api/routes.js';
import { CLI, runCli } from '../helpers/cli.js';
import { testCatalog } from '../helpers/registry-catalog.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

let temp: TempHome;
let server: Server;
let url = '';
const cli = (...args: string[]) => runCli([...args], temp.env);
/** The registry answers from this process, so its CLI calls must not block the event loop. */
function cliAsync(
  ...args: string[]
): Promise<{ status: number; stdout: string; stderr: string; json: () => any }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: temp.env, timeout: 60_000 }, (err, stdout, stderr) => {
      const status = err ? Number((err as { code?: number }).code ?? -1) : 0;
      resolve({ status, stdout, stderr, json: () => JSON.parse(stdout) });
    });
  });
}

beforeAll(async () => {
  temp = makeTempHome();
  mkdirSync(temp.userHome, { recursive: true });
  expect(cli('init').status).toBe(0);
  const app = registryApiRoutes(async () => testCatalog(), { namespace: 'com.acme' });
  server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }) as Server;
  await new Promise((r) => server.once('listening', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  temp.cleanup();
});

describe('policy commands', () => {
  it('sets a policy, refuses a denied server at validate and publish, checks and exports', () => {
    const file = join(temp.root, 'policy.yaml');
    writeFileSync(file, 'deny:\n  - command: curl\n  - server: fetch\n');
    expect(cli('policy', 'set', file).stdout).toContain('2 deny rule(s)');
    expect(cli('policy', 'show', '--json').json().policy.deny).toHaveLength(2);

    expect(cli('draft', 'add', 'memory').status).toBe(0);
    expect(cli('draft', 'add-custom', 'fetcher', '--command', 'curl').status).toBe(0);
    const validate = cli('validate', '--json');
    expect(validate.json().errors).toEqual([
      expect.objectContaining({
        code: 'POLICY_VIOLATION',
        rule: 'deny[0]',
        path: '/mcpServers/fetcher/command',
      }),
    ]);
    const publish = cli('publish', '--changelog', 'x', '--json');
    expect(publish.status).toBe(1);
    expect(publish.json().error.code).toBe('POLICY_VIOLATION');
    const check = cli('policy', 'check', '--json');
    expect(check.status).toBe(1);
    expect(check.json().checked[0]).toMatchObject({ kind: 'draft', profile_id: 'default' });

    expect(cli('draft', 'remove', 'fetcher').status).toBe(0);
    expect(cli('publish', '--changelog', 'ok').status).toBe(0);
    expect(cli('policy', 'check').status).toBe(0);

    const out = join(temp.root, 'managed-settings.json');
    expect(cli('policy', 'export', '--format', 'claude-code-managed-settings', '--output', out).status).toBe(
      0,
    );
    expect(JSON.parse(readFileSync(out, 'utf8')).deniedMcpServers).toEqual([{ serverName: 'fetch' }]);
    const mcp = cli('policy', 'export', '--format', 'claude-code-managed-mcp');
    expect(JSON.parse(mcp.stdout).mcpServers.memory.type).toBe('stdio');
    const paths = cli('policy', 'export', '--format', 'claude-code-managed-mcp', '--print-path');
    expect(paths.stdout).toContain('/etc/claude-code/managed-mcp.json');
    expect(cli('policy', 'export', '--format', 'nope', '--json').json().error.code).toBe('INVALID_INPUT');
  });
});

describe('registry commands', () => {
  it('searches, imports NAME@VERSION and reports outdated servers', async () => {
    const search = await cliAsync('servers', 'search', 'weather', '--registry', url, '--json');
    expect(search.status, search.stderr).toBe(0);
    expect(search.json().servers.map((s: { name: string }) => s.name)).toEqual([
      'io.github.acme/weather-mcp',
    ]);
    expect((await cliAsync('registry', 'set', url, '--namespace', 'com.acme')).status).toBe(0);
    const imported = await cliAsync('servers', 'import', 'io.github.acme/weather-mcp@1.3.0', '--json');
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.json()).toMatchObject({ id: 'weather-old', version: '1.3.0' });
    const outdated = await cliAsync('servers', 'outdated', '--json');
    expect(outdated.status).toBe(1);
    expect(outdated.json().servers[0]).toMatchObject({
      id: 'weather-old',
      latest: '1.4.2',
      status: 'outdated',
    });
    const down = await cliAsync('servers', 'search', 'x', '--registry', 'http://127.0.0.1:9', '--json');
    expect(down.json().error.code).toBe('REGISTRY_UNREACHABLE');
  });
});
