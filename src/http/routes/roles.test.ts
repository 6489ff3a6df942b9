import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempHome, type TempHome } from '../../../test/helpers/temp-home.js';
import { Orchestrator } from '../../service/index.js';
import { createApp } from '../app.js';

let temp: TempHome;
let app: ReturnType<typeof createApp>;
let reader: string;

beforeEach(async () => {
  temp = makeTempHome('mo-roles-route-');
  const svc = new Orchestrator({ home: temp.home, env: temp.env });
  await svc.init();
  await svc.draftAdd({ client_id: 'claude-desktop', profile_id: 'default', server_id: 'memory' });
  await svc.publish({ client_id: 'claude-desktop', profile_id: 'default', changelog: 'memory' });
  reader = (await svc.createToken({ name: 'viewer', role: 'reader' })).token;
  app = createApp({ orchestrator: svc, auth: 'tokens', log: () => {} });
});
afterEach(() => temp.cleanup());

const post = async (path: string, body: unknown = {}) => {
  const res = await app.request(path, {
    method: 'POST',
    headers: { Authorization: `Bearer ${reader}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
};

describe('what a reader may POST', () => {
  it('validates, verifies and diffs (they write nothing), but does not publish', async () => {
    const C = '/v1/config/claude-desktop/default';
    expect((await post(`${C}/validate`)).body).toMatchObject({ valid: true });
    expect((await post(`${C}/verify`)).body).toMatchObject({ valid: true });
    expect((await post(`${C}/diff`, { payload: { mcpServers: {} } })).status).toBe(200);
    expect(
      (await post('/v1/config/diff', { client_id: 'claude-desktop', payload: { mcpServers: {} } })).status,
    ).toBe(200);
    const publish = await post(`${C}/publish`, { changelog: 'no' });
    expect(publish.status).toBe(403);
    expect(publish.body.error.code).toBe('FORBIDDEN');
  });
});

describe('a reader limited to some profiles', () => {
  it('sees only the profile names its pattern matches', async () => {
    const svc = new Orchestrator({ home: temp.home, env: temp.env });
    for (const profile_id of ['team', 'team-web', 'private']) {
      await svc.publish({ profile_id, payload: { mcpServers: { memory: { command: 'mem' } } } });
    }
    const limited = (await svc.createToken({ name: 'team-member', role: 'reader', profiles: 'team*' })).token;
    const get = async (path: string, token: string) =>
      (await (await app.request(path, { headers: { Authorization: `Bearer ${token}` } })).json()) as any;
    const names = async (token: string) =>
      (await get('/v1/clients/claude-desktop/profiles', token)).profiles.map(
        (p: { profile_id: string }) => p.profile_id,
      );
    expect(await names(limited)).toEqual(['team', 'team-web']);
    expect(await names(reader)).toEqual(['default', 'private', 'team', 'team-web']);
    const clients = (await get('/v1/clients', limited)).clients as Array<{
      client_id: string;
      profiles: string[];
    }>;
    expect(clients.find((c) => c.client_id === 'claude-desktop')?.profiles).toEqual(['team', 'team-web']);
  });

  it('sees the deployments and managed servers of its profiles only', async () => {
    const svc = new Orchestrator({ home: temp.home, env: temp.env });
    await svc.publish({
      client_id: 'cursor',
      profile_id: 'team',
      payload: { mcpServers: { shared: { command: 'a' } } },
    });
    await svc.publish({
      client_id: 'vscode',
      profile_id: 'private',
      payload: { mcpServers: { secret: { command: 'b' } } },
    });
    await svc.deploy({ client_id: 'cursor', profile_id: 'team' });
    await svc.deploy({ client_id: 'vscode', profile_id: 'private' });
    const limited = (await svc.createToken({ name: 'team-member', role: 'reader', profiles: 'team*' })).token;
    const get = async (path: string, token: string) =>
      (await (await app.request(path, { headers: { Authorization: `Bearer ${token}` } })).json()) as any;
    const profilesIn = (status: any) =>
      status.entries.map((e: { profile_id: string }) => e.profile_id).sort();
    expect(profilesIn(await get('/v1/status', reader))).toEqual(['private', 'team']);
    expect(profilesIn(await get('/v1/status', limited))).toEqual(['team']);
    const managed = (listing: any) =>
      listing.clients.flatMap((f: { servers: Array<{ name: string; profile_id?: string }> }) =>
        f.servers.filter((s) => s.profile_id !== undefined).map((s) => `${s.profile_id}:${s.name}`),
      );
    expect(managed(await get('/v1/clients/servers', reader)).sort()).toEqual([
      'private:secret',
      'team:shared',
    ]);
    expect(managed(await get('/v1/clients/servers', limited))).toEqual(['team:shared']);
  });
});
