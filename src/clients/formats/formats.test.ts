import { describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH } from '../../core/nesting.js';
import type { ClientAdapter } from '../adapter.js';
import { getAdapter } from '../index.js';
import { readClientServers, writeClientServers } from './index.js';

const cursor = getAdapter('cursor');
const codex = getAdapter('codex');
const goose = getAdapter('goose');
const cont = getAdapter('continue');
const vibe = getAdapter('mistral-vibe');

function errorOf(fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (err) {
    return err as Record<string, unknown>;
  }
  throw new Error('expected a failure');
}

describe('JSON / JSONC', () => {
  it('broken file -> CLIENT_CONFIG_INVALID with line, column and the parser error name', () => {
    const err = errorOf(() => writeClientServers('{\n  "mcpServers": {\n    "a": ,\n  }\n}\n', cursor, {}));
    expect(err).toMatchObject({
      code: 'CLIENT_CONFIG_INVALID',
      details: { line: 3, column: 10, error: 'ValueExpected' },
    });
    expect(errorOf(() => readClientServers('[]', cursor))).toMatchObject({ code: 'CLIENT_CONFIG_INVALID' });
    expect(errorOf(() => readClientServers('{"mcpServers": []}', cursor))).toMatchObject({
      code: 'CLIENT_CONFIG_INVALID',
    });
  });

  it('keeps BOM and CRLF, and changes nothing when the servers are equal', () => {
    const text = '\uFEFF{\r\n  "a": 1,\r\n  "mcpServers": {\r\n    "x": { "command": "old" }\r\n  }\r\n}\r\n';
    const out = writeClientServers(text, cursor, { x: { command: 'old' }, y: { command: 'new' } });
    expect(
      out.startsWith('\uFEFF{\r\n  "a": 1,\r\n  "mcpServers": {\r\n    "x": { "command": "old" },'),
    ).toBe(true);
    expect(out.replaceAll('\r\n', '')).not.toContain('\n');
    expect(readClientServers(out, cursor)).toEqual({ x: { command: 'old' }, y: { command: 'new' } });
    expect(writeClientServers(out, cursor, { y: { command: 'new' }, x: { command: 'old' } })).toBe(out);
  });

  it('creates a missing file or container, with the detected indentation', () => {
    expect(writeClientServers('', cursor, { a: { command: 'x' } })).toBe(
      '{\n  "mcpServers": {\n    "a": {\n      "command": "x"\n    }\n  }\n}\n',
    );
    expect(writeClientServers('{\n\t"theme": "dark"\n}', cursor, { a: { command: 'x' } })).toBe(
      '{\n\t"theme": "dark",\n\t"mcpServers": {\n\t\t"a": {\n\t\t\t"command": "x"\n\t\t}\n\t}\n}',
    );
    expect(writeClientServers('{"theme": "dark"}', cursor, {})).toBe('{"theme": "dark"}');
  });

  it('writes OpenCode V2 files under mcp.servers', () => {
    const oc = getAdapter('opencode');
    const v2 =
      '{\n  "mcp": {\n    "servers": {\n      "a": { "type": "local", "command": ["x"] }\n    }\n  }\n}\n';
    const out = writeClientServers(v2, oc, { b: { type: 'remote', url: 'https://b' } });
    expect(JSON.parse(out)).toEqual({ mcp: { servers: { b: { type: 'remote', url: 'https://b' } } } });
  });
});

describe('YAML', () => {
  it('broken file -> CLIENT_CONFIG_INVALID with line and column', () => {
    const err = errorOf(() => writeClientServers('extensions:\n  a: [1, 2\nother: x\n', goose, {}));
    expect(err).toMatchObject({ code: 'CLIENT_CONFIG_INVALID' });
    expect((err.details as { line: number }).line).toBeGreaterThanOrEqual(2);
  });

  it('keeps built-in Goose extensions and everything outside the container, CRLF included', () => {
    const text =
      'GOOSE_MODEL: x   # spaced comment\r\nextensions:\r\n  developer:\r\n    type: builtin\r\n    enabled: true\r\n  old:\r\n    type: stdio\r\n    cmd: a\r\n    args: []\r\n\r\nlast: true\r\n';
    const entry = goose.toClient('n', { command: 'npx' });
    const out = writeClientServers(text, goose, { n: entry });
    expect(out.startsWith('GOOSE_MODEL: x   # spaced comment\r\nextensions:\r\n  developer:\r\n')).toBe(true);
    expect(out.endsWith('\r\n\r\nlast: true\r\n')).toBe(true);
    expect(out.replaceAll('\r\n', '')).not.toContain('\n');
    expect(readClientServers(out, goose)).toEqual({ n: entry });
    expect(writeClientServers(out, goose, { n: entry })).toBe(out);
  });

  it('adds a missing list container to Continue and edits items by name', () => {
    const text = 'name: a\n# models\nmodels: []\n';
    const out = writeClientServers(text, cont, { s: { name: 's', command: 'x' } });
    expect(out).toBe('name: a\n# models\nmodels: []\nmcpServers:\n  - name: s\n    command: x\n');
    const again = writeClientServers(out, cont, { t: { name: 't', command: 'y' } });
    expect(readClientServers(again, cont)).toEqual({ t: { name: 't', command: 'y' } });
  });
});

describe('TOML', () => {
  const base = [
    '# top comment',
    'model = "o3"',
    '',
    '[other]',
    'mixed = [1, "a", 2.5, [true]]',
    'matrix = [',
    '  [1, 2]',
    ']',
    '',
    '[mcp_servers."my.server"]',
    'command = "a"',
    '',
    '[mcp_servers."my.server".env]',
    'K = "v"',
    '',
    '[mcp_servers.keep]',
    'command = "k"',
    '',
  ].join('\n');

  it('broken file -> CLIENT_CONFIG_INVALID with line and column', () => {
    const err = errorOf(() => readClientServers('a = 1\n[x]\nb = \n', codex));
    expect(err).toMatchObject({ code: 'CLIENT_CONFIG_INVALID', details: { line: 3, column: 5 } });
  });

  it('parses mixed-type arrays, reads quoted names, and edits only server tables', () => {
    expect(readClientServers(base, codex)).toEqual({
      'my.server': { command: 'a', env: { K: 'v' } },
      keep: { command: 'k' },
    });
    const out = writeClientServers(base, codex, { keep: { command: 'k' }, added: { url: 'https://x' } });
    expect(out).toBe(
      [
        '# top comment',
        'model = "o3"',
        '',
        '[other]',
        'mixed = [1, "a", 2.5, [true]]',
        'matrix = [',
        '  [1, 2]',
        ']',
        '',
        '[mcp_servers.keep]',
        'command = "k"',
        '',
        '[mcp_servers.added]',
        'url = "https://x"',
        '',
      ].join('\n'),
    );
    expect(writeClientServers(out, codex, { keep: { command: 'k' }, added: { url: 'https://x' } })).toBe(out);
  });

  it('keeps BOM and CRLF', () => {
    const text = '\uFEFFa = 1\r\n\r\n[mcp_servers.x]\r\ncommand = "x"\r\n';
    const out = writeClientServers(text, codex, { x: { command: 'y' } });
    expect(out).toBe('\uFEFFa = 1\r\n\r\n[mcp_servers.x]\r\ncommand = "y"\r\n');
  });

  it('appends to a file without servers or a trailing newline', () => {
    expect(writeClientServers('a = 1', codex, { s: { command: 'c' } })).toBe(
      'a = 1\n\n[mcp_servers.s]\ncommand = "c"\n',
    );
    expect(writeClientServers('', codex, { s: { command: 'c' } })).toBe('[mcp_servers.s]\ncommand = "c"\n');
  });

  it('removing the last server leaves no blank line behind', () => {
    const text = 'model = "o3"\n\n[mcp_servers.a]\ncommand = "x"\n\n[mcp_servers.b]\ncommand = "y"\n';
    const one = writeClientServers(text, codex, { a: { command: 'x' } });
    expect(one).toBe('model = "o3"\n\n[mcp_servers.a]\ncommand = "x"\n');
    expect(writeClientServers(one, codex, {})).toBe('model = "o3"\n');
    // Blank lines the user kept at the end stay.
    expect(writeClientServers(`${text}\n`, codex, { a: { command: 'x' } })).toBe(
      'model = "o3"\n\n[mcp_servers.a]\ncommand = "x"\n\n',
    );
  });

  it('refuses inline server definitions instead of guessing', () => {
    for (const text of [
      'mcp_servers = { a = { command = "x" } }\n',
      'mcp_servers.a.command = "x"\n',
      '[mcp_servers]\na = { command = "x" }\n',
    ]) {
      expect(errorOf(() => writeClientServers(text, codex, { b: { command: 'y' } }))).toMatchObject({
        code: 'CLIENT_CONFIG_INVALID',
      });
    }
  });

  it('edits Mistral Vibe [[mcp_servers]] elements with their sub-tables', () => {
    const text = [
      'x = 1',
      '[[mcp_servers]]',
      'name = "a"',
      'transport = "stdio"',
      'command = "a"',
      '[mcp_servers.env]',
      'K = "v"',
      '',
      '[[mcp_servers]]',
      'name = "b"',
      'transport = "stdio"',
      'command = "b"',
      '',
      '[tools]',
      'y = 2',
      '',
    ].join('\n');
    const b = { name: 'b', transport: 'stdio', command: 'b' };
    const out = writeClientServers(text, vibe, { b });
    expect(out).toBe(
      [
        'x = 1',
        '[[mcp_servers]]',
        'name = "b"',
        'transport = "stdio"',
        'command = "b"',
        '',
        '[tools]',
        'y = 2',
        '',
      ].join('\n'),
    );
    expect(writeClientServers(out, vibe, { b })).toBe(out);
  });
});

describe('over-deep client files', () => {
  const deep = (levels: number, open: string, close: string) =>
    `${open.repeat(levels)}1${close.repeat(levels)}`;
  it(`JSON, YAML and TOML nested past ${MAX_NESTING_DEPTH} levels -> INVALID_INPUT naming the limit`, () => {
    const cases: Array<[ClientAdapter, (levels: number) => string]> = [
      [cursor, (n) => `{"mcpServers": {"a": {"command": "x", "args": ${deep(n, '[', ']')}}}}`],
      [goose, (n) => `extensions:\n  a:\n    cmd: x\n    args: ${deep(n, '[', ']')}\n`],
      [codex, (n) => `[mcp_servers.a]\ncommand = "x"\nargs = ${deep(n, '[', ']')}\n`],
    ];
    for (const [adapter, text] of cases) {
      expect(() => readClientServers(text(10), adapter)).not.toThrow();
      for (const levels of [MAX_NESTING_DEPTH, 10_000]) {
        const err = errorOf(() => readClientServers(text(levels), adapter));
        expect(err).toMatchObject({ code: 'INVALID_INPUT', details: { max_depth: MAX_NESTING_DEPTH } });
        expect(err.message).toContain(`The ${adapter.name} config nests`);
      }
    }
  });
});

describe('duplicate keys in JSON / JSONC', () => {
  it('a server named twice -> CLIENT_CONFIG_INVALID at the second one, with line and column', () => {
    const text = '{\n  "mcpServers": {\n    "a": {"command": "x"},\n    "a": {"command": "y"}\n  }\n}\n';
    const err = errorOf(() => readClientServers(text, cursor));
    expect(err).toMatchObject({
      code: 'CLIENT_CONFIG_INVALID',
      details: { line: 4, column: 5, error: 'DuplicateKey', key: 'a' },
    });
    expect(err.message).toContain('at line 4, column 5: the key "a" appears twice');
    expect(errorOf(() => writeClientServers(text, cursor, {}))).toMatchObject({
      code: 'CLIENT_CONFIG_INVALID',
    });
    // Also outside the servers (`mcpServers` itself twice), and in an entry's own fields.
    expect(errorOf(() => readClientServers('{"mcpServers": {}, "mcpServers": {}}', cursor))).toMatchObject({
      details: { line: 1, column: 20, key: 'mcpServers' },
    });
    expect(
      errorOf(() => readClientServers('{"mcpServers": {"a": {"command": "x", "command": "y"}}}', cursor)),
    ).toMatchObject({ details: { key: 'command' } });
  });

  it('the same key in different objects is fine', () => {
    const text = '{"mcpServers": {"a": {"command": "x", "env": {"a": "1"}}, "b": {"command": "x"}}, "a": 1}';
    expect(Object.keys(readClientServers(text, cursor))).toEqual(['a', 'b']);
  });
});
