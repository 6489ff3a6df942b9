import { describe, expect, it } from 'vitest';
import type { Payload, ServerEntry } from '../core/schemas/payload.js';
import {
  ALL_ADAPTERS,
  getAdapter,
  listAdapters,
  normalizeEntry,
  type PathContext,
  translateForClient,
} from './index.js';

const SAMPLES: Record<'stdio' | 'http' | 'sse', ServerEntry> = {
  stdio: { command: 'npx', args: ['-y', 'pkg'], env: { TOKEN: 'x' } },
  http: { type: 'http', url: 'https://example.com/mcp', headers: { Authorization: 'Bearer t' } },
  sse: { type: 'sse', url: 'https://example.com/sse' },
};

describe('registry of adapters', () => {
  it('has at least 30 unique ids, claude-desktop first', () => {
    const ids = ALL_ADAPTERS.map((a) => a.id);
    expect(ids.length).toBeGreaterThanOrEqual(30);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBe('claude-desktop');
    expect(listAdapters()).toHaveLength(ids.length);
  });

  it('UNKNOWN_CLIENT lists the known ids', () => {
    expect(() => getAdapter('nope')).toThrow(expect.objectContaining({ code: 'UNKNOWN_CLIENT' }));
    try {
      getAdapter('nope');
    } catch (err) {
      expect((err as { details: { clients: string[] } }).details.clients).toContain('vscode');
    }
  });

  it.each(ALL_ADAPTERS.map((a) => [a.id, a] as const))(
    '%s cites its docs and round-trips entries',
    (_id, adapter) => {
      expect(adapter.docs.length).toBeGreaterThan(0);
      for (const transport of adapter.transports) {
        const entry = SAMPLES[transport];
        expect(adapter.fromClient('s', adapter.toClient('s', entry))).toEqual(normalizeEntry(entry));
      }
      const minimal: ServerEntry = { command: 'node' };
      expect(adapter.fromClient('s', adapter.toClient('s', minimal))).toEqual(minimal);
      if (adapter.supportsCwd) {
        const withCwd: ServerEntry = { command: 'node', args: ['a.js'], cwd: '/srv' };
        expect(adapter.fromClient('s', adapter.toClient('s', withCwd))).toEqual(withCwd);
      }
    },
  );

  it('fromClient rejects an entry without command or url', () => {
    expect(() => getAdapter('cursor').fromClient('bad', { args: [] })).toThrow(
      expect.objectContaining({ code: 'CLIENT_CONFIG_INVALID' }),
    );
    expect(() => getAdapter('cursor').fromClient('bad', { command: 'x', args: 'nope' })).toThrow(
      expect.objectContaining({ code: 'CLIENT_CONFIG_INVALID' }),
    );
  });

  it('reads the client-specific shapes', () => {
    expect(getAdapter('zed').fromClient('z', { command: { path: 'npx', args: ['a'], env: {} } })).toEqual({
      command: 'npx',
      args: ['a'],
    });
    expect(getAdapter('gemini-cli').toClient('g', SAMPLES.http)).toEqual({
      url: 'https://example.com/mcp',
      type: 'http',
      headers: { Authorization: 'Bearer t' },
    });
    expect(getAdapter('opencode').toClient('o', SAMPLES.stdio)).toEqual({
      type: 'local',
      command: ['npx', '-y', 'pkg'],
      environment: { TOKEN: 'x' },
    });
    expect(getAdapter('goose').toClient('g', SAMPLES.sse)).toMatchObject({
      type: 'sse',
      uri: 'https://example.com/sse',
    });
    expect(getAdapter('goose').isForeign?.({ type: 'builtin', name: 'developer' })).toBe(true);
    expect(getAdapter('windsurf').toClient('w', SAMPLES.http)).toHaveProperty('serverUrl');
    expect(getAdapter('opencode').detectServersKey?.({ mcp: { servers: { a: { type: 'local' } } } })).toEqual(
      ['mcp', 'servers'],
    );
    expect(
      getAdapter('opencode').detectServersKey?.({ mcp: { servers: { type: 'local', command: ['x'] } } }),
    ).toEqual(['mcp']);
  });
});

describe('config paths', () => {
  const mac: PathContext = { platform: 'darwin', env: {}, homedir: '/Users/ana', cwd: '/Users/ana/app' };
  const linux: PathContext = { platform: 'linux', env: {}, homedir: '/home/ana', cwd: '/home/ana/app' };
  const win: PathContext = {
    platform: 'win32',
    env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' },
    homedir: 'C:\\Users\\ana',
    cwd: 'C:\\src\\app',
  };

  it('claude-desktop per OS, MSIX candidate, XDG_CONFIG_HOME', () => {
    const cd = getAdapter('claude-desktop');
    expect(cd.configPath(mac)).toBe(
      '/Users/ana/Library/Application Support/Claude/claude_desktop_config.json',
    );
    expect(cd.configPath(win)).toBe('C:\\Users\\ana\\AppData\\Roaming\\Claude\\claude_desktop_config.json');
    expect(cd.configPath(linux)).toBe('/home/ana/.config/Claude/claude_desktop_config.json');
    expect(cd.configPath({ ...linux, env: { XDG_CONFIG_HOME: '/xdg' } })).toBe(
      '/xdg/Claude/claude_desktop_config.json',
    );
    expect(cd.configPath({ ...linux, env: { XDG_CONFIG_HOME: 'relative' } })).toBe(
      '/home/ana/.config/Claude/claude_desktop_config.json',
    );
    expect(cd.candidatePaths(win)[0]).toBe(
      'C:\\Users\\ana\\AppData\\Local\\Packages\\Claude_pzs8sxrjxfjjc\\LocalCache\\Roaming\\Claude\\claude_desktop_config.json',
    );
    expect(() => cd.configPath(mac, 'project')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('honours CLAUDE_CONFIG_DIR, CODEX_HOME, COPILOT_HOME', () => {
    expect(getAdapter('claude-code').configPath(linux)).toBe('/home/ana/.claude.json');
    expect(
      getAdapter('claude-code').configPath({ ...linux, env: { CLAUDE_CONFIG_DIR: '/cfg/claude' } }),
    ).toBe('/cfg/claude/.claude.json');
    expect(getAdapter('claude-code').configPath(linux, 'project')).toBe('/home/ana/app/.mcp.json');
    expect(getAdapter('codex').configPath(win)).toBe('C:\\Users\\ana\\.codex\\config.toml');
    expect(getAdapter('codex').configPath({ ...win, env: { CODEX_HOME: 'D:\\codex' } })).toBe(
      'D:\\codex\\config.toml',
    );
    expect(
      getAdapter('github-copilot-cli').configPath({ ...mac, env: { COPILOT_HOME: '/opt/copilot' } }),
    ).toBe('/opt/copilot/mcp-config.json');
  });

  it('VS Code user folder per OS and project file; Windows without APPDATA falls back to the profile', () => {
    const vs = getAdapter('vscode');
    expect(vs.configPath(mac)).toBe('/Users/ana/Library/Application Support/Code/User/mcp.json');
    expect(vs.configPath(win)).toBe('C:\\Users\\ana\\AppData\\Roaming\\Code\\User\\mcp.json');
    expect(vs.configPath({ ...win, env: {} })).toBe('C:\\Users\\ana\\AppData\\Roaming\\Code\\User\\mcp.json');
    expect(vs.configPath(linux)).toBe('/home/ana/.config/Code/User/mcp.json');
    expect(vs.configPath(win, 'project')).toBe('C:\\src\\app\\.vscode\\mcp.json');
    expect(getAdapter('cline').configPath(linux)).toBe(
      '/home/ana/.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
    );
  });

  it('other per-OS folders', () => {
    expect(getAdapter('zed').configPath(mac)).toBe('/Users/ana/.config/zed/settings.json');
    expect(getAdapter('zed').configPath(win)).toBe('C:\\Users\\ana\\AppData\\Roaming\\Zed\\settings.json');
    expect(getAdapter('goose').configPath(win)).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\Block\\goose\\config\\config.yaml',
    );
    expect(getAdapter('crush').configPath(win)).toBe('C:\\Users\\ana\\AppData\\Local\\crush\\crush.json');
    expect(getAdapter('windsurf').configPath(win)).toBe(
      'C:\\Users\\ana\\.codeium\\windsurf\\mcp_config.json',
    );
    expect(getAdapter('antigravity').candidatePaths(linux)).toEqual([
      '/home/ana/.gemini/config/mcp_config.json',
      '/home/ana/.gemini/antigravity/mcp_config.json',
    ]);
    expect(getAdapter('opencode').candidatePaths(linux)).toEqual([
      '/home/ana/.config/opencode/opencode.jsonc',
      '/home/ana/.config/opencode/opencode.json',
    ]);
  });

  it('every adapter resolves a path for each scope on every platform', () => {
    for (const adapter of ALL_ADAPTERS) {
      for (const ctx of [mac, linux, win]) {
        for (const scope of adapter.scopes)
          expect(adapter.configPath(ctx, scope)).toMatch(/mcp|json|yaml|toml/i);
      }
    }
  });
});

describe('translateForClient', () => {
  const payload: Payload = {
    mcpServers: {
      gh: { command: 'npx', args: ['-y', 'gh'], env: { TOKEN: '${env:GH_TOKEN}' } },
      remote: { type: 'sse', url: 'https://x.example/sse', headers: { 'X-Key': '${env:KEY}' } },
    },
  };

  it('writes references in the client syntax where the client expands them', () => {
    const { servers, warnings } = translateForClient(getAdapter('vscode'), payload, {
      env: {},
      platform: 'linux',
    });
    expect(servers.gh).toMatchObject({ env: { TOKEN: '${env:GH_TOKEN}' } });
    expect(servers.remote).toMatchObject({ type: 'sse', headers: { 'X-Key': '${env:KEY}' } });
    expect(warnings).toEqual([]);
    const cc = translateForClient(getAdapter('claude-code'), payload, { env: {}, platform: 'linux' });
    expect(cc.servers.gh).toMatchObject({ env: { TOKEN: '${GH_TOKEN}' } });
  });

  it('resolves references for clients that do not expand them, and bridges remote servers', () => {
    const { servers, warnings } = translateForClient(getAdapter('claude-desktop'), payload, {
      env: { GH_TOKEN: 'ghp_1', KEY: 'k2' },
      platform: 'darwin',
    });
    expect(servers.gh).toEqual({ command: 'npx', args: ['-y', 'gh'], env: { TOKEN: 'ghp_1' } });
    expect(servers.remote).toEqual({
      command: 'npx',
      args: [
        '-y',
        'mcp-remote',
        'https://x.example/sse',
        '--header',
        'X-Key:${HEADER_X_KEY}',
        '--transport',
        'sse-only',
      ],
      // The header value travels in env: spaces survive, and the secret is not in the process list.
      env: { HEADER_X_KEY: 'k2' },
    });
    expect(warnings.map((w) => w.code).sort()).toEqual([
      'SECRET_IN_PLAINTEXT',
      'SECRET_IN_PLAINTEXT',
      'UNSUPPORTED_TRANSPORT',
    ]);
    expect(JSON.stringify(warnings)).not.toContain('ghp_1');
  });

  it('MISSING_SECRET names the variables, never a value', () => {
    try {
      translateForClient(getAdapter('codex'), payload, { env: { KEY: 'secret-value' }, platform: 'linux' });
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ code: 'MISSING_SECRET', details: { variables: ['GH_TOKEN'] } });
      expect(JSON.stringify(err)).not.toContain('secret-value');
    }
  });

  it('warns about npx on Windows, or wraps it in cmd /c', () => {
    const adapter = getAdapter('cursor');
    const env = { GH_TOKEN: 'a', KEY: 'b' };
    const warned = translateForClient(adapter, payload, { env, platform: 'win32' });
    expect(warned.warnings.filter((w) => w.code === 'WINDOWS_NPX').map((w) => w.server)).toEqual([
      'gh',
      'remote',
    ]);
    const wrapped = translateForClient(adapter, payload, { env, platform: 'win32', wrapWindowsCmd: true });
    expect(wrapped.servers.gh).toMatchObject({ command: 'cmd', args: ['/c', 'npx', '-y', 'gh'] });
    expect(wrapped.warnings.some((w) => w.code === 'WINDOWS_NPX')).toBe(false);
  });

  it('drops cwd with a warning where the client has none', () => {
    const withCwd: Payload = { mcpServers: { a: { command: 'node', cwd: '/srv' } } };
    const out = translateForClient(getAdapter('cursor'), withCwd, { env: {}, platform: 'linux' });
    expect(out.servers.a).toEqual({ command: 'node' });
    expect(out.warnings[0]?.code).toBe('UNSUPPORTED_FIELD');
    expect(
      translateForClient(getAdapter('vscode'), withCwd, { env: {}, platform: 'linux' }).servers.a,
    ).toMatchObject({
      cwd: '/srv',
    });
  });
});
