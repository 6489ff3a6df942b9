import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';
import { createTestDatabase, sharedServerUrl } from '../helpers/postgres.js';
import { killServes, startServe } from '../helpers/serve.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

const serverUrl = sharedServerUrl(inject('postgres'));

/** A hub server on a free port; resolves with its URL. */
const serve = async (env: NodeJS.ProcessEnv): Promise<string> =>
  (await startServe(env, [], { timeoutMs: 30_000 })).url;

const memory = { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] };
const fetcher = { command: 'curl', args: ['https://example.com'] };
const POLICY = 'deny:\n  - command: curl\n';

async function mcpOver(transport: StreamableHTTPClientTransport | StdioClientTransport): Promise<Client> {
  const client = new Client({ name: 'hub-policy-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

describe('governance on a team hub', () => {
  let db: { url: string; drop(): Promise<void> };
  let lead: TempHome;
  let alice: TempHome;
  let hubA: string;
  let hubB: string;
  const tokens: Record<string, string> = {};
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
    lead = makeTempHome('mo-gov-lead-');
    alice = makeTempHome('mo-gov-alice-');
    leadEnv = { ...lead.env, MCP_ORCHESTRATION_STORE: db.url };
    expect(runCli(['init'], leadEnv).status).toBe(0);
    for (const [name, role] of [
      ['admin', 'admin'],
      ['lead', 'publisher'],
      ['member', 'reader'],
    ] as const) {
      const r = runCli(['token', 'create', '--name', name, '--role', role, '--json'], leadEnv);
      expect(r.status, r.stderr).toBe(0);
      tokens[name] = r.json().token;
    }
    writeFileSync(join(lead.root, 'hub.pub'), runCli(['keys', 'export'], leadEnv).stdout);
    [hubA, hubB] = await Promise.all([serve(leadEnv), serve(leadEnv)]);
  }, 120_000);

  afterAll(async () => {
    killServes();
    await db.drop();
    for (const t of [lead, alice]) t.cleanup();
  });

  it('only an admin sets the policy; every replica then holds it, and the change is audited', async () => {
    const refused = await call(hubA, 'POST', '/v1/policy', tokens.lead as string, { text: POLICY });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('FORBIDDEN');
    const set = await call(hubA, 'POST', '/v1/policy', tokens.admin as string, {
      text: POLICY,
      source: 'policy.yaml',
    });
    expect(set.status, JSON.stringify(set.json)).toBe(200);
    expect(set.json.policy).toEqual({ deny: [{ command: 'curl' }] });
    const shown = await call(hubB, 'GET', '/v1/policy', tokens.member as string);
    expect(shown.status).toBe(200);
    expect(shown.json.policy).toEqual({ deny: [{ command: 'curl' }] });
    // The CLI over the same database sees the same policy: it is in the store, not a home folder.
    expect(runCli(['policy', 'show', '--json'], leadEnv).json().policy).toEqual({
      deny: [{ command: 'curl' }],
    });
    const audit = await call(hubB, 'GET', '/v1/audit?limit=100', tokens.admin as string);
    const entry = (audit.json.entries as Array<{ action: string; actor_name: string }>).find(
      (e) => e.action === 'policy.set',
    );
    expect(entry?.actor_name).toBe('admin');
    const docs = (await (await fetch(`${hubA}/openapi.json`)).json()) as any;
    expect(docs.paths['/v1/policy'].post['x-required-role']).toBe('admin');
  });

  it('any replica refuses a publish that breaks the policy, over REST and MCP, with POLICY_VIOLATION', async () => {
    const rest = await call(hubB, 'POST', '/v1/config/claude-code/team/publish', tokens.lead as string, {
      payload: { mcpServers: { memory, fetcher } },
      changelog: 'with curl',
    });
    expect(rest.status).toBe(422);
    expect(rest.json.error.code).toBe('POLICY_VIOLATION');
    const client = await mcpOver(
      new StreamableHTTPClientTransport(new URL('/mcp', hubA), {
        requestInit: { headers: { Authorization: `Bearer ${tokens.lead}` } },
      }),
    );
    try {
      const result = (await client.callTool({
        name: 'publish_config',
        arguments: {
          client_id: 'claude-code',
          profile_id: 'team',
          payload: { mcpServers: { fetcher } },
          changelog: 'with curl',
        },
      })) as CallToolResult;
      expect(result.isError).toBe(true);
      expect((result.structuredContent as { error: { code: string } }).error.code).toBe('POLICY_VIOLATION');
    } finally {
      await client.close();
    }
    const ok = await call(hubA, 'POST', '/v1/config/claude-code/team/publish', tokens.lead as string, {
      payload: { mcpServers: { memory } },
      changelog: 'memory only',
    });
    expect(ok.status, JSON.stringify(ok.json)).toBe(201);
  });

  it("a member's machine refuses to deploy a synced artifact that breaks its own policy", async () => {
    const added = runCli(
      [
        'remote',
        'add',
        'team',
        hubA,
        '--token',
        tokens.member as string,
        '--trust',
        join(lead.root, 'hub.pub'),
      ],
      alice.env,
    );
    expect(added.status, added.stderr).toBe(0);
    const policyFile = join(alice.root, 'strict.yaml');
    writeFileSync(policyFile, 'allow:\n  - server: time\n');
    expect(runCli(['policy', 'set', policyFile], alice.env).status).toBe(0);
    const claudeFile = join(alice.userHome, '.claude.json');
    const r = runCli(['sync', 'team', '--client', 'claude-code', '--profile', 'team', '--json'], alice.env);
    expect(r.status).toBe(1);
    expect(r.json().error.code).toBe('POLICY_VIOLATION');
    expect(r.json().error.message).toContain('memory');
    expect(existsSync(claudeFile)).toBe(false);
    expect(
      runCli(['history', '--client', 'claude-code', '--profile', 'team', '--json'], alice.env).json().error
        .code,
    ).toBe('PROFILE_NOT_FOUND');
    // The hub hears of the refusal: the fleet shows the machine failed, with the code.
    const fleet = await call(hubB, 'GET', '/v1/fleet', tokens.admin as string);
    const machine = (fleet.json.machines as Array<Record<string, unknown>>)[0];
    expect(machine).toMatchObject({ client_id: 'claude-code', state: 'failed' });
  });

  it('the sync MCP tool is the same sync: strict input, and it deploys once the policy allows it', async () => {
    writeFileSync(join(alice.root, 'open.yaml'), 'deny:\n  - command: curl\n');
    expect(runCli(['policy', 'set', join(alice.root, 'open.yaml')], alice.env).status).toBe(0);
    const client = await mcpOver(
      new StdioClientTransport({
        command: process.execPath,
        args: [CLI, 'mcp'],
        env: alice.env as Record<string, string>,
        stderr: 'ignore',
      }),
    );
    try {
      const strict = (await client.callTool({
        name: 'sync',
        arguments: { remote: 'team', client_id: 'claude-code', profile_id: 'team', token: 'x' },
      })) as CallToolResult;
      expect(strict.isError).toBe(true);
      expect((strict.structuredContent as { error: { code: string } }).error.code).toBe('INVALID_INPUT');
      const result = (await client.callTool({
        name: 'sync',
        arguments: { remote: 'team', client_id: 'claude-code', profile_id: 'team' },
      })) as CallToolResult;
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ head: 'fetched', reported: 1 });
    } finally {
      await client.close();
    }
    const claudeFile = join(alice.userHome, '.claude.json');
    expect(JSON.parse(readFileSync(claudeFile, 'utf8')).mcpServers.memory).toMatchObject(memory);

    // A server added by hand that breaks the policy is marked by `list`.
    const config = JSON.parse(readFileSync(claudeFile, 'utf8'));
    config.mcpServers.fetcher = fetcher;
    writeFileSync(claudeFile, JSON.stringify(config, null, 2));
    const listed = runCli(['list', '--client', 'claude-code', '--json'], alice.env);
    expect(listed.status, listed.stderr).toBe(0);
    const servers = listed.json().clients[0].servers as Array<{
      name: string;
      policy_violations?: Array<{ rule: string }>;
    }>;
    expect(servers.find((s) => s.name === 'fetcher')?.policy_violations).toEqual([
      expect.objectContaining({ rule: 'deny[0]' }),
    ]);
    expect(servers.find((s) => s.name === 'memory')?.policy_violations).toBeUndefined();
    expect(runCli(['list', '--client', 'claude-code'], alice.env).stdout).toMatch(/fetcher.*deny\[0\]/);
  });

  it('adding a saved remote again (a rotated token) keeps what was synced: the next sync is a 304', () => {
    const again = runCli(
      [
        'remote',
        'add',
        'team',
        hubB,
        '--token',
        tokens.member as string,
        '--trust',
        join(lead.root, 'hub.pub'),
      ],
      alice.env,
    );
    expect(again.status, again.stderr).toBe(0);
    const r = runCli(['sync', 'team', '--client', 'claude-code', '--profile', 'team', '--json'], alice.env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.json().head).toBe('unchanged');
  });
});
