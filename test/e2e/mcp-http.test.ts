/**
 * The MCP server over Streamable HTTP as users run it: `mcp-orchestration serve` on a free port,
 * a token from `token create`, and the SDK's Client through the whole workflow: keys, add,
 * validate, publish, diff, deploy to the client's own (temporary) config file, status, rollback.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { type Served, startServe } from '../helpers/serve.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

let temp: TempHome;
let server: Served;
let url: string;
let token: string;

beforeEach(async () => {
  temp = makeTempHome('mo-mcp-http-');
  token = runCli(['token', 'create', '--name', 'e2e', '--json'], temp.env).json().token;
  server = await startServe(temp.env);
  url = server.url;
});

afterEach(async () => {
  server.child.kill('SIGTERM');
  await server.exited;
  temp.cleanup();
});

async function connect(withToken: boolean): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', url), {
    requestInit: withToken ? { headers: { Authorization: `Bearer ${token}` } } : {},
  });
  const client = new Client({ name: 'e2e-http', version: '0.0.0' });
  await client.connect(transport);
  return client;
}

describe('MCP over Streamable HTTP (serve /mcp)', () => {
  it('refuses a client without a token', async () => {
    await expect(connect(false)).rejects.toThrow();
  });

  it('runs the full workflow and writes the client config file', async () => {
    const client = await connect(true);
    const ok = async (name: string, args: Record<string, unknown> = {}) => {
      const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
      if (result.isError) throw new Error(`${name}: ${JSON.stringify(result.content)}`);
      return result.structuredContent as Record<string, any>;
    };
    const file = join(temp.userHome, '.config', 'Claude', 'claude_desktop_config.json');
    mkdirSync(join(temp.userHome, '.config', 'Claude'), { recursive: true });
    writeFileSync(file, '{\n  "globalShortcut": "Ctrl+Space"\n}\n');

    await ok('initialize_keys');
    await ok('add_server_to_config', { server_id: 'memory' });
    await ok('add_server_to_config', { server_id: 'time' });
    expect(await ok('validate_config')).toMatchObject({ valid: true, server_count: 2 });
    const first = (await ok('publish_config', { changelog: 'memory and time' })).artifact_id;
    expect(await ok('diff_config', { deployed: true })).toMatchObject({
      status: 'outdated',
      summary: { added: 2 },
    });
    expect(await ok('deploy_config')).toMatchObject({
      status: 'deployed',
      config_path: file,
      artifact_id: first,
    });
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written.globalShortcut).toBe('Ctrl+Space');
    expect(Object.keys(written.mcpServers).sort()).toEqual(['memory', 'time']);

    await ok('remove_server_from_config', { name: 'time' });
    const second = (await ok('publish_config', { changelog: 'memory only' })).artifact_id;
    await ok('deploy_config');
    expect((await ok('deployment_status', { client_id: 'claude-desktop' })).entries).toEqual([
      expect.objectContaining({ state: 'in-sync', artifact_id: second }),
    ]);
    expect(await ok('rollback_config')).toMatchObject({ action: 'rollback', artifact_id: first });
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).mcpServers).sort()).toEqual(['memory', 'time']);

    // Over HTTP a caller cannot point the server at an arbitrary file.
    const denied = await client.callTool({
      name: 'deploy_config',
      arguments: { path: join(temp.root, 'x.json') },
    });
    expect(denied).toMatchObject({ isError: true, structuredContent: { error: { code: 'INVALID_INPUT' } } });
    await client.close();
  });
});
