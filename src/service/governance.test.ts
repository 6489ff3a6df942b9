import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testCatalog } from '../../test/helpers/registry-catalog.js';
import { initializedService } from '../../test/helpers/service.js';
import type { TempHome } from '../../test/helpers/temp-home.js';
import { registryApiRoutes } from '../registry/api/routes.js';
import type { Orchestrator } from './index.js';

const POLICY = `allow:
  - server: memory
  - package: npm:@acme/*
deny:
  - command: curl
`;

let temp: TempHome;
let svc: Orchestrator;
beforeEach(async () => {
  ({ temp, svc } = await initializedService());
});
afterEach(() => temp.cleanup());

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (err: { code?: string }) => err.code,
  );

describe('policy', () => {
  it('is set from YAML, shown, and enforced at validate and publish with POLICY_VIOLATION', async () => {
    expect((await svc.showPolicy()).policy).toBeNull();
    await svc.setPolicy({ text: POLICY, source: 'policy.yaml' });
    expect((await svc.showPolicy()).policy?.deny).toEqual([{ command: 'curl' }]);

    await svc.draftAdd({ server_id: 'memory' });
    expect((await svc.validate()).valid).toBe(true);
    await svc.draftAddCustom({ name: 'fetcher', command: 'curl', args: ['https://x'] });
    const result = await svc.validate();
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: 'POLICY_VIOLATION',
        rule: 'deny[0]',
        path: '/mcpServers/fetcher/command',
      }),
    ]);
    const refused = await svc
      .publish({ changelog: 'try' })
      .catch((e: { code: string; message: string }) => e);
    expect(refused).toMatchObject({ code: 'POLICY_VIOLATION' });
    expect(await codeOf(svc.history({}))).toBe('PROFILE_NOT_FOUND');

    const payload = { mcpServers: { other: { command: 'npx', args: ['-y', 'left-pad-mcp'] } } };
    expect((await svc.validate({ payload })).errors.map((e) => e.rule)).toEqual(['allow']);
    await svc.draftRemove({ name: 'fetcher' });
    expect((await svc.publish({ changelog: 'ok' })).artifact_id).toMatch(/^sha256:/);
  });

  it('refuses a file that is not a policy, keeping the one in force', async () => {
    await svc.setPolicy({ text: POLICY });
    expect(await codeOf(svc.setPolicy({ text: 'deny:\n  - cmd: curl\n' }))).toBe('VALIDATION_ERROR');
    expect((await svc.showPolicy()).policy?.allow).toHaveLength(2);
  });

  it('checks drafts and heads, and exports the managed settings', async () => {
    await svc.draftAdd({ server_id: 'memory' });
    await svc.publish({ changelog: 'one' });
    await svc.draftAddCustom({ name: 'fetcher', command: 'curl' });
    expect(await codeOf(svc.checkPolicy({}))).toBe('INVALID_INPUT');
    await svc.setPolicy({ text: POLICY });
    const report = await svc.checkPolicy({});
    expect(report.valid).toBe(false);
    expect(report.checked.map((c) => `${c.profile_id}:${c.kind}:${c.errors.length}`)).toEqual([
      'default:draft:1',
      'default:head:0',
    ]);
    const managed = await svc.exportPolicy({ format: 'claude-code-managed-mcp' });
    expect(Object.keys(managed.content.mcpServers as object)).toEqual(['memory']);
    const settings = await svc.exportPolicy({ format: 'claude-code-managed-settings' });
    expect(settings.content.deniedMcpServers).toEqual([]);
    await svc.setRegistry({ url: 'https://hub.acme.com/', namespace: 'com.acme' });
    expect((await svc.exportPolicy({ format: 'vscode-policy' })).content).toEqual({
      McpGalleryServiceUrl: 'https://hub.acme.com',
    });
  });
});

describe('registry client', () => {
  let server: Server;
  let url = '';
  beforeAll(async () => {
    const app = registryApiRoutes(async () => testCatalog(), { namespace: 'com.acme' });
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }) as Server;
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('searches, imports NAME@VERSION into the catalog, and reports outdated servers', async () => {
    expect(await codeOf(svc.searchRegistry({ query: 'weather' }))).toBe('INVALID_INPUT');
    await svc.setRegistry({ url });
    const found = await svc.searchRegistry({ query: 'weather' });
    expect(found.servers.map((s) => `${s.name}@${s.version}`)).toEqual(['io.github.acme/weather-mcp@1.4.2']);

    const old = await svc.importFromRegistry({ ref: 'io.github.acme/weather-mcp@1.3.0' });
    expect(old).toMatchObject({ id: 'weather-old', version: '1.3.0', source: 'user' });
    expect((await svc.describeServer('weather-old')).registry_name).toBe('io.github.acme/weather-mcp');
    expect(await codeOf(svc.importFromRegistry({ ref: 'io.github.acme/weather-mcp@1.3.0' }))).toBe(
      'DUPLICATE_SERVER',
    );
    const outdated = await svc.outdatedServers();
    expect(outdated.servers).toEqual([
      {
        id: 'weather-old',
        registry_name: 'io.github.acme/weather-mcp',
        version: '1.3.0',
        latest: '1.4.2',
        status: 'outdated',
      },
    ]);
    await svc.importFromRegistry({ ref: 'io.github.acme/weather-mcp', id: 'weather-old', replace: true });
    expect((await svc.outdatedServers()).servers[0]?.status).toBe('up-to-date');
    expect(await codeOf(svc.importFromRegistry({ ref: 'com.acme/none' }))).toBe('UNKNOWN_SERVER');
  });
});
