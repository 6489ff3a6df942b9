import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempHome, type TempHome } from '../../../test/helpers/temp-home.js';
import { Orchestrator } from '../../service/index.js';
import { createApp } from '../app.js';

let temp: TempHome;
let svc: Orchestrator;
let app: ReturnType<typeof createApp>;
let admin: string;
let reader: string;

beforeEach(async () => {
  temp = makeTempHome('mo-tokens-route-');
  svc = new Orchestrator({ home: temp.home, env: temp.env });
  await svc.init();
  admin = (await svc.createToken({ name: 'boss' })).token;
  reader = (await svc.createToken({ name: 'viewer', role: 'reader', profiles: 'team-*' })).token;
  app = createApp({ orchestrator: svc, auth: 'tokens', log: () => {} });
});
afterEach(() => temp.cleanup());

const call = async (method: string, path: string, token: string, body?: unknown) => {
  const res = await app.request(path, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as any };
};

describe('GET /v1/whoami', () => {
  it("answers the presented token's name, role and profiles, never its secret", async () => {
    const me = await call('GET', '/v1/whoami', reader);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ name: 'viewer', role: 'reader', profiles: 'team-*', local: false });
    expect(JSON.stringify(me.body)).not.toContain(reader);
    expect((await call('GET', '/v1/whoami', admin)).body).toMatchObject({ role: 'admin', profiles: null });
  });

  it('says admin and local without auth (serve --insecure-no-auth)', async () => {
    const open = createApp({ orchestrator: svc, auth: 'none', log: () => {} });
    const me = (await (await open.request('/v1/whoami')).json()) as any;
    expect(me).toMatchObject({ role: 'admin', local: true });
  });
});

describe('/v1/tokens', () => {
  it('lists, creates (the secret once) and revokes for an admin', async () => {
    const created = await call('POST', '/v1/tokens', admin, {
      name: 'ci',
      role: 'publisher',
      profiles: 'team-*',
      expires: '30d',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'ci', role: 'publisher', profiles: 'team-*' });
    expect(created.body.token).toMatch(/^mo_/);
    expect(created.body.expires_at).not.toBeNull();
    expect((await call('GET', '/v1/whoami', created.body.token)).body.name).toBe('ci');

    const list = await call('GET', '/v1/tokens', admin);
    expect(list.status).toBe(200);
    expect(list.body.tokens.map((t: { name: string }) => t.name)).toEqual(['boss', 'viewer', 'ci']);
    expect(JSON.stringify(list.body)).not.toMatch(/"hash"|mo_[A-Za-z0-9_-]{20}/);

    const revoked = await call('DELETE', `/v1/tokens/${created.body.id}`, admin);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revoked.id).toBe(created.body.id);
    expect((await call('GET', '/v1/whoami', created.body.token)).status).toBe(401);
  });

  it('refuses a reader with 403 FORBIDDEN, and bad input with INVALID_INPUT', async () => {
    for (const [method, path] of [
      ['GET', '/v1/tokens'],
      ['POST', '/v1/tokens'],
      ['DELETE', '/v1/tokens/tok_x'],
    ] as const) {
      const res = await call(method, path, reader, method === 'POST' ? {} : undefined);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    const bad = await call('POST', '/v1/tokens', admin, { name: 'x', expires: 'soon' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_INPUT');
    const role = await call('POST', '/v1/tokens', admin, { role: 'owner' });
    expect(role.body.error.code).toBe('INVALID_INPUT');
  });
});

describe('/v1/policy', () => {
  it('shows no policy, then the one set, and checks profiles against it', async () => {
    expect((await call('GET', '/v1/policy', reader)).body).toEqual({ policy: null });
    await svc.setPolicy({ text: 'deny:\n  - server: memory\n', source: 'policy.yaml' });
    expect((await call('GET', '/v1/policy', reader)).body.policy).toEqual({ deny: [{ server: 'memory' }] });

    await svc.draftAdd({ client_id: 'cursor', profile_id: 'default', server_id: 'memory' });
    const check = await call('POST', '/v1/policy/check', reader, { client_id: 'cursor' });
    expect(check.status).toBe(200);
    expect(check.body.valid).toBe(false);
    expect(check.body.checked[0]).toMatchObject({
      client_id: 'cursor',
      profile_id: 'default',
      kind: 'draft',
    });
    expect(check.body.checked[0].errors[0].code).toBe('POLICY_VIOLATION');
  });
});
