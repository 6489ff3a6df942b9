/**
 * The HTTP API on a real port (in-process `@hono/node-server` on port 0), called with `fetch`:
 * every route, auth, error statuses, body limit, CORS, logging, OpenAPI and /docs.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { type RunningServer, startServer } from '../../src/http/server.js';
import { Orchestrator } from '../../src/service/index.js';
import { createToken, revokeToken } from '../../src/store/tokens.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

const BODY_LIMIT = 64 * 1024;
const C = '/v1/config/claude-desktop/default';

/** Every route of the API, as `METHOD /openapi/path`: the OpenAPI document must list exactly these. */
const ROUTES = [
  'GET /v1/clients',
  'GET /v1/clients/servers',
  'GET /v1/clients/{client_id}/profiles',
  'GET /v1/doctor',
  'POST /v1/config/diff',
  'GET /v1/config/{client_id}/{profile}',
  'GET /v1/config/{client_id}/{profile}/artifacts/{artifact_id}',
  'GET /v1/config/{client_id}/{profile}/compare',
  'GET /v1/config/{client_id}/{profile}/history',
  'GET /v1/config/{client_id}/{profile}/export',
  'POST /v1/config/{client_id}/{profile}/verify',
  'POST /v1/config/{client_id}/{profile}/diff',
  'POST /v1/config/{client_id}/{profile}/validate',
  'POST /v1/config/{client_id}/{profile}/publish',
  'GET /v1/config/{client_id}/{profile}/draft',
  'POST /v1/config/{client_id}/{profile}/draft/add',
  'POST /v1/config/{client_id}/{profile}/draft/add-custom',
  'POST /v1/config/{client_id}/{profile}/draft/remove',
  'DELETE /v1/config/{client_id}/{profile}/draft',
  'POST /v1/config/{client_id}/{profile}/deploy',
  'POST /v1/deploy',
  'POST /v1/oneshot/add',
  'POST /v1/oneshot/remove',
  'POST /v1/oneshot/enable',
  'POST /v1/oneshot/disable',
  'GET /v1/status',
  'POST /v1/config/{client_id}/{profile}/rollback',
  'POST /v1/config/{client_id}/{profile}/import',
  'GET /v1/servers',
  'POST /v1/servers',
  'POST /v1/servers/import',
  'GET /v1/servers/{server_id}',
  'DELETE /v1/servers/{server_id}',
  'GET /v1/keys',
  'POST /v1/keys/initialize',
  'GET /v1/audit',
  'POST /v1/fleet/reports',
  'GET /v1/fleet',
  'GET /v1/whoami',
  'GET /v1/tokens',
  'POST /v1/tokens',
  'DELETE /v1/tokens/{token_id}',
  'GET /v1/policy',
  'POST /v1/policy/check',
  'POST /v1/policy',
  'DELETE /v1/policy',
];

let temp: TempHome;
let svc: Orchestrator;
let server: RunningServer;
let token: string;
const logLines: Array<Record<string, unknown>> = [];

interface Call {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

async function call(
  method: string,
  path: string,
  options: { json?: unknown; raw?: string; token?: string | null; headers?: Record<string, string> } = {},
): Promise<Call> {
  const headers: Record<string, string> = { ...options.headers };
  const auth = options.token === undefined ? token : options.token;
  if (auth !== null) headers.Authorization = `Bearer ${auth}`;
  let body: string | undefined;
  if (options.json !== undefined) body = JSON.stringify(options.json);
  if (options.raw !== undefined) body = options.raw;
  if (body !== undefined) headers['Content-Type'] ??= 'application/json';
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

beforeAll(async () => {
  temp = makeTempHome('mo-http-');
  svc = new Orchestrator({ home: temp.home, env: temp.env });
  await svc.init();
  token = (await createToken(svc.home, { name: 'test' })).token;
  const app = createApp({
    orchestrator: svc,
    auth: 'tokens',
    bodyLimit: BODY_LIMIT,
    log: (l) => logLines.push(l as never),
  });
  server = await startServer(app, { host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await server?.close();
  temp?.cleanup();
});

describe('auth', () => {
  it('serves /health, /openapi.json and /docs without a token', async () => {
    const health = await call('GET', '/health', { token: null });
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok' });
    expect((await call('GET', '/openapi.json', { token: null })).status).toBe(200);
    expect((await call('GET', '/docs', { token: null })).status).toBe(200);
  });

  it('answers 401 UNAUTHORIZED without a token, with a wrong one, a revoked one and an expired one', async () => {
    const none = await call('GET', '/v1/servers', { token: null });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('UNAUTHORIZED');
    expect(none.headers.get('www-authenticate')).toBe('Bearer');

    expect((await call('GET', '/v1/servers', { token: `${token}x` })).status).toBe(401);
    expect((await call('GET', '/v1/servers', { token: 'mo_wrong' })).status).toBe(401);
    expect(
      (await call('GET', '/v1/servers', { token: null, headers: { Authorization: 'Basic abc' } })).status,
    ).toBe(401);

    const revoked = await createToken(svc.home, { name: 'revoked' });
    expect((await call('GET', '/v1/keys', { token: revoked.token })).status).toBe(200);
    await revokeToken(svc.home, revoked.id);
    const afterRevoke = await call('GET', '/v1/keys', { token: revoked.token });
    expect(afterRevoke.status).toBe(401);
    expect(afterRevoke.body.error.code).toBe('UNAUTHORIZED');

    const expired = await createToken(svc.home, {
      name: 'old',
      ttlMs: 60_000,
      now: new Date(Date.now() - 3_600_000),
    });
    expect((await call('GET', '/v1/keys', { token: expired.token })).status).toBe(401);
    expect((await call('POST', '/mcp', { token: null, json: {} })).status).toBe(401);
  });

  it('accepts the token in X-API-Key too', async () => {
    const res = await call('GET', '/v1/keys', { token: null, headers: { 'X-API-Key': token } });
    expect(res.status).toBe(200);
    expect(res.body.key_id).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('workflow: draft, validate, publish, read back', () => {
  let artifactId = '';

  it('edits the draft', async () => {
    const empty = await call('GET', `${C}/draft`);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ client_id: 'claude-desktop', profile_id: 'default', server_count: 0 });

    const added = await call('POST', `${C}/draft/add`, { json: { server_id: 'memory' } });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ added: 'memory', server_count: 1 });

    const dup = await call('POST', `${C}/draft/add`, { json: { server_id: 'memory' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE_SERVER');

    const custom = await call('POST', `${C}/draft/add-custom`, {
      json: { name: 'tool', command: 'node', args: ['tool.js'], env: { MODE: 'x' } },
    });
    expect(custom.status).toBe(200);
    expect(custom.body.payload.mcpServers.tool).toEqual({
      command: 'node',
      args: ['tool.js'],
      env: { MODE: 'x' },
    });

    const removed = await call('POST', `${C}/draft/remove`, { json: { name: 'tool' } });
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ removed: 'tool', server_count: 1 });
    const notThere = await call('POST', `${C}/draft/remove`, { json: { name: 'tool' } });
    expect(notThere.status).toBe(404);
    expect(notThere.body.error.code).toBe('SERVER_NOT_IN_DRAFT');
  });

  it('validates and publishes, once', async () => {
    const valid = await call('POST', `${C}/validate`);
    expect(valid.status).toBe(200);
    expect(valid.body).toMatchObject({ valid: true, errors: [] });

    const invalid = await call('POST', `${C}/validate`, {
      json: { payload: { mcpServers: { x: { args: [] } } } },
    });
    expect(invalid.status).toBe(200);
    expect(invalid.body.valid).toBe(false);

    const published = await call('POST', `${C}/publish`, { json: { changelog: 'memory' } });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ status: 'published', server_count: 1, changelog: 'memory' });
    artifactId = published.body.artifact_id;
    expect(artifactId).toMatch(/^sha256:[0-9a-f]{64}$/);

    const again = await call('POST', `${C}/publish`, { json: { changelog: 'again' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('NO_CHANGES');

    const empty = await call('POST', '/v1/config/claude-desktop/empty/publish', { json: {} });
    expect(empty.status).toBe(422);
    expect(empty.body.error.code).toBe('EMPTY_CONFIG');
  });

  it('reads the head, an artifact by prefix, the history and an export', async () => {
    const head = await call('GET', C);
    expect(head.status).toBe(200);
    expect(head.body.artifact_id).toBe(artifactId);
    expect(head.body.signature.algorithm).toBe('Ed25519');

    const byPrefix = await call('GET', `${C}/artifacts/${artifactId.slice(7, 19)}`);
    expect(byPrefix.status).toBe(200);
    expect(byPrefix.body.artifact_id).toBe(artifactId);

    const history = await call('GET', `${C}/history?limit=5&offset=0`);
    expect(history.status).toBe(200);
    expect(history.body).toMatchObject({
      total: 1,
      entries: [{ artifact_id: artifactId, changelog: 'memory' }],
    });

    const badLimit = await call('GET', `${C}/history?limit=0`);
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.code).toBe('INVALID_INPUT');

    const yaml = await call('GET', `${C}/export?format=yaml`);
    expect(yaml.status).toBe(200);
    expect(yaml.body.content).toContain('mcpServers:');

    const profiles = await call('GET', '/v1/clients/claude-desktop/profiles');
    expect(profiles.status).toBe(200);
    expect(profiles.body.profiles).toContainEqual(
      expect.objectContaining({ profile_id: 'default', head: artifactId }),
    );
  });

  it('verifies stored and posted artifacts; a changed one is TAMPERED', async () => {
    const ok = await call('POST', `${C}/verify`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ valid: true, artifact_id: artifactId });

    const head = (await call('GET', C)).body;
    head.payload.mcpServers.memory.args = ['evil'];
    const tampered = await call('POST', `${C}/verify`, { json: { artifact: head } });
    expect(tampered.status).toBe(422);
    expect(tampered.body.error.code).toBe('TAMPERED');
    expect(tampered.text).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('diffs the head against a payload, on both paths', async () => {
    const payload = {
      mcpServers: { memory: { command: 'npx', args: ['-y', 'other'] }, extra: { command: 'x' } },
    };
    const diff = await call('POST', `${C}/diff`, { json: { payload } });
    expect(diff.status).toBe(200);
    expect(['outdated', 'diverged']).toContain(diff.body.status);
    expect(diff.body.changes.map((ch: { server: string }) => ch.server).sort()).toEqual(['extra', 'memory']);

    const old = await call('POST', '/v1/config/diff', {
      json: { client_id: 'claude-desktop', profile_id: 'default', artifact_id: artifactId },
    });
    expect(old.status).toBe(200);
    expect(old.body.status).toBe('up-to-date');

    const nothing = await call('POST', `${C}/diff`, { json: {} });
    expect(nothing.status).toBe(400);
  });

  it('clears the draft', async () => {
    const cleared = await call('DELETE', `${C}/draft`);
    expect(cleared.status).toBe(200);
    expect(cleared.body).toEqual({ cleared: true, client_id: 'claude-desktop', profile_id: 'default' });
    expect((await call('GET', `${C}/draft`)).body.server_count).toBe(0);
  });
});

describe('servers and keys', () => {
  const definition = {
    id: 'my-tool',
    name: 'My tool',
    description: 'An in-house MCP server',
    transport: 'stdio',
    package: { registry: 'npm', name: '@acme/my-tool' },
    command: 'npx',
    args: ['-y', '@acme/my-tool'],
  };

  it('lists, shows, adds and removes servers', async () => {
    const list = await call('GET', '/v1/servers?search=memory');
    expect(list.status).toBe(200);
    expect(list.body.map((s: { id: string }) => s.id)).toContain('memory');
    expect((await call('GET', '/v1/servers?transport=carrier-pigeon')).status).toBe(400);

    const show = await call('GET', '/v1/servers/memory');
    expect(show.status).toBe(200);
    expect(show.body.usage.cli).toContain('draft add memory');
    const unknown = await call('GET', '/v1/servers/no-such-server');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('UNKNOWN_SERVER');

    const added = await call('POST', '/v1/servers', { json: definition });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ id: 'my-tool', source: 'user' });
    expect((await call('GET', '/v1/servers/my-tool')).status).toBe(200);
    const removed = await call('DELETE', '/v1/servers/my-tool');
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ removed: 'my-tool' });
    expect((await call('DELETE', '/v1/servers/my-tool')).status).toBe(404);
  });

  it('imports a server.json', async () => {
    const doc = {
      name: 'io.github.acme/weather',
      description: 'Weather',
      version: '1.0.0',
      packages: [
        { registryType: 'npm', identifier: '@acme/weather', version: '1.0.0', transport: { type: 'stdio' } },
      ],
    };
    const res = await call('POST', '/v1/servers/import?id=weather', { json: doc });
    expect([201, 422]).toContain(res.status);
    if (res.status === 201) expect(res.body.id).toBe('weather');
  });

  it('shows and initialises keys', async () => {
    const keys = await call('GET', '/v1/keys');
    expect(keys.status).toBe(200);
    expect(keys.body.public_key_pem).toContain('BEGIN PUBLIC KEY');
    const init = await call('POST', '/v1/keys/initialize', { json: { regenerate: false } });
    expect(init.status).toBe(200);
    expect(init.body).toMatchObject({ created: false, rotated: false, key_id: keys.body.key_id });
  });
});

describe('errors', () => {
  it('400 INVALID_INPUT on malformed JSON and on schema violations, never a stack trace', async () => {
    const malformed = await call('POST', `${C}/draft/add`, { raw: '{"server_id": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('INVALID_INPUT');

    const wrongType = await call('POST', `${C}/draft/add`, { json: { server_id: 42 } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.code).toBe('INVALID_INPUT');
    expect(wrongType.body.error.details.issues[0].path).toBe('server_id');

    const badId = await call('GET', '/v1/config/Bad!Client/default/draft');
    expect(badId.status).toBe(400);
    expect(badId.body.error.code).toBe('INVALID_ID');

    const traversal = await call('GET', '/v1/config/..%2F..%2Fetc/default/draft');
    expect(traversal.status).toBe(400);

    const notJson = await call('POST', `${C}/publish`, {
      raw: 'changelog=x',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(notJson.status).toBe(415);
    expect(notJson.body.error.code).toBe('INVALID_INPUT');

    for (const res of [malformed, wrongType, badId, notJson]) expect(res.text).not.toMatch(/\n\s+at /);
  });

  it('413 PAYLOAD_TOO_LARGE for a body over the limit', async () => {
    const big = { payload: { mcpServers: { x: { command: 'y', args: ['z'.repeat(BODY_LIMIT)] } } } };
    const res = await call('POST', `${C}/validate`, { json: big });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('404 for unknown profiles, artifacts and routes', async () => {
    const profile = await call('GET', '/v1/config/claude-desktop/nothing-here');
    expect(profile.status).toBe(404);
    expect(profile.body.error.code).toBe('PROFILE_NOT_FOUND');

    const artifact = await call('GET', `${C}/artifacts/${'0'.repeat(64)}`);
    expect(artifact.status).toBe(404);
    expect(artifact.body.error.code).toBe('ARTIFACT_NOT_FOUND');

    const history = await call('GET', '/v1/config/claude-desktop/nothing-here/history');
    expect(history.status).toBe(404);

    const route = await call('GET', '/v1/nope');
    expect(route.status).toBe(404);
    expect(route.body.error.code).toBe('ROUTE_NOT_FOUND');
    expect(route.body.error.message).toContain('/docs');
  });
});

describe('deploy, status, rollback, import, clients', () => {
  it('lists clients', async () => {
    const res = await call('GET', '/v1/clients');
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain('claude-desktop');
  });

  it('deploys, reports status, rolls back and imports', async () => {
    await call('POST', `${C}/draft/add`, { json: { server_id: 'fetch' } });
    expect((await call('POST', `${C}/publish`, { json: { changelog: 'fetch' } })).status).toBe(201);

    const dry = await call('POST', `${C}/deploy`, { json: { dry_run: true } });
    expect(dry.status).toBe(200);
    const deployed = await call('POST', `${C}/deploy`, { json: {} });
    expect(deployed.status).toBe(200);
    const status = await call('GET', '/v1/status?client_id=claude-desktop');
    expect(status.status).toBe(200);
    expect(JSON.stringify(status.body)).toContain('in-sync');
    const listed = await call('GET', '/v1/clients/servers?client_id=claude-desktop');
    expect(listed.status).toBe(200);
    expect(listed.body.clients[0].servers).toContainEqual(
      expect.objectContaining({ name: 'fetch', state: 'managed', profile_id: 'default' }),
    );
    const typo = await call('GET', '/v1/clients/servers?client_id=cusor');
    expect(typo.status).toBe(404);
    expect(typo.body.error.code).toBe('UNKNOWN_CLIENT');
    expect(typo.body.error.message).toContain('cursor');
    const doctor = await call('GET', '/v1/doctor');
    expect(doctor.status).toBe(200);
    expect(doctor.body.checks).toContainEqual(expect.objectContaining({ check: 'store', status: 'ok' }));

    const rollback = await call('POST', `${C}/rollback`, { json: {} });
    expect(rollback.status).toBe(200);
    const imported = await call('POST', `${C}/import`, { json: {} });
    expect(imported.status).toBe(200);

    const many = await call('POST', '/v1/deploy', { json: { clients: ['claude-desktop'], dry_run: true } });
    expect(many.status).toBe(200);
  });

  it('never takes a file path over HTTP: a "path" field is refused', async () => {
    const res = await call('POST', `${C}/deploy`, {
      json: { dry_run: true, path: join(temp.root, 'elsewhere.json') },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    expect(existsSync(join(temp.root, 'elsewhere.json'))).toBe(false);
  });

  it('answers 404 UNKNOWN_CLIENT with "did you mean" for a mistyped client id', async () => {
    const profiles = await call('GET', '/v1/clients/cusor/profiles');
    expect(profiles.status).toBe(404);
    expect(profiles.body.error.code).toBe('UNKNOWN_CLIENT');
    expect(profiles.body.error.message).toContain('Did you mean "cursor"?');
    const add = await call('POST', '/v1/config/cusor/default/draft/add', { json: { server_id: 'memory' } });
    expect(add.status).toBe(404);
    const many = await call('POST', '/v1/deploy', { json: { clients: ['cursor', 'cusor'] } });
    expect(many.status).toBe(404);
    expect(many.body.error.code).toBe('UNKNOWN_CLIENT');
  });

  it('refuses unknown body fields, naming the nearest valid one, and writes nothing', async () => {
    const file =
      (await svc.listClients()).clients.find((c) => c.client_id === 'claude-desktop')?.config_path ?? '';
    const before = existsSync(file) ? readFileSync(file, 'utf8') : null;
    const res = await call('POST', `${C}/deploy`, { json: { dryRun: true } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    expect(res.body.error.message).toBe('Unknown field "dryRun"; did you mean "dry_run"?');
    expect(existsSync(file) ? readFileSync(file, 'utf8') : null).toBe(before);
    const many = await call('POST', '/v1/deploy', { json: { clients: ['cursor'], dryrun: true } });
    expect(many.body.error.code).toBe('INVALID_INPUT');
    expect((await call('POST', `${C}/deploy`, { json: { dry_run: true } })).status).toBe(200);
  });
});

describe('OpenAPI and docs', () => {
  it('is a valid OpenAPI 3.1 document listing every route', async () => {
    const doc = (await call('GET', '/openapi.json', { token: null })).body;
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc));
    expect(result.valid, JSON.stringify(result)).toBe(true);
    const listed = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(listed.sort()).toEqual([...ROUTES].sort());
    expect(doc.components.securitySchemes.bearerAuth).toEqual({ type: 'http', scheme: 'bearer' });
  });

  it('says additionalProperties: false for every JSON object body', async () => {
    const doc = (await call('GET', '/openapi.json', { token: null })).body;
    const bodies = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, op]) => op.requestBody)
        .map(([method, op]) => ({
          at: `${method} ${path}`,
          schema: op.requestBody.content['application/json'].schema,
        })),
    );
    expect(bodies.length).toBeGreaterThan(10);
    for (const { at, schema } of bodies) {
      if (at.endsWith('/v1/servers/import')) continue; // a foreign server.json document, taken as is
      const resolved = schema.$ref ? doc.components.schemas[schema.$ref.split('/').pop()] : schema;
      expect(resolved.additionalProperties, at).toBe(false);
    }
  });

  it('renders /docs from the same document, with no scripts', async () => {
    const docs = await call('GET', '/docs', { token: null });
    expect(docs.headers.get('content-type')).toContain('text/html');
    expect(docs.text).not.toContain('<script');
    for (const route of ROUTES) {
      const [, path] = route.split(' ');
      expect(docs.text).toContain(path);
    }
  });
});

describe('CORS and logging', () => {
  it('allows only listed origins', async () => {
    const t = makeTempHome('mo-http-cors-');
    const orch = new Orchestrator({ home: t.home, env: t.env });
    const app = createApp({
      orchestrator: orch,
      auth: 'none',
      corsOrigins: ['https://ok.example'],
      log: () => {},
    });
    const s = await startServer(app, { host: '127.0.0.1', port: 0 });
    try {
      const preflight = await fetch(`${s.url}/v1/servers`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://ok.example', 'Access-Control-Request-Method': 'POST' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://ok.example');
      const allowed = await fetch(`${s.url}/v1/servers`, { headers: { Origin: 'https://ok.example' } });
      expect(allowed.status).toBe(200);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://ok.example');
      const other = await fetch(`${s.url}/v1/servers`, { headers: { Origin: 'https://evil.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await s.close();
      t.cleanup();
    }
  });

  it('without tokens, refuses requests a foreign web page sends', async () => {
    const t = makeTempHome('mo-http-open-');
    const orch = new Orchestrator({ home: t.home, env: t.env });
    const app = createApp({
      orchestrator: orch,
      auth: 'none',
      corsOrigins: ['https://ok.example'],
      log: () => {},
    });
    const s = await startServer(app, { host: '127.0.0.1', port: 0 });
    try {
      const noOrigin = await fetch(`${s.url}/v1/config/claude-desktop/default/draft`);
      expect(noOrigin.status).toBe(200);
      const allowed = await fetch(`${s.url}/v1/config/claude-desktop/default/validate`, {
        method: 'POST',
        headers: { Origin: 'https://ok.example' },
      });
      expect(allowed.status).toBe(200);
      const foreign = await fetch(`${s.url}/v1/config/claude-desktop/default/publish`, {
        method: 'POST',
        headers: { Origin: 'https://evil.example' },
      });
      expect(foreign.status).toBe(401);
      expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    } finally {
      await s.close();
      t.cleanup();
    }
  });

  it('logs one JSON object per request with method, path, status and ms, never the token', async () => {
    const before = logLines.length;
    await call('GET', '/v1/keys?x=1');
    const line = logLines[before];
    expect(line).toMatchObject({ method: 'GET', path: '/v1/keys', status: 200 });
    expect(typeof line?.ms).toBe('number');
    expect(JSON.stringify(logLines)).not.toContain(token);
  });
});

describe('/mcp', () => {
  it('answers an MCP initialize with a token', async () => {
    const res = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'test', version: '1.0.0' },
        },
      }),
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('"serverInfo"');
    expect(text).toContain('"protocolVersion"');
  });
});

describe('one-shots over REST', () => {
  it('POST /v1/oneshot/add, disable, enable and remove change the files of both clients', async () => {
    const codex = join(temp.userHome, '.codex', 'config.toml');
    const goose = join(temp.userHome, '.config', 'goose', 'config.yaml');
    mkdirSync(dirname(codex), { recursive: true });
    writeFileSync(codex, 'model = "o3"\n');
    const clients = ['codex', 'goose'];
    const added = await call('POST', '/v1/oneshot/add', { json: { server_id: 'time', clients } });
    expect(added.status, added.text).toBe(200);
    expect(added.body.clients.map((c: { status: string }) => c.status)).toEqual(['deployed', 'deployed']);
    expect(readFileSync(codex, 'utf8')).toContain('[mcp_servers.time]');
    expect(readFileSync(goose, 'utf8')).toContain('time:');

    const off = await call('POST', '/v1/oneshot/disable', { json: { name: 'time', clients } });
    expect(off.status, off.text).toBe(200);
    expect(readFileSync(codex, 'utf8')).toMatch(/\[mcp_servers\.time\][\s\S]*enabled = false/);
    // goose has no switch the tool writes: the entry leaves the file and is remembered.
    expect(off.body.clients.map((c: { how: string }) => c.how)).toEqual(['switched-off', 'parked']);
    expect(readFileSync(goose, 'utf8')).not.toContain('time:');

    const on = await call('POST', '/v1/oneshot/enable', { json: { name: 'time', clients } });
    expect(on.status, on.text).toBe(200);
    expect(readFileSync(codex, 'utf8')).not.toContain('enabled = false');
    expect(readFileSync(goose, 'utf8')).toContain('time:');

    const removed = await call('POST', '/v1/oneshot/remove', { json: { name: 'time', clients } });
    expect(removed.status, removed.text).toBe(200);
    expect(readFileSync(codex, 'utf8')).not.toContain('mcp_servers.time');
    expect(readFileSync(goose, 'utf8')).not.toContain('time:');
  });
});
