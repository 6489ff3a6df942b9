import { describe, expect, it } from 'vitest';
import type { ServerDefinition } from '../core/schemas/registry.js';
import { commandExists, validatePayload } from './validate.js';

const codes = (payload: unknown, opts = {}) => {
  const r = validatePayload(payload, opts);
  return { errors: r.errors.map((e) => e.code), warnings: r.warnings.map((w) => w.code), result: r };
};

const def: ServerDefinition = {
  id: 'fs',
  name: 'Filesystem',
  description: 'files',
  tags: [],
  transport: 'stdio',
  package: { registry: 'npm', name: '@modelcontextprotocol/server-filesystem' },
  command: 'npx',
  args: ['-y', '@modelcontextprotocol/server-filesystem', '{path}'],
  params: [{ name: 'path', description: 'root folder', required: true }],
  env: [{ name: 'FS_TOKEN', description: 'a token', required: true, secret: true }],
  source: 'builtin',
};

describe('validatePayload', () => {
  it('accepts a valid stdio and remote config', () => {
    const r = codes({
      mcpServers: {
        memory: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'], env: { A: '1' } },
        docs: {
          type: 'http',
          url: 'https://example.com/mcp',
          headers: { Authorization: 'Bearer ${env:DOCS_TOKEN}' },
        },
      },
    });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.result.valid).toBe(true);
    expect(r.result.server_count).toBe(2);
  });

  it('EMPTY_CONFIG for no servers', () => {
    const r = codes({ mcpServers: {} });
    expect(r.errors).toEqual(['EMPTY_CONFIG']);
    expect(r.result.errors[0]?.path).toBe('/mcpServers');
  });

  it('MISSING_REQUIRED_FIELD when mcpServers is absent or not an object', () => {
    expect(codes({}).errors).toEqual(['MISSING_REQUIRED_FIELD']);
    expect(codes(null).errors).toEqual(['MISSING_REQUIRED_FIELD']);
    expect(codes({ mcpServers: [] }).errors).toEqual(['MISSING_REQUIRED_FIELD']);
  });

  it('MISSING_COMMAND, INVALID_ARGS_TYPE, INVALID_ENV_TYPE with JSON pointers', () => {
    const r = codes({ mcpServers: { 'a/b': { args: 'x', env: { K: 1 } } } });
    expect(r.errors).toEqual(['INVALID_ID', 'MISSING_COMMAND', 'INVALID_ARGS_TYPE', 'INVALID_ENV_TYPE']);
    expect(r.result.errors[1]?.path).toBe('/mcpServers/a~1b/command');
    expect(r.result.errors[1]?.server).toBe('a/b');
  });

  it('MISSING_REQUIRED_FIELD and INVALID_URL for remote servers', () => {
    expect(codes({ mcpServers: { r: { type: 'http' } } }).errors).toEqual(['MISSING_REQUIRED_FIELD']);
    expect(codes({ mcpServers: { r: { type: 'sse', url: 'ftp://x' } } }).errors).toEqual(['INVALID_URL']);
    expect(codes({ mcpServers: { r: { type: 'http', url: 'not a url' } } }).errors).toEqual(['INVALID_URL']);
    expect(codes({ mcpServers: { r: { type: 'ws', url: 'https://x' } } }).errors).toEqual([
      'VALIDATION_ERROR',
    ]);
    expect(
      codes({ mcpServers: { r: { type: 'http', url: 'https://x', headers: { A: 2 } } } }).errors,
    ).toEqual(['INVALID_ENV_TYPE']);
    const proto = JSON.parse('{"mcpServers":{"a":{"command":"x","env":{"__proto__":"v"}}}}');
    expect(codes(proto).errors).toEqual(['INVALID_ENV_TYPE']);
  });

  it('VALIDATION_ERROR for unknown fields and bad shapes', () => {
    expect(codes({ mcpServers: { a: { command: 'x', bogus: 1 } }, extra: 1 }).errors).toEqual([
      'VALIDATION_ERROR',
      'VALIDATION_ERROR',
    ]);
    expect(codes({ mcpServers: { a: 'npx' } }).errors).toEqual(['VALIDATION_ERROR']);
    expect(codes({ mcpServers: { a: { command: 'x', cwd: 3 } } }).errors).toEqual(['VALIDATION_ERROR']);
    expect(codes({ mcpServers: { a: { type: 'local', command: 'x' } } }).errors).toEqual([
      'VALIDATION_ERROR',
    ]);
  });

  it('SECRET_IN_PLAINTEXT warns (never blocks) and suggests a reference', () => {
    const r = codes({
      mcpServers: {
        a: { command: 'x', env: { GITHUB_TOKEN: 'ghp_123', SAFE: 'v', API_KEY: '${env:API_KEY}' } },
        b: { type: 'http', url: 'https://x', headers: { Authorization: 'Bearer abc' } },
      },
    });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual(['SECRET_IN_PLAINTEXT', 'SECRET_IN_PLAINTEXT']);
    expect(r.result.warnings[0]?.message).toContain('${env:GITHUB_TOKEN}');
    expect(r.result.warnings[0]?.path).toBe('/mcpServers/a/env/GITHUB_TOKEN');
  });

  it('MISSING_REQUIRED_PARAM and MISSING_REQUIRED_ENV from the registry origin', () => {
    const r = codes(
      { mcpServers: { files: { command: 'npx', args: ['-y', 'pkg', '{path}'] } } },
      {
        origins: { files: { server_id: 'fs', params: {} } },
        lookupServer: (id: string) => (id === 'fs' ? def : undefined),
      },
    );
    expect(r.errors).toEqual(['MISSING_REQUIRED_PARAM', 'MISSING_REQUIRED_ENV']);
    expect(r.result.errors[1]?.path).toBe('/mcpServers/files/env/FS_TOKEN');
    const ok = codes(
      { mcpServers: { files: { command: 'npx', args: ['/tmp'], env: { FS_TOKEN: '${env:FS_TOKEN}' } } } },
      { origins: { files: { server_id: 'fs', params: { path: '/tmp' } } }, lookupServer: () => def },
    );
    expect(ok.errors).toEqual([]);
  });

  it('COMMAND_NOT_FOUND and UNSUPPORTED_TRANSPORT warnings', () => {
    const r = codes(
      {
        mcpServers: {
          a: { command: 'definitely-not-a-command-xyz' },
          b: { type: 'sse', url: 'https://x/sse' },
        },
      },
      { checkCommands: true, clientTransports: ['stdio'] },
    );
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual(['COMMAND_NOT_FOUND', 'UNSUPPORTED_TRANSPORT']);
  });

  it('finds commands on PATH', () => {
    expect(commandExists('node')).toBe(true);
    expect(commandExists(process.execPath)).toBe(true);
    expect(commandExists('/nope/nothing')).toBe(false);
  });
});
