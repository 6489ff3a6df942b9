/**
 * The MCP server over the SDK's in-memory transport, against a temporary home: every tool, the
 * failure shape, resources, completion and prompts.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult, LoggingMessageNotification } from '@modelcontextprotocol/sdk/types.js';
import { LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempHome, type TempHome } from '../../test/helpers/temp-home.js';
import { Orchestrator } from '../service/index.js';
import { createMcpServer } from './server.js';

const TOOLS = [
  'list_clients',
  'list_profiles',
  'get_config',
  'diff_config',
  'list_available_servers',
  'describe_server',
  'add_server_to_config',
  'remove_server_from_config',
  'view_draft_config',
  'clear_draft_config',
  'validate_config',
  'publish_config',
  'deploy_config',
  'initialize_keys',
  'verify_config',
  'get_history',
  'rollback_config',
  'deployment_status',
  'import_client_config',
  'list_client_servers',
  'add_server_to_clients',
  'remove_server_from_clients',
  'disable_server',
  'enable_server',
  'doctor',
  'sync',
];

let temp: TempHome;
let client: Client;
let logs: LoggingMessageNotification['params'][];

beforeEach(async () => {
  temp = makeTempHome('mo-mcp-');
  const server = createMcpServer(new Orchestrator({ home: temp.home, env: temp.env }), {
    logging: { stderr: null },
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  client = new Client({ name: 'test', version: '0.0.0' });
  logs = [];
  client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
    logs.push(n.params);
  });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  // Output schemas are validated by the client only once it has listed the tools.
  await client.listTools();
});
afterEach(async () => {
  await client.close();
  temp.cleanup();
});

async function call(name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

async function ok(name: string, args: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const result = await call(name, args);
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
  expect(result.content[0]).toMatchObject({ type: 'text' });
  return result.structuredContent as Record<string, unknown>;
}

async function fails(name: string, args: Record<string, unknown>, code: string): Promise<CallToolResult> {
  const result = await call(name, args);
  expect(result.isError).toBe(true);
  expect(result.structuredContent).toMatchObject({ error: { code } });
  const text = (result.content[0] as { text: string }).text;
  expect(text.startsWith(`${code}: `)).toBe(true);
  expect(text).not.toMatch(/\n\s+at /); // no stack trace
  return result;
}

describe('tool list', () => {
  it('has the 19 tools of the contract, with schemas and truthful annotations', async () => {
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    for (const name of TOOLS) expect(names).toContain(name);
    for (const tool of tools) {
      expect(tool.description?.length).toBeGreaterThan(60);
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type).toBe('object');
      // Only sync reaches outside this machine (the team hub).
      expect(tool.annotations?.openWorldHint).toBe(tool.name === 'sync');
    }
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect(byName.get('deploy_config')?.annotations).toMatchObject({
      destructiveHint: true,
      readOnlyHint: false,
    });
    expect(byName.get('rollback_config')?.annotations).toMatchObject({
      destructiveHint: true,
      readOnlyHint: false,
    });
    for (const name of [
      'list_available_servers',
      'describe_server',
      'view_draft_config',
      'validate_config',
      'get_config',
      'diff_config',
    ]) {
      expect(byName.get(name)?.annotations).toMatchObject({ readOnlyHint: true });
    }
    expect(byName.get('publish_config')?.annotations?.readOnlyHint).toBe(false);
  });

  it('advertises the operation schemas: required fields, defaults and limits', async () => {
    const { tools } = await client.listTools();
    const add = tools.find((t) => t.name === 'add_server_to_config');
    expect(add?.inputSchema.required).toEqual(['server_id']);
    expect(add?.inputSchema.properties?.client_id).toMatchObject({
      type: 'string',
      default: 'claude-desktop',
      maxLength: 64,
    });
    expect(add?.inputSchema.properties?.profile_id).toMatchObject({ default: 'default' });
    const publish = tools.find((t) => t.name === 'publish_config');
    expect(publish?.outputSchema?.anyOf).toEqual([
      { required: expect.arrayContaining(['artifact_id', 'status']) },
      { required: ['error'] },
    ]);
  });
});

describe('workflow through the tools', () => {
  it('browses, drafts, validates, publishes, verifies, diffs and reads history', async () => {
    expect(await ok('initialize_keys')).toMatchObject({ created: true });
    expect(await ok('initialize_keys')).toMatchObject({ created: false });

    const list = await ok('list_available_servers', { search: 'memory' });
    expect((list.servers as Array<{ id: string }>).map((s) => s.id)).toContain('memory');
    const described = await ok('describe_server', { server_id: 'filesystem' });
    expect(described).toMatchObject({
      server: { id: 'filesystem' },
      usage: { cli: expect.stringContaining('draft add filesystem') },
    });

    expect(await ok('view_draft_config')).toMatchObject({
      server_count: 0,
      client_id: 'claude-desktop',
      profile_id: 'default',
    });
    expect(await ok('add_server_to_config', { server_id: 'memory' })).toMatchObject({
      added: 'memory',
      server_count: 1,
    });
    await ok('add_server_to_config', { server_id: 'filesystem', params: { path: temp.root } });
    await ok('add_custom_server_to_config', { name: 'docs', url: 'https://example.com/mcp' });
    expect(await ok('remove_server_from_config', { name: 'docs' })).toMatchObject({
      removed: 'docs',
      server_count: 2,
    });

    expect(await ok('validate_config')).toMatchObject({ valid: true, errors: [], server_count: 2 });
    const published = await ok('publish_config', { changelog: 'memory and filesystem' });
    expect(published).toMatchObject({ status: 'published', server_count: 2, parent_artifact_id: null });
    const first = published.artifact_id as string;
    await fails('publish_config', { changelog: 'again' }, 'NO_CHANGES');

    expect(await ok('get_config')).toMatchObject({
      artifact_id: first,
      payload: { mcpServers: { memory: {} } },
    });
    expect(await ok('verify_config')).toMatchObject({ valid: true, artifact_id: first });
    expect(await ok('list_profiles')).toMatchObject({
      profiles: [{ profile_id: 'default', head: first, has_draft: true }],
    });

    await ok('remove_server_from_config', { name: 'memory' });
    const second = (await ok('publish_config', { changelog: 'drop memory' })).artifact_id as string;
    const history = await ok('get_history');
    expect(history).toMatchObject({ total: 2, entries: [{ artifact_id: second }, { artifact_id: first }] });
    const diff = await ok('diff_config', { artifact_id: first.slice(7, 19) });
    // `added` = in the head only, `removed` = in the other config only.
    expect(diff).toMatchObject({
      status: 'diverged',
      summary: { removed: 1 },
      changes: [{ server: 'memory', change: 'removed' }],
    });
    expect(await ok('diff_config', { payload: { mcpServers: {} } })).toMatchObject({
      status: 'outdated',
      summary: { added: 1 },
    });

    expect(await ok('clear_draft_config')).toMatchObject({ cleared: true });
    expect(await ok('view_draft_config')).toMatchObject({ server_count: 0 });
  });

  it('reports an invalid draft as a result, not a failure', async () => {
    const result = await ok('validate_config', { payload: { mcpServers: { broken: { args: ['x'] } } } });
    expect(result.valid).toBe(false);
    expect((result.errors as unknown[]).length).toBeGreaterThan(0);
  });
});

describe('managed servers', () => {
  it('keeps hand-added servers; prune needs yes: true', async () => {
    const file = join(temp.root, 'claude_desktop_config.json');
    writeFileSync(file, '{\n  "mcpServers": {\n    "mine": { "command": "node" }\n  }\n}\n');
    await ok('initialize_keys');
    await ok('add_server_to_config', { server_id: 'memory' });
    await ok('publish_config', { changelog: 'memory' });
    const deployed = await ok('deploy_config', { path: file });
    expect(deployed.servers).toEqual([
      { name: 'mine', action: 'kept' },
      { name: 'memory', action: 'added' },
    ]);
    const refused = await fails('deploy_config', { path: file, prune: true }, 'INVALID_INPUT');
    expect((refused.content[0] as { text: string }).text).toContain('yes');
    expect(readFileSync(file, 'utf8')).toContain('"mine"');
    const pruned = await ok('deploy_config', { path: file, prune: true, yes: true });
    expect(pruned.servers).toEqual([
      { name: 'mine', action: 'removed' },
      { name: 'memory', action: 'unchanged' },
    ]);
    expect(readFileSync(file, 'utf8')).not.toContain('"mine"');
  });
});

describe('strict input', () => {
  it('refuses unknown fields with the nearest valid one, and writes nothing', async () => {
    const file = join(temp.root, 'claude_desktop_config.json');
    const before = '{\n  "mcpServers": {}\n}\n';
    writeFileSync(file, before);
    await ok('initialize_keys');
    await ok('add_server_to_config', { server_id: 'memory' });
    await ok('publish_config', { changelog: 'memory' });

    const refused = await fails('deploy_config', { path: file, dryRun: true }, 'INVALID_INPUT');
    expect((refused.content[0] as { text: string }).text).toContain(
      'Unknown field "dryRun"; did you mean "dry_run"?',
    );
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(await ok('deploy_config', { path: file, dry_run: true })).toMatchObject({ status: 'dry-run' });
    expect(readFileSync(file, 'utf8')).toBe(before);
    await fails('list_clients', { verbose: true }, 'INVALID_INPUT');
    await fails('add_server_to_config', { server_id: 'time', param: { a: 'b' } }, 'INVALID_INPUT');
  });

  it('refuses an unknown client id with "did you mean"', async () => {
    const r = await fails(
      'add_server_to_config',
      { client_id: 'cusor', server_id: 'memory' },
      'UNKNOWN_CLIENT',
    );
    expect((r.content[0] as { text: string }).text).toContain('Did you mean "cursor"?');
    await fails('list_profiles', { client_id: 'cusor' }, 'UNKNOWN_CLIENT');
    await fails('validate_config', { client_id: 'cusor' }, 'UNKNOWN_CLIENT');
  });

  it('says additionalProperties: false in every input schema', async () => {
    const { tools } = await client.listTools();
    for (const tool of tools) expect(tool.inputSchema.additionalProperties, tool.name).toBe(false);
  });
});

describe('clients and deployments', () => {
  it('lists the servers of the client files found, with their state', async () => {
    const file = join(temp.userHome, '.config', 'Claude', 'claude_desktop_config.json');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '{"mcpServers": {"mine": {"command": "node"}}}');
    const listed = await ok('list_client_servers', { client_id: 'claude-desktop' });
    expect(listed).toEqual({
      clients: [
        expect.objectContaining({
          client_id: 'claude-desktop',
          path: file,
          scope: 'user',
          servers: [{ name: 'mine', state: 'unmanaged', managed: false, transport: 'stdio' }],
        }),
      ],
    });
    const typo = await fails('list_client_servers', { client_id: 'cusor' }, 'UNKNOWN_CLIENT');
    expect(JSON.stringify(typo.structuredContent)).toContain('cursor');
  });

  it('doctor: reports the unparsable client file and the missing key, and changes nothing', async () => {
    const file = join(temp.userHome, '.config', 'Claude', 'claude_desktop_config.json');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '{"mcpServers": ');
    const report = (await call('doctor')) as CallToolResult;
    const body = report.structuredContent as {
      ok: boolean;
      checks: Array<{ check: string; status: string }>;
    };
    expect(body.ok).toBe(false);
    expect(body.checks).toContainEqual(expect.objectContaining({ check: 'client-file', status: 'fail' }));
    expect(body.checks).toContainEqual(expect.objectContaining({ check: 'keys', status: 'warn' }));
    expect(readFileSync(file, 'utf8')).toBe('{"mcpServers": ');
    expect(existsSync(temp.home)).toBe(false);
  });

  it('lists clients, deploys to a file, reports status and drift, rolls back, imports', async () => {
    const clients = await ok('list_clients');
    expect((clients.clients as Array<{ client_id: string }>).map((c) => c.client_id)).toContain(
      'claude-desktop',
    );

    const file = join(temp.root, 'claude_desktop_config.json');
    writeFileSync(file, '{\n  "theme": "dark",\n  "mcpServers": {}\n}\n');
    await ok('initialize_keys');
    await ok('add_server_to_config', { server_id: 'memory' });
    const first = (await ok('publish_config', { changelog: 'memory' })).artifact_id;

    expect(await ok('deploy_config', { path: file, dry_run: true })).toMatchObject({
      status: 'dry-run',
      artifact_id: first,
    });
    expect(JSON.parse(readFileSync(file, 'utf8')).mcpServers).toEqual({});
    expect(await ok('deploy_config', { path: file })).toMatchObject({
      status: 'deployed',
      artifact_id: first,
    });
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written.theme).toBe('dark');
    expect(Object.keys(written.mcpServers)).toEqual(['memory']);
    expect(await ok('deploy_config', { path: file })).toMatchObject({ status: 'unchanged' });

    await ok('add_server_to_config', { server_id: 'time' });
    const second = (await ok('publish_config', { changelog: 'and time' })).artifact_id;
    await ok('deploy_config', { path: file });
    const status = await ok('deployment_status', { client_id: 'claude-desktop' });
    expect(status.entries).toEqual([expect.objectContaining({ state: 'in-sync', artifact_id: second })]);
    const deployed = JSON.parse(
      (
        (await client.readResource({ uri: 'config://claude-desktop/default/deployed' })).contents[0] as {
          text: string;
        }
      ).text,
    );
    expect(deployed).toMatchObject({
      state: 'in-sync',
      artifact_id: second,
      payload: { mcpServers: { time: {} } },
    });

    const rolled = await ok('rollback_config', { path: file });
    expect(rolled).toMatchObject({ status: 'deployed', action: 'rollback', artifact_id: first });
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).mcpServers)).toEqual(['memory']);

    // A hand-added server is not drift (deploy keeps it); a hand edit of a managed one is, and
    // importing brings both into the draft.
    const edited = JSON.parse(readFileSync(file, 'utf8'));
    edited.mcpServers.hand = { command: 'node', args: ['server.js'] };
    writeFileSync(file, JSON.stringify(edited, null, 2));
    const kept = await ok('deployment_status', { client_id: 'claude-desktop', profile_id: 'default' });
    expect(kept.entries).toEqual([expect.objectContaining({ state: 'in-sync' })]);
    edited.mcpServers.memory.args.push('--verbose');
    writeFileSync(file, JSON.stringify(edited, null, 2));
    const drifted = await ok('deployment_status', { client_id: 'claude-desktop', profile_id: 'default' });
    expect(drifted.entries).toEqual([expect.objectContaining({ state: 'drifted' })]);
    const imported = await ok('import_client_config', { path: file, profile_id: 'imported' });
    expect(imported).toMatchObject({
      profile_id: 'imported',
      imported: expect.arrayContaining(['memory', 'hand']),
    });
  });

  it('deploy and rollback failures carry their codes', async () => {
    await fails('deploy_config', { path: join(temp.root, 'x.json') }, 'PROFILE_NOT_FOUND');
    await fails('deploy_config', { client_id: 'no-such-client' }, 'UNKNOWN_CLIENT');
    await fails('rollback_config', { path: join(temp.root, 'x.json') }, 'NOT_DEPLOYED');
    await fails('import_client_config', { path: join(temp.root, 'missing.json') }, 'FILE_NOT_FOUND');
    const bad = join(temp.root, 'bad.json');
    writeFileSync(bad, '{ "mcpServers": { oops');
    await fails('import_client_config', { path: bad }, 'CLIENT_CONFIG_INVALID');
  });
});

describe('failures', () => {
  it('unknown server -> UNKNOWN_SERVER with a suggestion', async () => {
    const r = await fails('add_server_to_config', { server_id: 'filesystm' }, 'UNKNOWN_SERVER');
    expect((r.content[0] as { text: string }).text).toContain('filesystem');
    await fails('describe_server', { server_id: 'nope' }, 'UNKNOWN_SERVER');
  });

  it('bad ids, wrong types, missing fields and huge strings -> INVALID_ID / INVALID_INPUT', async () => {
    await fails('view_draft_config', { client_id: '../../etc' }, 'INVALID_ID');
    await fails('add_server_to_config', { server_id: 42 }, 'INVALID_INPUT');
    await fails('add_server_to_config', {}, 'INVALID_INPUT');
    await fails('add_server_to_config', { server_id: 'memory', params: 'path=/tmp' }, 'INVALID_INPUT');
    await fails('get_history', { limit: -1 }, 'INVALID_INPUT');
    await fails('describe_server', { server_id: 'x'.repeat(100_000) }, 'INVALID_INPUT');
    await fails('publish_config', { changelog: 'y'.repeat(20_000) }, 'INVALID_INPUT');
    const huge = { mcpServers: { big: { command: 'node', args: ['z'.repeat(11 * 1024 * 1024)] } } };
    await fails('validate_config', { payload: huge }, 'PAYLOAD_TOO_LARGE');
    const r = await fails('add_server_to_config', { server_id: 'memory', client_id: 7 }, 'INVALID_INPUT');
    expect(r.structuredContent).toMatchObject({ error: { message: expect.stringContaining('client_id') } });
  });

  it('nothing published / not in draft / keys made by the first publish', async () => {
    await fails('get_config', {}, 'PROFILE_NOT_FOUND');
    await fails('get_history', {}, 'PROFILE_NOT_FOUND');
    await fails('remove_server_from_config', { name: 'ghost' }, 'SERVER_NOT_IN_DRAFT');
    await ok('add_server_to_config', { server_id: 'memory' });
    await fails('verify_config', { artifact: { not: 'an artifact' } }, 'TAMPERED');
    await fails('diff_config', {}, 'PROFILE_NOT_FOUND');
    // The first publish creates the signing key it needs, and says so.
    expect((await ok('publish_config', { changelog: 'x' })).keys_created).toMatch(/^[0-9a-f]{16}$/);
  });

  it('keeps serving after failures, and logs them as notifications', async () => {
    await client.setLoggingLevel('debug');
    await fails('describe_server', { server_id: 'nope' }, 'UNKNOWN_SERVER');
    expect(await ok('view_draft_config')).toMatchObject({ server_count: 0 });
    await new Promise((r) => setTimeout(r, 10));
    expect(logs.some((l) => l.level === 'warning' && String(l.data).includes('UNKNOWN_SERVER'))).toBe(true);
  });
});

describe('resources', () => {
  const text = async (uri: string) => {
    const r = await client.readResource({ uri });
    const content = r.contents[0] as { text: string; mimeType: string };
    expect(content.mimeType).toBe('application/json');
    return JSON.parse(content.text);
  };

  it('lists the fixed resources and templates', async () => {
    const { resources } = await client.listResources();
    const uris = resources.map((r) => r.uri);
    expect(uris).toEqual(
      expect.arrayContaining([
        'capabilities://server',
        'capabilities://clients',
        'server://registry',
        'server://memory',
      ]),
    );
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual(
      expect.arrayContaining([
        'server://{server_id}',
        'config://{client_id}/{profile_id}/draft',
        'config://{client_id}/{profile_id}/latest',
        'config://{client_id}/{profile_id}/deployed',
      ]),
    );
  });

  it('reads capabilities, registry, one server, draft and latest', async () => {
    const caps = await text('capabilities://server');
    expect(caps.tools).toEqual(expect.arrayContaining(TOOLS));
    expect(caps.keys).toEqual({ initialized: false, key_id: null });
    expect((await text('server://registry')).count).toBeGreaterThan(10);
    expect(await text('server://memory')).toMatchObject({ id: 'memory' });
    await ok('initialize_keys');
    await ok('add_server_to_config', { server_id: 'memory' });
    expect(await text('config://claude-desktop/default/draft')).toMatchObject({ server_count: 1 });
    const { artifact_id } = await ok('publish_config', { changelog: 'memory' });
    expect(await text('config://claude-desktop/default/latest')).toMatchObject({ artifact_id });
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toContain('config://claude-desktop/default/latest');
  });

  it('fails a read with the error code, not a crash', async () => {
    await expect(client.readResource({ uri: 'server://nope' })).rejects.toThrow(/UNKNOWN_SERVER/);
    await expect(client.readResource({ uri: 'config://claude-desktop/default/latest' })).rejects.toThrow(
      /PROFILE_NOT_FOUND/,
    );
    await expect(client.readResource({ uri: 'config://BAD!/default/draft' })).rejects.toThrow(/INVALID_ID/);
  });

  it('completes server ids and profile ids', async () => {
    const servers = await client.complete({
      ref: { type: 'ref/resource', uri: 'server://{server_id}' },
      argument: { name: 'server_id', value: 'file' },
    });
    expect(servers.completion.values).toContain('filesystem');
    const profiles = await client.complete({
      ref: { type: 'ref/resource', uri: 'config://{client_id}/{profile_id}/draft' },
      argument: { name: 'profile_id', value: '' },
      context: { arguments: { client_id: 'claude-desktop' } },
    });
    expect(profiles.completion.values).toContain('default');
  });
});

describe('prompts', () => {
  it('lists and renders setup-client and review-drift', async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(expect.arrayContaining(['setup-client', 'review-drift']));
    const setup = await client.getPrompt({
      name: 'setup-client',
      arguments: { client_id: 'cursor', goal: 'read my notes' },
    });
    const setupText = (setup.messages[0]?.content as { text: string } | undefined)?.text ?? '';
    for (const tool of [
      'list_available_servers',
      'add_server_to_config',
      'validate_config',
      'publish_config',
      'deploy_config',
    ]) {
      expect(setupText).toContain(tool);
    }
    expect(setupText).toContain('cursor');
    expect(setupText).toContain('read my notes');
    // The client's existing servers are imported before anything is added.
    expect(setupText.indexOf('import_client_config')).toBeGreaterThan(0);
    expect(setupText.indexOf('import_client_config')).toBeLessThan(setupText.indexOf('add_server_to_config'));
    const drift = await client.getPrompt({ name: 'review-drift', arguments: {} });
    const driftText = (drift.messages[0]?.content as { text: string } | undefined)?.text ?? '';
    expect(driftText).toContain('diff_config');
    expect(driftText).toContain('claude-desktop');
  });
});

describe('one-shot tools on real client files', () => {
  it('disable_server, enable_server and remove_server_from_clients change the files of both clients', async () => {
    const cursor = join(temp.userHome, '.cursor', 'mcp.json');
    const codex = join(temp.userHome, '.codex', 'config.toml');
    mkdirSync(dirname(codex), { recursive: true });
    writeFileSync(codex, 'model = "o3"\n');
    const clients = ['cursor', 'codex'];
    expect((await ok('add_server_to_clients', { server_id: 'memory', clients })).keys_created).toBeTruthy();
    const cursorServers = () => Object.keys(JSON.parse(readFileSync(cursor, 'utf8')).mcpServers);

    const off = await ok('disable_server', { name: 'memory', clients });
    expect((off.clients as { how: string }[]).map((c) => c.how)).toEqual(['parked', 'switched-off']);
    expect(cursorServers()).toEqual([]);
    expect(readFileSync(codex, 'utf8')).toMatch(/\[mcp_servers\.memory\][\s\S]*enabled = false/);

    const on = await ok('enable_server', { name: 'memory', clients });
    expect((on.clients as { how: string }[]).map((c) => c.how)).toEqual(['restored', 'switched-on']);
    expect(cursorServers()).toEqual(['memory']);
    expect(readFileSync(codex, 'utf8')).not.toContain('enabled = false');

    const removed = await ok('remove_server_from_clients', { name: 'memory', clients });
    expect((removed.clients as { status: string }[]).map((c) => c.status)).toEqual(['deployed', 'deployed']);
    expect(cursorServers()).toEqual([]);
    expect(readFileSync(codex, 'utf8').trimEnd()).toBe('model = "o3"');
  });
});
