/**
 * The real binary as an MCP server on stdio (`mcp-orchestration mcp`), driven by the SDK's Client
 * through the whole workflow: keys, add, validate, publish, diff, deploy to a temp client file,
 * status, rollback. Also: stdout carries nothing but protocol messages.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

let temp: TempHome;
let client: Client;
let stderr: string;

beforeEach(async () => {
  temp = makeTempHome('mo-mcp-stdio-');
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp'],
    env: temp.env as Record<string, string>,
    stderr: 'pipe',
  });
  stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  client = new Client({ name: 'e2e', version: '0.0.0' });
  await client.connect(transport);
});
afterEach(async () => {
  await client.close();
  temp.cleanup();
});

async function ok(name: string, args: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  if (result.isError) throw new Error(`${name}: ${JSON.stringify(result.content)}`);
  return result.structuredContent as Record<string, any>;
}

describe('mcp-orchestration mcp (stdio)', () => {
  it('runs the full workflow against a temp client file', async () => {
    expect(client.getServerVersion()).toMatchObject({ name: 'mcp-orchestration' });
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(27);
    expect(tools.map((t) => t.name)).toContain('list_client_servers');
    expect(tools.find((t) => t.name === 'doctor')?.annotations?.readOnlyHint).toBe(true);

    const file = join(temp.root, 'claude_desktop_config.json');
    writeFileSync(file, '{\n  "globalShortcut": "Ctrl+Space",\n  "mcpServers": {}\n}\n');

    expect(await ok('initialize_keys')).toMatchObject({ created: true });
    expect(await ok('add_server_to_config', { server_id: 'memory' })).toMatchObject({ added: 'memory' });
    expect(
      await ok('add_server_to_config', { server_id: 'filesystem', params: { path: temp.root } }),
    ).toMatchObject({
      server_count: 2,
    });
    expect(await ok('validate_config')).toMatchObject({ valid: true });
    const first = (await ok('publish_config', { changelog: 'memory and filesystem' })).artifact_id as string;

    const before = await ok('diff_config', { deployed: true, path: file });
    expect(before).toMatchObject({ summary: { added: 2 } });

    expect(await ok('deploy_config', { path: file })).toMatchObject({
      status: 'deployed',
      artifact_id: first,
    });
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written.globalShortcut).toBe('Ctrl+Space');
    expect(Object.keys(written.mcpServers).sort()).toEqual(['filesystem', 'memory']);
    expect(await ok('diff_config', { deployed: true, path: file })).toMatchObject({ status: 'up-to-date' });

    await ok('remove_server_from_config', { name: 'filesystem' });
    const second = (await ok('publish_config', { changelog: 'memory only' })).artifact_id as string;
    await ok('deploy_config', { path: file });
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).mcpServers)).toEqual(['memory']);

    const status = await ok('deployment_status', { client_id: 'claude-desktop' });
    expect(status.entries).toEqual([expect.objectContaining({ state: 'in-sync', artifact_id: second })]);

    expect(await ok('rollback_config', { path: file })).toMatchObject({
      action: 'rollback',
      artifact_id: first,
    });
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).mcpServers).sort()).toEqual([
      'filesystem',
      'memory',
    ]);
    const after = await ok('deployment_status', { client_id: 'claude-desktop' });
    expect(after.entries).toEqual([expect.objectContaining({ state: 'in-sync', artifact_id: first })]);

    const failed = await client.callTool({
      name: 'add_server_to_config',
      arguments: { server_id: 'no-such-server' },
    });
    expect(failed).toMatchObject({ isError: true, structuredContent: { error: { code: 'UNKNOWN_SERVER' } } });
    // stderr arrives on its own pipe, a moment after the response.
    await vi.waitFor(() => expect(stderr).toContain('UNKNOWN_SERVER'));
  });

  it('reads resources and prompts', async () => {
    const caps = await client.readResource({ uri: 'capabilities://server' });
    expect(JSON.parse((caps.contents[0] as { text: string }).text)).toMatchObject({
      name: 'mcp-orchestration',
      home: temp.home,
    });
    const prompt = await client.getPrompt({
      name: 'setup-client',
      arguments: { client_id: 'claude-desktop' },
    });
    expect(JSON.stringify(prompt.messages)).toContain('deploy_config');
  });
});

describe('stdout discipline', () => {
  it('writes only JSON-RPC messages to stdout, logs to stderr, and exits when stdin closes', () => {
    const lines = [
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'raw', version: '1' },
        },
      },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      {
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'describe_server', arguments: { server_id: 'nope' } },
      },
      {
        jsonrpc: '2.0',
        id: 3,
        method: 'tools/call',
        params: { name: 'view_draft_config', arguments: { client_id: 12 } },
      },
    ];
    const res = spawnSync(process.execPath, [CLI, 'mcp'], {
      env: temp.env,
      input: `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(res.status).toBe(0);
    const out = res.stdout.trim().split('\n');
    for (const line of out) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    const byId = new Map(
      out
        .map((l) => JSON.parse(l))
        .filter((m) => m.id !== undefined)
        .map((m) => [m.id, m]),
    );
    expect(byId.get(2)?.result).toMatchObject({
      isError: true,
      structuredContent: { error: { code: 'UNKNOWN_SERVER' } },
    });
    expect(byId.get(3)?.result).toMatchObject({
      isError: true,
      structuredContent: { error: { code: 'INVALID_INPUT' } },
    });
    expect(res.stderr).toContain('UNKNOWN_SERVER');
  });
});
