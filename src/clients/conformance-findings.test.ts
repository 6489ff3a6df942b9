/**
 * What `npm run test:clients` (test/clients/) found with the clients' own programs, frozen as unit
 * tests: the exact files the clients wrote, read and written back byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { readNeutralServers } from '../workflows/deploy.js';
import {
  getAdapter,
  keepClientSettings,
  type PathContext,
  translateForClient,
  writeClientServers,
} from './index.js';

const file = (root: unknown) => `${JSON.stringify(root, null, 2)}\n`;

describe('MCPorter (mcporter 0.12.3)', () => {
  const mcporter = getAdapter('mcporter');
  const withXdg: PathContext = {
    platform: 'linux',
    env: { XDG_CONFIG_HOME: '/home/ana/.config' },
    homedir: '/home/ana',
    cwd: '/home/ana/app',
  };
  const withoutXdg: PathContext = { ...withXdg, env: {} };

  it('uses $XDG_CONFIG_HOME/mcporter when XDG_CONFIG_HOME is set, ~/.mcporter otherwise', () => {
    expect(mcporter.configPath(withXdg)).toBe('/home/ana/.config/mcporter/mcporter.json');
    expect(mcporter.configPath(withoutXdg)).toBe('/home/ana/.mcporter/mcporter.json');
    expect(mcporter.candidatePaths(withXdg)).toEqual([
      '/home/ana/.config/mcporter/mcporter.json',
      '/home/ana/.config/mcporter/mcporter.jsonc',
      '/home/ana/.mcporter/mcporter.json',
      '/home/ana/.mcporter/mcporter.jsonc',
    ]);
  });

  // Written by `mcporter config add NAME --url URL [--header K=V]` and `--transport sse`.
  const own = file({
    mcpServers: {
      'rt-stdio': { command: 'node', args: ['/opt/rt/server.js', '--rt'], env: { RT_KEY: 'rt-value' } },
      'rt-http': { baseUrl: 'http://127.0.0.1:9/mcp', headers: { 'X-Rt': 'rt-header' } },
      'rt-sse': { baseUrl: 'http://127.0.0.1:9/sse' },
    },
  });

  it('reads baseUrl (and url, serverUrl, ...) and takes a /sse path as SSE', () => {
    const { payload } = readNeutralServers(mcporter, Buffer.from(own));
    expect(payload.mcpServers['rt-http']).toEqual({
      type: 'http',
      url: 'http://127.0.0.1:9/mcp',
      headers: { 'X-Rt': 'rt-header' },
    });
    expect(payload.mcpServers['rt-sse']).toEqual({ type: 'sse', url: 'http://127.0.0.1:9/sse' });
    expect(mcporter.fromClient('u', { url: 'https://h/mcp' })).toEqual({
      type: 'http',
      url: 'https://h/mcp',
    });
    expect(mcporter.fromClient('s', { server_url: 'https://h/sse/?x=1' })).toMatchObject({ type: 'sse' });
    expect(() => mcporter.fromClient('x', { headers: {} })).toThrow(
      expect.objectContaining({ code: 'CLIENT_CONFIG_INVALID' }),
    );
  });

  it("writes SSE natively (no mcp-remote bridge) and rewrites MCPorter's own entries byte for byte", () => {
    const { payload } = readNeutralServers(mcporter, Buffer.from(own));
    const { servers, warnings } = translateForClient(mcporter, payload, { env: {}, platform: 'linux' });
    expect(warnings).toEqual([]);
    expect(servers['rt-sse']).toEqual({ baseUrl: 'http://127.0.0.1:9/sse' });
    expect(writeClientServers(own, mcporter, servers)).toBe(own);
  });
});

describe('Cline CLI (cline 3.0.65)', () => {
  const cline = getAdapter('cline-cli');
  // Written by `cline mcp add --yes NAME -- CMD ARGS`, `--transport http --header`, `--transport sse`.
  const own = file({
    mcpServers: {
      'rt-stdio': { transport: { type: 'stdio', command: 'node', args: ['/opt/rt/server.js', '--rt'] } },
      'rt-http': {
        transport: {
          type: 'streamableHttp',
          url: 'http://127.0.0.1:9/mcp',
          headers: { 'X-Rt': 'rt-header' },
        },
      },
      'rt-sse': { transport: { type: 'sse', url: 'http://127.0.0.1:9/sse' }, disabled: false },
    },
  });

  it('reads the nested `transport` entries its own `mcp add` writes', () => {
    const { payload, skipped } = readNeutralServers(cline, Buffer.from(own));
    expect(skipped).toEqual([]);
    expect(payload.mcpServers).toEqual({
      'rt-stdio': { command: 'node', args: ['/opt/rt/server.js', '--rt'] },
      'rt-http': { type: 'http', url: 'http://127.0.0.1:9/mcp', headers: { 'X-Rt': 'rt-header' } },
      'rt-sse': { type: 'sse', url: 'http://127.0.0.1:9/sse' },
    });
  });

  it('writes them back byte for byte, keeping `disabled`', () => {
    const { payload } = readNeutralServers(cline, Buffer.from(own));
    const { servers } = translateForClient(cline, payload, { env: {}, platform: 'linux' });
    const existing = JSON.parse(own).mcpServers;
    const merged = Object.fromEntries(
      Object.entries(servers).map(([name, entry]) => [
        name,
        keepClientSettings(cline, existing[name], entry),
      ]),
    );
    expect(writeClientServers(own, cline, merged)).toBe(own);
  });

  it("still reads the extension's flat shape (a URL without type is SSE), and replaces it on deploy", () => {
    expect(cline.fromClient('a', { url: 'https://h/x' })).toEqual({ type: 'sse', url: 'https://h/x' });
    expect(cline.fromClient('b', { type: 'streamableHttp', url: 'https://h/mcp' })).toEqual({
      type: 'http',
      url: 'https://h/mcp',
    });
    expect(cline.fromClient('c', { command: 'uvx', args: ['x'], disabled: true })).toEqual({
      command: 'uvx',
      args: ['x'],
      disabled: true,
    });
    expect(() => cline.fromClient('d', { transport: { type: 'ws', url: 'x' } })).toThrow(
      expect.objectContaining({ code: 'CLIENT_CONFIG_INVALID' }),
    );
    const next = cline.toClient('c', { command: 'uvx', args: ['y'], disabled: true });
    expect(
      keepClientSettings(cline, { command: 'uvx', args: ['x'], disabled: true, autoApprove: [] }, next),
    ).toEqual({
      transport: { type: 'stdio', command: 'uvx', args: ['y'] },
      disabled: true,
      autoApprove: [],
    });
  });
});
