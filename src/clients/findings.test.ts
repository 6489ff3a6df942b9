/**
 * Issue #12: what the clients' own programs showed. One test per finding, on the adapters and on
 * the import path (`readNeutralServers`) that `import`, drift and diff share.
 */
import { describe, expect, it } from 'vitest';
import type { Payload } from '../core/schemas/payload.js';
import { readNeutralServers } from '../workflows/deploy.js';
import {
  getAdapter,
  keepClientSettings,
  type PathContext,
  readClientServers,
  translateForClient,
  writeClientServers,
} from './index.js';

const linux: PathContext = { platform: 'linux', env: {}, homedir: '/home/ana', cwd: '/home/ana/app' };
const file = (root: unknown) => Buffer.from(`${JSON.stringify(root, null, 2)}\n`, 'utf8');
const ENV = { TOKEN: 'secret-value' };

describe('Gemini CLI reads and writes `type`', () => {
  const gemini = getAdapter('gemini-cli');

  it('reads type http/sse, httpUrl as http, a bare url as SSE', () => {
    expect(gemini.fromClient('a', { url: 'http://h/mcp', type: 'http' })).toEqual({
      type: 'http',
      url: 'http://h/mcp',
    });
    expect(gemini.fromClient('b', { url: 'http://h/sse', type: 'sse' })).toEqual({
      type: 'sse',
      url: 'http://h/sse',
    });
    expect(gemini.fromClient('c', { httpUrl: 'http://h/mcp' })).toEqual({
      type: 'http',
      url: 'http://h/mcp',
    });
    expect(gemini.fromClient('d', { url: 'http://h/sse' })).toEqual({ type: 'sse', url: 'http://h/sse' });
    expect(() => gemini.fromClient('e', { url: 'http://h', type: 'ws' })).toThrow(
      expect.objectContaining({ code: 'CLIENT_CONFIG_INVALID' }),
    );
  });

  it('writes url + type for both remote transports, never httpUrl', () => {
    expect(gemini.toClient('a', { type: 'http', url: 'http://h/mcp' })).toEqual({
      url: 'http://h/mcp',
      type: 'http',
    });
    expect(gemini.toClient('b', { type: 'sse', url: 'http://h/sse' })).toEqual({
      url: 'http://h/sse',
      type: 'sse',
    });
  });

  it("rewriting Gemini's own entries keeps their type (and `gemini mcp add -t http` stays http)", () => {
    const before = file({
      mcpServers: { h: { url: 'http://h/mcp', type: 'http' }, s: { url: 'http://h/sse', type: 'sse' } },
    });
    const { payload } = readNeutralServers(gemini, before);
    const { servers } = translateForClient(gemini, payload, { env: {}, platform: 'linux' });
    expect(writeClientServers(before.toString('utf8'), gemini, servers)).toBe(before.toString('utf8'));
    // Carried on to Claude Code, the http server stays http.
    const claude = translateForClient(getAdapter('claude-code'), payload, { env: {}, platform: 'linux' });
    expect(claude.servers.h).toEqual({ type: 'http', url: 'http://h/mcp' });
  });
});

describe('the CLI files of Cline and Kilo', () => {
  it("cline-cli writes ~/.cline/data/settings/cline_mcp_settings.json in the CLI's nested shape", () => {
    const adapter = getAdapter('cline-cli');
    expect(adapter.configPath(linux)).toBe('/home/ana/.cline/data/settings/cline_mcp_settings.json');
    expect(adapter.configPath({ ...linux, env: { CLINE_DIR: '/opt/cline' } })).toBe(
      '/opt/cline/data/settings/cline_mcp_settings.json',
    );
    // A relative CLINE_DIR is not a place the CLI would use either: the default stays.
    expect(adapter.configPath({ ...linux, env: { CLINE_DIR: 'rel' } })).toBe(
      '/home/ana/.cline/data/settings/cline_mcp_settings.json',
    );
    expect(adapter.toClient('r', { type: 'http', url: 'http://h/mcp' })).toEqual({
      transport: { type: 'streamableHttp', url: 'http://h/mcp' },
    });
  });

  it('kilo-cli writes ~/.config/kilo/kilo.jsonc in OpenCode shape, and reads kilo.json too', () => {
    const adapter = getAdapter('kilo-cli');
    expect(adapter.configPath(linux)).toBe('/home/ana/.config/kilo/kilo.jsonc');
    expect(adapter.candidatePaths(linux)).toContain('/home/ana/.config/kilo/kilo.json');
    expect(adapter.toClient('l', { command: 'npx', args: ['x'] })).toEqual({
      type: 'local',
      command: ['npx', 'x'],
    });
    const { payload } = readNeutralServers(
      adapter,
      file({ mcp: { l: { type: 'local', command: ['node', 's.js'] } } }),
    );
    expect(payload.mcpServers).toEqual({ l: { command: 'node', args: ['s.js'] } });
  });
});

describe('capabilities', () => {
  it('Factory Droid runs SSE natively and keeps its own SSE entries', () => {
    const droid = getAdapter('factory-droid');
    const payload: Payload = { mcpServers: { s: { type: 'sse', url: 'http://h/sse' } } };
    const { servers, warnings } = translateForClient(droid, payload, { env: {}, platform: 'linux' });
    expect(servers.s).toEqual({ type: 'sse', url: 'http://h/sse' });
    expect(warnings).toEqual([]);
    expect(readNeutralServers(droid, file({ mcpServers: servers })).payload).toEqual(payload);
  });

  it.each(['factory-droid', 'amp', 'mcporter'])('%s gets ${VAR} references, never the secret', (id) => {
    const payload: Payload = {
      mcpServers: {
        s: { command: 'srv', env: { API_KEY: '${env:TOKEN}' } },
        r: { type: 'http', url: 'http://h/mcp', headers: { Authorization: 'Bearer ${env:TOKEN}' } },
      },
    };
    const { servers, warnings } = translateForClient(getAdapter(id), payload, {
      env: ENV,
      platform: 'linux',
    });
    expect(JSON.stringify(servers)).not.toContain('secret-value');
    expect(JSON.stringify(servers)).toContain('${TOKEN}');
    expect(warnings.map((w) => w.code)).not.toContain('SECRET_IN_PLAINTEXT');
  });

  it("Amp's project file is .amp/settings.json", () => {
    expect(getAdapter('amp').configPath(linux, 'project')).toBe('/home/ana/app/.amp/settings.json');
  });
});

describe("import turns the client's own variable syntax into ${env:NAME}", () => {
  it.each([
    ['claude-code', { mcpServers: { s: { type: 'stdio', command: 'x', env: { K: '${IMP_TOKEN}' } } } }],
    ['gemini-cli', { mcpServers: { s: { command: 'x', env: { K: '${IMP_TOKEN}' } } } }],
    ['opencode', { mcp: { s: { type: 'local', command: ['x'], environment: { K: '{env:IMP_TOKEN}' } } } }],
    ['vscode', { servers: { s: { type: 'stdio', command: 'x', env: { K: '${env:IMP_TOKEN}' } } } }],
  ])('%s', (id, root) => {
    const { payload } = readNeutralServers(getAdapter(id), file(root));
    expect(payload.mcpServers.s).toEqual({ command: 'x', env: { K: '${env:IMP_TOKEN}' } });
    // Deployed elsewhere, the server never receives a literal `${IMP_TOKEN}`.
    const oc = translateForClient(getAdapter('opencode'), payload, { env: {}, platform: 'linux' });
    expect(oc.servers.s).toEqual({ type: 'local', command: ['x'], environment: { K: '{env:IMP_TOKEN}' } });
  });

  it("keeps VS Code's ${input:...} and says it is VS Code's own", () => {
    const { payload, warnings } = readNeutralServers(
      getAdapter('vscode'),
      file({
        servers: { s: { type: 'http', url: 'http://h', headers: { Authorization: 'Bearer ${input:tok}' } } },
      }),
    );
    expect(payload.mcpServers.s).toEqual({
      type: 'http',
      url: 'http://h',
      headers: { Authorization: 'Bearer ${input:tok}' },
    });
    expect(warnings).toEqual([expect.objectContaining({ code: 'UNSUPPORTED_FIELD', server: 's' })]);
  });

  it('leaves `$` text that is not a reference alone', () => {
    const { payload } = readNeutralServers(
      getAdapter('opencode'),
      file({ mcp: { s: { type: 'local', command: ['echo', '${env:A}', 'cost $5'] } } }),
    );
    expect(payload.mcpServers.s).toEqual({ command: 'echo', args: ['${env:A}', 'cost $5'] });
  });
});

describe('fields the neutral model cannot carry are never lost silently', () => {
  it('OpenCode enabled: false is imported as disabled, and never reaches a client that would run it', () => {
    const root = { mcp: { s: { type: 'local', command: ['x'], enabled: false } } };
    const { payload, warnings } = readNeutralServers(getAdapter('opencode'), file(root));
    expect(warnings).toEqual([]);
    expect(payload.mcpServers.s).toEqual({ command: 'x', disabled: true });
    expect(() =>
      translateForClient(getAdapter('claude-code'), payload, { env: {}, platform: 'linux' }),
    ).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_RESTRICTION' }));
  });

  it('Codex bearer_token_env_var and env_http_headers: imported as ${env:NAME} headers, written back byte for byte', () => {
    const codex = getAdapter('codex');
    const toml =
      '[mcp_servers.r]\nurl = "http://h/mcp"\nbearer_token_env_var = "TOKEN"\nenv_http_headers = { X-Org = "ORG" }\n';
    const { payload, warnings } = readNeutralServers(codex, Buffer.from(toml));
    expect(warnings).toEqual([]);
    expect(payload.mcpServers.r).toEqual({
      type: 'http',
      url: 'http://h/mcp',
      headers: { Authorization: 'Bearer ${env:TOKEN}', 'X-Org': '${env:ORG}' },
    });
    // Codex reads them from its environment: nothing is resolved, nothing secret enters the file.
    const { servers } = translateForClient(codex, payload, {
      env: { TOKEN: 'secret-1', ORG: 'o' },
      platform: 'linux',
    });
    expect(JSON.stringify(servers)).not.toContain('secret-1');
    const existing = readClientServers(toml, codex);
    const written = { r: keepClientSettings(codex, existing.r, servers.r) };
    expect(writeClientServers(toml, codex, written)).toBe(toml);
    // Carried to a client that expands variables, the references stay references.
    const claude = translateForClient(getAdapter('claude-code'), payload, { env: {}, platform: 'linux' });
    expect(claude.servers.r).toMatchObject({
      headers: { Authorization: 'Bearer ${TOKEN}', 'X-Org': '${ORG}' },
    });
  });

  it('Codex: a literal header stays in http_headers; removing the bearer from the profile removes its key', () => {
    const codex = getAdapter('codex');
    const toml = '[mcp_servers.r]\nurl = "http://h/mcp"\nbearer_token_env_var = "TOKEN"\n';
    const payload = {
      mcpServers: { r: { type: 'http' as const, url: 'http://h/mcp', headers: { 'X-Plain': 'p' } } },
    };
    const { servers } = translateForClient(codex, payload, { env: {}, platform: 'linux' });
    const existing = readClientServers(toml, codex);
    const out = writeClientServers(toml, codex, { r: keepClientSettings(codex, existing.r, servers.r) });
    expect(out).toContain('http_headers');
    expect(out).not.toContain('bearer_token_env_var');
  });

  it('Copilot CLI tools: ["ping"] is imported as tools.include and never widened to ["*"] on deploy', () => {
    const copilot = getAdapter('github-copilot-cli');
    const before = file({ mcpServers: { p: { type: 'local', command: 'srv', tools: ['ping'] } } }).toString(
      'utf8',
    );
    const { payload, warnings } = readNeutralServers(copilot, Buffer.from(before));
    expect(warnings).toEqual([]);
    expect(payload.mcpServers.p).toEqual({ command: 'srv', tools: { include: ['ping'] } });
    const { servers } = translateForClient(copilot, payload, { env: {}, platform: 'linux' });
    const existing = readClientServers(before, copilot);
    const written = { p: keepClientSettings(copilot, existing.p, servers.p) };
    expect(written.p).toEqual({ type: 'local', command: 'srv', tools: ['ping'] });
    expect(writeClientServers(before, copilot, written)).toBe(before);
    // A server without a filter gets every tool.
    expect(copilot.toClient('q', { command: 'srv' })).toEqual({
      type: 'local',
      command: 'srv',
      tools: ['*'],
    });
  });
});
