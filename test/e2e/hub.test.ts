import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createTestDatabase, sharedServerUrl } from '../helpers/postgres.js';
import { killServes, startServe } from '../helpers/serve.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

const serverUrl = sharedServerUrl(inject('postgres'));

/** A hub server on a free port; resolves with its URL. */
const serve = async (env: NodeJS.ProcessEnv): Promise<string> =>
  (await startServe(env, [], { timeoutMs: 30_000 })).url;

const memory = { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] };

describe('team hub', () => {
  let db: { url: string; drop(): Promise<void> };
  let lead: TempHome;
  let alice: TempHome;
  let bob: TempHome;
  let hubA: string;
  let hubB: string;
  const tokens: Record<string, string> = {};
  let firstPublish: string;
  let leadEnv: NodeJS.ProcessEnv;

  const call = async (base: string, method: string, path: string, token: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  };

  beforeAll(async () => {
    db = await createTestDatabase(serverUrl);
    lead = makeTempHome('mo-hub-lead-');
    alice = makeTempHome('mo-hub-alice-');
    bob = makeTempHome('mo-hub-bob-');
    leadEnv = { ...lead.env, MCP_ORCHESTRATION_STORE: db.url };
    expect(runCli(['init'], leadEnv).status).toBe(0);
    for (const [name, role, extra] of [
      ['admin', 'admin', []],
      ['lead', 'publisher', []],
      ['member', 'reader', ['--profiles', 'team*']],
    ] as const) {
      const r = runCli(['token', 'create', '--name', name, '--role', role, ...extra, '--json'], leadEnv);
      expect(r.status, r.stderr).toBe(0);
      tokens[name] = r.json().token;
    }
    writeFileSync(join(lead.root, 'hub.pub'), runCli(['keys', 'export'], leadEnv).stdout);
    [hubA, hubB] = await Promise.all([serve(leadEnv), serve(leadEnv)]);
  }, 120_000);

  afterAll(async () => {
    killServes();
    await db.drop();
    for (const t of [lead, alice, bob]) t.cleanup();
  });

  it('publishers publish, readers may not, and a reader is kept to its profiles', async () => {
    const published = await call(hubA, 'POST', '/v1/config/claude-code/team/publish', tokens.lead as string, {
      payload: { mcpServers: { memory } },
      changelog: 'team setup',
    });
    expect(published.status, JSON.stringify(published.json)).toBe(201);
    firstPublish = published.json.artifact_id;
    const refused = await call(hubB, 'POST', '/v1/config/claude-code/team/publish', tokens.member as string, {
      payload: { mcpServers: { other: memory } },
      changelog: 'not allowed',
    });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('FORBIDDEN');
    expect(refused.json.error.message).toContain('publisher');
    const outside = await call(
      hubB,
      'GET',
      '/v1/config/claude-code/private/history',
      tokens.member as string,
    );
    expect(outside.status).toBe(403);
    // The other replica sees the publish at once: one database.
    const head = await call(hubB, 'GET', '/v1/config/claude-code/team', tokens.member as string);
    expect(head.status).toBe(200);
    expect(head.json.artifact_id).toBe(published.json.artifact_id);
    const docs = (await (await fetch(`${hubA}/openapi.json`)).json()) as any;
    expect(docs.paths['/v1/fleet'].get['x-required-role']).toBe('admin');
    expect(docs.paths['/v1/config/{client_id}/{profile}/publish'].post.description).toContain('publisher');
  });

  it('members sync into their own clients, report back, and the fleet shows both in sync', async () => {
    for (const [member, hub] of [
      [alice, hubA],
      [bob, hubB],
    ] as const) {
      const added = runCli(
        [
          'remote',
          'add',
          'team',
          hub,
          '--token',
          tokens.member as string,
          '--trust',
          join(lead.root, 'hub.pub'),
          '--json',
        ],
        member.env,
      );
      expect(added.status, added.stderr).toBe(0);
      expect(added.stdout).not.toContain(tokens.member as string);
      expect(runCli(['remote', 'list'], member.env).stdout).not.toContain(tokens.member as string);
    }
    const a = runCli(['sync', 'team', '--client', 'claude-code', '--profile', 'team', '--json'], alice.env);
    expect(a.status, a.stderr).toBe(0);
    expect(a.json()).toMatchObject({ head: 'fetched', reported: 1 });
    const b = runCli(
      ['sync', 'team', '--client', 'claude-code', '--profile', 'team', '--clients', 'cursor', '--json'],
      bob.env,
    );
    expect(b.status, b.stderr).toBe(0);
    const cursorFile = b.json().deployed[0].config_path as string;
    expect(JSON.parse(readFileSync(cursorFile, 'utf8')).mcpServers.memory).toEqual(memory);
    const claudeFile = a.json().deployed[0].config_path as string;
    expect(JSON.parse(readFileSync(claudeFile, 'utf8')).mcpServers.memory).toMatchObject(memory);

    const again = runCli(
      ['sync', 'team', '--client', 'claude-code', '--profile', 'team', '--json'],
      alice.env,
    );
    expect(again.json().head).toBe('unchanged');

    const fleet = await call(hubB, 'GET', '/v1/fleet', tokens.admin as string);
    expect(fleet.status).toBe(200);
    const machines = fleet.json.machines as Array<Record<string, unknown>>;
    expect(machines.map((m) => m.client_id).sort()).toEqual(['claude-code', 'cursor']);
    expect(machines.every((m) => m.state === 'in-sync' && m.current === true && m.stale === false)).toBe(
      true,
    );
    expect(new Set(machines.map((m) => m.machine_id)).size).toBe(2);
    expect((await call(hubA, 'GET', '/v1/fleet', tokens.member as string)).status).toBe(403);
    const cli = runCli(['fleet', '--json'], leadEnv);
    expect(cli.json().machines).toHaveLength(2);

    // The admin's own machine asks the hub, with the stale limit it chose.
    const added = runCli(
      [
        'remote',
        'add',
        'hub',
        hubA,
        '--token',
        tokens.admin as string,
        '--trust',
        join(lead.root, 'hub.pub'),
      ],
      lead.env,
    );
    expect(added.status, added.stderr).toBe(0);
    const remote = runCli(['fleet', '--remote', 'hub', '--stale-after', '2h', '--json'], lead.env);
    expect(remote.status, remote.stderr).toBe(0);
    expect(remote.json().stale_after_seconds).toBe(7200);
    expect(remote.json().machines).toHaveLength(2);
  });

  it('a tampered artifact on the hub is refused by members, and nothing changes there', async () => {
    const v2 = await call(hubA, 'POST', '/v1/config/claude-code/team/publish', tokens.lead as string, {
      payload: { mcpServers: { memory, time: { command: 'uvx', args: ['mcp-server-time'] } } },
      changelog: 'add time',
    });
    expect(v2.status).toBe(201);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT body FROM artifacts WHERE artifact_id = $1', [
        v2.json.artifact_id,
      ]);
      const body = rows[0].body;
      body.payload.mcpServers.time.args = ['evil-package'];
      await client.query('UPDATE artifacts SET body = $2 WHERE artifact_id = $1', [
        v2.json.artifact_id,
        JSON.stringify(body),
      ]);
    } finally {
      await client.end();
    }
    const before = readFileSync(join(alice.userHome, '.claude.json'), 'utf8');
    const r = runCli(['sync', 'team', '--client', 'claude-code', '--profile', 'team', '--json'], alice.env);
    expect(r.status).toBe(1);
    expect(r.json().error.code).toBe('TAMPERED');
    expect(readFileSync(join(alice.userHome, '.claude.json'), 'utf8')).toBe(before);
    expect(
      runCli(['history', '--client', 'claude-code', '--profile', 'team', '--json'], alice.env).json().total,
    ).toBe(1);
  });

  it('the audit trail names who did what; only admins read it', async () => {
    // A publisher rolls back on the hub's own machine (from a new head to the first publish).
    const lead = tokens.lead as string;
    const v3 = await call(hubA, 'POST', '/v1/config/claude-code/team/publish', lead, {
      payload: { mcpServers: { memory, fetch: { command: 'uvx', args: ['mcp-server-fetch'] } } },
      changelog: 'replace the tampered head',
    });
    expect(v3.status, JSON.stringify(v3.json)).toBe(201);
    for (const artifact_id of [firstPublish, v3.json.artifact_id]) {
      const deployed = await call(hubA, 'POST', '/v1/config/claude-code/team/deploy', lead, { artifact_id });
      expect(deployed.status, JSON.stringify(deployed.json)).toBe(200);
    }
    const rolled = await call(hubB, 'POST', '/v1/config/claude-code/team/rollback', lead, {});
    expect(rolled.status, JSON.stringify(rolled.json)).toBe(200);
    expect(rolled.json).toMatchObject({ action: 'rollback', status: 'deployed', artifact_id: firstPublish });
    const audit = await call(hubA, 'GET', '/v1/audit?limit=100', tokens.admin as string);
    expect(audit.status).toBe(200);
    const entries = audit.json.entries as Array<{ action: string; actor_name: string; artifact_id: string }>;
    expect(entries.find((e) => e.action === 'publish')?.actor_name).toBe('lead');
    expect(entries.find((e) => e.action === 'rollback')).toMatchObject({
      actor_name: 'lead',
      target: 'claude-code/team',
      artifact_id: firstPublish,
    });
    expect(entries.filter((e) => e.action === 'fleet.report').map((e) => e.actor_name)).toContain('member');
    expect(entries.some((e) => e.action === 'token.create')).toBe(true);
    expect((await call(hubA, 'GET', '/v1/audit', tokens.lead as string)).status).toBe(403);
    const local = runCli(['audit', '--json'], leadEnv);
    expect(local.status).toBe(0);
    expect(local.json().entries.length).toBeGreaterThan(3);
  });

  it('serves the team catalog as an MCP Registry v0.1 to token holders', async () => {
    const anonymous = await fetch(`${hubA}/v0.1/servers?limit=2`);
    expect(anonymous.status).toBe(401);
    const res = await fetch(`${hubB}/v0.1/servers?search=memory`, {
      headers: { Authorization: `Bearer ${tokens.member}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      servers: Array<{ server: { name: string } }>;
      metadata: { count: number };
    };
    expect(body.servers.map((s) => s.server.name)).toContain('io.mcp-orchestration.catalog/memory');
    expect(body.metadata.count).toBe(body.servers.length);
  });

  it('a hub that is down changes nothing and says REMOTE_UNAVAILABLE', () => {
    const added = runCli(
      [
        'remote',
        'add',
        'down',
        'http://127.0.0.1:9',
        '--token',
        'mo_x',
        '--trust',
        join(lead.root, 'hub.pub'),
      ],
      bob.env,
    );
    expect(added.status, added.stderr).toBe(0);
    const r = runCli(['sync', 'down', '--client', 'claude-code', '--profile', 'team', '--json'], bob.env);
    expect(r.status).toBe(1);
    expect(r.json().error.code).toBe('REMOTE_UNAVAILABLE');
  });
});
