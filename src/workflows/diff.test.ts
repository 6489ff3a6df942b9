import { describe, expect, it } from 'vitest';
import type { Payload } from '../core/schemas/payload.js';
import { diffPayloads } from './diff.js';

const labels = { base: 'head', target: 'file' };
const head: Payload = {
  mcpServers: {
    memory: { command: 'npx', args: ['-y', 'mem'] },
    gh: { command: 'docker', args: ['run'], env: { GITHUB_TOKEN: 'secret-a', MODE: 'x' } },
    docs: { type: 'http', url: 'https://a/mcp', headers: { Authorization: 'Bearer a' } },
  },
};

describe('diffPayloads', () => {
  it('up-to-date when equal', () => {
    const r = diffPayloads(head, structuredClone(head), labels);
    expect(r.status).toBe('up-to-date');
    expect(r.changes).toEqual([]);
    expect(r.summary).toEqual({ added: 0, removed: 0, modified: 0, unchanged: 3 });
    expect(r.recommendation).toContain('No action');
  });

  it('outdated when the other config lacks or differs, removing nothing', () => {
    const other: Payload = {
      mcpServers: {
        memory: { command: 'npx', args: ['-y', 'mem', '--old'] },
        gh: { command: 'docker', args: ['run'], env: { GITHUB_TOKEN: 'secret-b', MODE: 'y' } },
      },
    };
    const r = diffPayloads(head, other, labels);
    expect(r.status).toBe('outdated');
    expect(r.summary).toEqual({ added: 1, removed: 0, modified: 2, unchanged: 0 });
    const gh = r.changes.find((c) => c.server === 'gh');
    expect(gh?.fields).toEqual([
      { field: 'env.GITHUB_TOKEN', change: 'changed', redacted: true },
      { field: 'env.MODE', change: 'changed', before: 'y', after: 'x' },
    ]);
    expect(JSON.stringify(r)).not.toContain('secret-');
    expect(r.changes.find((c) => c.server === 'memory')?.fields[0]?.field).toBe('args');
  });

  it('diverged when the other config has servers the head lacks', () => {
    const other: Payload = { mcpServers: { ...head.mcpServers, extra: { command: 'x' } } };
    const r = diffPayloads(head, other, labels);
    expect(r.status).toBe('diverged');
    expect(r.changes).toEqual([{ server: 'extra', change: 'removed', fields: [] }]);
    expect(r.recommendation).toContain('import');
  });

  it('names url, type, command, cwd and header changes', () => {
    const a: Payload = { mcpServers: { s: { type: 'http', url: 'https://a', headers: { X: '1' } } } };
    const b: Payload = {
      mcpServers: { s: { type: 'sse', url: 'https://b', headers: { Authorization: 'Bearer z' } } },
    };
    const fields = diffPayloads(a, b, labels).changes[0]?.fields.map((f) => `${f.field}:${f.change}`);
    expect(fields).toEqual([
      'type:changed',
      'url:changed',
      'headers.Authorization:removed',
      'headers.X:added',
    ]);
    const c: Payload = { mcpServers: { s: { command: 'a', cwd: '/x' } } };
    const d: Payload = { mcpServers: { s: { type: 'http', url: 'https://x' } } };
    expect(diffPayloads(c, d, labels).changes[0]?.fields.map((f) => f.field)).toEqual([
      'type',
      'command',
      'cwd',
      'url',
    ]);
  });
});
