/**
 * The Streamable HTTP handler in-process: the SDK client talks to `handle(Request)` through a
 * fetch function, so sessions, errors and closing are tested without a socket.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempHome, type TempHome } from '../../test/helpers/temp-home.js';
import { Orchestrator } from '../service/index.js';
import { createMcpHttpHandler, DEFAULT_IDLE_MS, type McpHttpHandler } from './http.js';

const ENDPOINT = 'http://localhost/mcp';
let temp: TempHome;
let handler: McpHttpHandler;

beforeEach(() => {
  temp = makeTempHome('mo-mcp-http-');
  handler = createMcpHttpHandler(() => new Orchestrator({ home: temp.home, env: temp.env }), {
    logging: { stderr: null },
  });
});
afterEach(async () => {
  await handler.close();
  temp.cleanup();
});

const viaHandler = (input: string | URL | Request, init?: RequestInit) =>
  handler.handle(new Request(input, init));

async function connect(): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const transport = new StreamableHTTPClientTransport(new URL(ENDPOINT), { fetch: viaHandler });
  const client = new Client({ name: 'http-test', version: '0.0.0' });
  await client.connect(transport);
  return { client, transport };
}

const post = (body: unknown, headers: Record<string, string> = {}) =>
  handler.handle(
    new Request(ENDPOINT, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...headers,
      },
      body: JSON.stringify(body),
    }),
  );

describe('MCP over Streamable HTTP (in-process)', () => {
  it('runs a session: initialize, list tools, call tools, read a resource', async () => {
    const { client, transport } = await connect();
    expect(transport.sessionId).toMatch(/[0-9a-f-]{36}/);
    expect(handler.sessionCount).toBe(1);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('deploy_config');
    await client.callTool({ name: 'initialize_keys', arguments: {} });
    const added = await client.callTool({ name: 'add_server_to_config', arguments: { server_id: 'memory' } });
    expect(added.structuredContent).toMatchObject({ added: 'memory' });
    const failed = await client.callTool({ name: 'describe_server', arguments: { server_id: 'nope' } });
    expect(failed).toMatchObject({ isError: true, structuredContent: { error: { code: 'UNKNOWN_SERVER' } } });
    const caps = await client.readResource({ uri: 'capabilities://server' });
    expect(JSON.parse((caps.contents[0] as { text: string }).text).keys.initialized).toBe(true);
    await transport.terminateSession();
    expect(handler.sessionCount).toBe(0);
    await client.close();
  });

  it('keeps sessions apart, and close() ends them all', async () => {
    const a = await connect();
    const b = await connect();
    expect(a.transport.sessionId).not.toBe(b.transport.sessionId);
    expect(handler.sessionCount).toBe(2);
    await handler.close();
    expect(handler.sessionCount).toBe(0);
    await Promise.all([a.client.close(), b.client.close()]);
  });

  it('rejects requests without a valid session', async () => {
    const unknown = await post({ jsonrpc: '2.0', id: 1, method: 'tools/list' }, { 'mcp-session-id': 'nope' });
    expect(unknown.status).toBe(404);
    const noSession = await post({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    expect(noSession.status).toBe(400);
    expect(handler.sessionCount).toBe(0);
    const get = await handler.handle(
      new Request(ENDPOINT, { method: 'GET', headers: { accept: 'text/event-stream' } }),
    );
    expect(get.status).toBe(400);
    const garbage = await handler.handle(
      new Request(ENDPOINT, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: '{not json',
      }),
    );
    expect(garbage.status).toBe(400);
    expect(handler.sessionCount).toBe(0);
  });

  it('closes a session idle for longer than idleTimeoutMs; its id then gets 404 Session not found', async () => {
    const short = createMcpHttpHandler(() => new Orchestrator({ home: temp.home, env: temp.env }), {
      logging: { stderr: null },
      idleTimeoutMs: 200,
    });
    const transport = new StreamableHTTPClientTransport(new URL(ENDPOINT), {
      fetch: (input, init) => short.handle(new Request(input, init)),
    });
    const client = new Client({ name: 'idle', version: '0' });
    await client.connect(transport);
    const id = transport.sessionId ?? '';
    await client.listTools();
    expect(short.sessionCount).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const late = await short.handle(
      new Request(ENDPOINT, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-session-id': id,
          'mcp-protocol-version': '2025-06-18',
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }),
      }),
    );
    expect(late.status).toBe(404);
    expect(await late.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32001 } });
    expect(short.sessionCount).toBe(0);
    await short.close();
    await client.close();
  });

  it('closes idle sessions after a few minutes by default', () => {
    expect(DEFAULT_IDLE_MS).toBeLessThanOrEqual(5 * 60 * 1000);
  });

  it('refuses scope "project" (no project folder over HTTP) unless the handler has one', async () => {
    const { client } = await connect();
    await client.callTool({ name: 'initialize_keys', arguments: {} });
    for (const [name, args] of [
      ['deploy_config', { client_id: 'cursor', scope: 'project' }],
      ['import_client_config', { client_id: 'cursor', scope: 'project' }],
    ] as const) {
      const refused = await client.callTool({ name, arguments: args });
      expect(refused, name).toMatchObject({
        isError: true,
        structuredContent: { error: { code: 'INVALID_INPUT' } },
      });
      const text = JSON.stringify(refused.content);
      expect(text).toContain('scope \\"user\\"');
      expect(text).toContain('project-dir option');
    }
    await client.close();

    const folder = join(temp.root, 'project');
    mkdirSync(folder);
    const withDir = createMcpHttpHandler(
      () => new Orchestrator({ home: temp.home, env: temp.env, cwd: folder }),
      {
        logging: { stderr: null },
        projectScope: true,
      },
    );
    const other = new Client({ name: 'project', version: '0' });
    await other.connect(
      new StreamableHTTPClientTransport(new URL(ENDPOINT), {
        fetch: (input, init) => withDir.handle(new Request(input, init)),
      }),
    );
    await other.callTool({
      name: 'add_server_to_config',
      arguments: { client_id: 'cursor', server_id: 'memory' },
    });
    await other.callTool({ name: 'publish_config', arguments: { client_id: 'cursor', changelog: 'one' } });
    const deployed = await other.callTool({
      name: 'deploy_config',
      arguments: { client_id: 'cursor', scope: 'project' },
    });
    expect(deployed.isError, JSON.stringify(deployed.content)).toBeFalsy();
    expect(existsSync(join(folder, '.cursor', 'mcp.json'))).toBe(true);
    await other.close();
    await withDir.close();
  });

  it('limits open sessions', async () => {
    const small = createMcpHttpHandler(() => new Orchestrator({ home: temp.home, env: temp.env }), {
      logging: { stderr: null },
      maxSessions: 1,
    });
    const fetchSmall = (input: string | URL | Request, init?: RequestInit) =>
      small.handle(new Request(input, init));
    const first = new Client({ name: 'a', version: '0' });
    await first.connect(new StreamableHTTPClientTransport(new URL(ENDPOINT), { fetch: fetchSmall }));
    const second = new Client({ name: 'b', version: '0' });
    await expect(
      second.connect(new StreamableHTTPClientTransport(new URL(ENDPOINT), { fetch: fetchSmall })),
    ).rejects.toThrow();
    await small.close();
    await first.close();
  });
});
