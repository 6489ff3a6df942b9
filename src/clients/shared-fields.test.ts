/**
 * The richer neutral model (issue #12): `disabled`, `tools.include` / `tools.exclude` and
 * `timeout`, mapped to each client that has them; a restriction is never dropped silently.
 */
import { describe, expect, it } from 'vitest';
import { type Payload, PayloadSchema } from '../core/schemas/payload.js';
import { readNeutralServers } from '../workflows/deploy.js';
import { validatePayload } from '../workflows/validate.js';
import {
  getAdapter,
  keepClientSettings,
  managedPart,
  readClientServers,
  translateForClient,
  writeClientServers,
} from './index.js';

const opts = { env: {}, platform: 'linux' as const };
const json = (root: unknown) => `${JSON.stringify(root, null, 2)}\n`;

/** Import a client file and deploy it back to the same client: the bytes must not change. */
function roundTrip(id: string, text: string): string {
  const adapter = getAdapter(id);
  const { payload, warnings } = readNeutralServers(adapter, Buffer.from(text));
  expect(warnings).toEqual([]);
  const { servers } = translateForClient(adapter, payload, opts);
  const existing = readClientServers(text, adapter);
  const merged = Object.fromEntries(
    Object.entries(servers).map(([name, entry]) => [
      name,
      keepClientSettings(adapter, existing[name], entry),
    ]),
  );
  return writeClientServers(text, adapter, merged);
}

const restricted: Payload = {
  mcpServers: {
    off: { command: 'srv', disabled: true },
    some: { type: 'http', url: 'https://h/mcp', tools: { include: ['ping'], exclude: ['rm'] } },
  },
};

describe('the schema and validation accept the shared fields', () => {
  it('parses disabled, tools and timeout on both transports', () => {
    expect(PayloadSchema.parse(restricted)).toEqual(restricted);
    expect(PayloadSchema.safeParse({ mcpServers: { a: { command: 'x', timeout: -1 } } }).success).toBe(false);
  });

  it('validate checks their types', () => {
    expect(
      validatePayload({ mcpServers: { a: { command: 'x', disabled: true, timeout: 5000 } } }).valid,
    ).toBe(true);
    const bad = validatePayload({
      mcpServers: { a: { command: 'x', disabled: 'yes', tools: { only: ['p'] }, timeout: 1.5 } },
    });
    expect(bad.errors.map((e) => e.path)).toEqual([
      '/mcpServers/a/disabled',
      '/mcpServers/a/tools',
      '/mcpServers/a/timeout',
    ]);
  });
});

describe('each client maps what it has', () => {
  it('Gemini CLI: includeTools, excludeTools, timeout in ms, read and written back byte for byte', () => {
    const text = json({
      mcpServers: {
        s: { command: 'srv', includeTools: ['a'], excludeTools: ['b'], timeout: 30000 },
        h: { url: 'https://h/mcp', type: 'http', excludeTools: ['rm'] },
      },
    });
    const { payload } = readNeutralServers(getAdapter('gemini-cli'), Buffer.from(text));
    expect(payload.mcpServers.s).toEqual({
      command: 'srv',
      tools: { include: ['a'], exclude: ['b'] },
      timeout: 30000,
    });
    expect(roundTrip('gemini-cli', text)).toBe(text);
    const qwen = json({ mcpServers: { s: { command: 'srv', excludeTools: ['b'], timeout: 100 } } });
    expect(roundTrip('qwen-code', qwen)).toBe(qwen);
  });

  it('Codex: enabled = false, enabled_tools, disabled_tools', () => {
    const toml =
      '[mcp_servers.s]\ncommand = "srv"\nenabled = false\nenabled_tools = ["a"]\ndisabled_tools = ["b"]\n';
    const { payload } = readNeutralServers(getAdapter('codex'), Buffer.from(toml));
    expect(payload.mcpServers.s).toEqual({
      command: 'srv',
      disabled: true,
      tools: { include: ['a'], exclude: ['b'] },
    });
    expect(roundTrip('codex', toml)).toBe(toml);
  });

  it('Cline, Roo, Kilo Code, Windsurf, Kiro, Droid: disabled: true; Kiro disabledTools; Cline timeout in s', () => {
    for (const id of ['cline', 'roo-code', 'kilo-code', 'windsurf', 'kiro', 'factory-droid']) {
      expect(
        (getAdapter(id).toClient('s', { command: 'srv', disabled: true }) as Record<string, unknown>)
          .disabled,
      ).toBe(true);
    }
    expect(getAdapter('kiro').toClient('s', { command: 'srv', tools: { exclude: ['rm'] } })).toEqual({
      command: 'srv',
      disabledTools: ['rm'],
    });
    expect(getAdapter('cline').toClient('s', { command: 'srv', timeout: 60000 })).toMatchObject({
      timeout: 60,
    });
    expect(getAdapter('cline').fromClient('s', { command: 'srv', timeout: 60 })).toEqual({
      command: 'srv',
      timeout: 60000,
    });
  });

  it('Factory Droid: its own `"disabled": false` is kept as it is and is no drift', () => {
    const droid = getAdapter('factory-droid');
    const text = json({
      mcpServers: { s: { type: 'stdio', command: 'node', args: ['x'], disabled: false } },
    });
    expect(roundTrip('factory-droid', text)).toBe(text);
    expect(managedPart(droid, JSON.parse(text).mcpServers.s)).toEqual(
      managedPart(droid, droid.toClient('s', { command: 'node', args: ['x'] })),
    );
  });

  it('OpenCode and Kilo CLI: enabled: false (V2 disabled: true is read too)', () => {
    for (const id of ['opencode', 'kilo-cli']) {
      const adapter = getAdapter(id);
      expect(adapter.toClient('s', { command: 'srv', disabled: true })).toEqual({
        type: 'local',
        command: ['srv'],
        enabled: false,
      });
      expect(adapter.fromClient('s', { type: 'remote', url: 'https://h', disabled: true })).toEqual({
        type: 'http',
        url: 'https://h',
        disabled: true,
      });
    }
    const text = json({ mcp: { s: { type: 'local', command: ['srv'], enabled: false } } });
    expect(roundTrip('opencode', text)).toBe(text);
  });

  it('Copilot CLI: tools.include is `tools`, no filter is ["*"]', () => {
    const copilot = getAdapter('github-copilot-cli');
    expect(copilot.toClient('s', { command: 'srv', tools: { include: [] } })).toEqual({
      type: 'local',
      command: 'srv',
      tools: [],
    });
    expect(copilot.fromClient('s', { type: 'local', command: 'srv', tools: [] })).toEqual({
      command: 'srv',
      tools: { include: [] },
    });
  });
});

describe('a restriction is never dropped silently', () => {
  it('UNSUPPORTED_RESTRICTION names every server and field a client cannot express', () => {
    expect(() => translateForClient(getAdapter('claude-code'), restricted, opts)).toThrow(
      expect.objectContaining({
        code: 'UNSUPPORTED_RESTRICTION',
        details: expect.objectContaining({
          servers: [
            { server: 'off', fields: ['disabled'] },
            { server: 'some', fields: ['tools.include', 'tools.exclude'] },
          ],
        }),
      }),
    );
    // Copilot limits tools but cannot exclude them.
    expect(() => translateForClient(getAdapter('github-copilot-cli'), restricted, opts)).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_RESTRICTION' }),
    );
  });

  it('with widening allowed the server is written without it, and warned', () => {
    const { servers, warnings } = translateForClient(getAdapter('claude-code'), restricted, {
      ...opts,
      allowWidening: true,
    });
    expect(servers.off).toEqual({ type: 'stdio', command: 'srv' });
    expect(warnings.map((w) => [w.code, w.server])).toEqual([
      ['UNSUPPORTED_FIELD', 'off'],
      ['UNSUPPORTED_FIELD', 'some'],
    ]);
  });

  it('a timeout a client cannot express is only a warning', () => {
    const { servers, warnings } = translateForClient(
      getAdapter('claude-code'),
      { mcpServers: { t: { command: 'srv', timeout: 5000 } } },
      opts,
    );
    expect(servers.t).toEqual({ type: 'stdio', command: 'srv' });
    expect(warnings).toEqual([expect.objectContaining({ code: 'UNSUPPORTED_FIELD', server: 't' })]);
  });

  it('a bridged remote server keeps its restrictions (Codex runs SSE through mcp-remote)', () => {
    const { servers } = translateForClient(
      getAdapter('codex'),
      {
        mcpServers: { s: { type: 'sse', url: 'https://h/sse', disabled: true, tools: { exclude: ['rm'] } } },
      },
      opts,
    );
    expect(servers.s).toMatchObject({ command: 'npx', enabled: false, disabled_tools: ['rm'] });
  });
});
