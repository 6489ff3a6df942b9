import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OrchestrationError } from '../core/errors.js';
import { idFromServerName, serverJsonToDefinition } from './import-server-json.js';
import { buildServerEntry } from './registry.js';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../test/fixtures/registry/${name}`, import.meta.url), 'utf8'));
}

function errorOf(fn: () => unknown): OrchestrationError {
  try {
    fn();
  } catch (err) {
    if (err instanceof OrchestrationError) return err;
    throw err;
  }
  throw new Error('expected an OrchestrationError');
}

describe('serverJsonToDefinition', () => {
  it('converts an npm package with arguments, variables and env', () => {
    const def = serverJsonToDefinition(fixture('npm-weather.server.json'));
    expect(def).toMatchObject({
      id: 'weather-mcp',
      name: 'Acme Weather',
      transport: 'stdio',
      source: 'user',
      package: { registry: 'npm', name: '@acme/weather-mcp' },
      command: 'npx',
      args: ['-y', '@acme/weather-mcp@1.4.2', '--units', '{units}', '{cache_dir}', '--station={station}'],
      homepage: 'https://weather.acme.dev/mcp',
    });
    expect(def.params).toEqual([
      { name: 'units', description: 'Unit system', required: false, default: 'metric' },
      { name: 'cache_dir', description: 'Directory for cached forecasts', required: true },
      { name: 'station', description: 'Default weather station id', required: false },
    ]);
    expect(def.env).toEqual([
      { name: 'ACME_WEATHER_API_KEY', description: 'Acme Weather API key', required: true, secret: true },
      { name: 'LOG_LEVEL', description: 'Log level', required: false, secret: false, default: 'info' },
    ]);
    const built = buildServerEntry(def, { params: { cache_dir: '/tmp/w' } });
    expect(built.entry).toEqual({
      command: 'npx',
      args: ['-y', '@acme/weather-mcp@1.4.2', '--units', 'metric', '/tmp/w'],
      env: { LOG_LEVEL: 'info' },
    });
    expect(built.missingEnv).toEqual(['ACME_WEATHER_API_KEY']);
  });

  it('converts a pypi package, skipping an unsupported mcpb package before it', () => {
    const def = serverJsonToDefinition(fixture('pypi-sql-explorer.server.json'));
    expect(def).toMatchObject({
      id: 'sql_explorer',
      package: { registry: 'pypi', name: 'mcp-sql-explorer' },
      command: 'uvx',
      args: ['mcp-sql-explorer==0.3.1', '--db', '{db}', '--max-rows', '500'],
      params: [{ name: 'db', required: true, example: 'postgresql://localhost/app' }],
      env: [{ name: 'SQL_EXPLORER_PASSWORD', secret: true, required: false }],
    });
  });

  it('converts an oci package into docker run, forwarding env vars into the container', () => {
    const def = serverJsonToDefinition(fixture('oci-github.server.json'));
    expect(def).toMatchObject({
      id: 'github-mcp-server',
      name: 'GitHub',
      package: { registry: 'docker', name: 'ghcr.io/github/github-mcp-server:0.20.1' },
      command: 'docker',
      args: [
        'run',
        '-i',
        '--rm',
        '--network',
        'host',
        '-e',
        'GITHUB_PERSONAL_ACCESS_TOKEN',
        '-e',
        'GITHUB_TOOLSETS',
        'ghcr.io/github/github-mcp-server:0.20.1',
        'stdio',
      ],
    });
    expect(def.env[0]).toMatchObject({ name: 'GITHUB_PERSONAL_ACCESS_TOKEN', secret: true, required: true });
    expect(def.env[1]).toMatchObject({ name: 'GITHUB_TOOLSETS', default: 'repos,issues,pull_requests' });
  });

  it('appends the version as a tag to an untagged oci identifier', () => {
    const def = serverJsonToDefinition({
      name: 'io.example/tool',
      description: 'Tool',
      packages: [{ registryType: 'oci', identifier: 'docker.io/example/tool', version: '1.2.0' }],
    });
    expect(def.args).toEqual(['run', '-i', '--rm', 'docker.io/example/tool:1.2.0']);
  });

  it('converts nuget packages to dnx', () => {
    const def = serverJsonToDefinition({
      name: 'io.example/dotnet-tool',
      description: 'A .NET tool',
      version: '1.0.0',
      packages: [
        {
          registryType: 'nuget',
          identifier: 'Example.Mcp',
          version: '1.0.0',
          transport: { type: 'stdio' },
          packageArguments: [{ type: 'positional', value: 'serve' }],
        },
      ],
    });
    expect(def).toMatchObject({ command: 'dnx', args: ['Example.Mcp@1.0.0', '--yes', 'serve'] });
  });

  it('converts a remote with url variables, a secret header and a header variable', () => {
    const def = serverJsonToDefinition(fixture('remote-analytics.server.json'));
    expect(def).toMatchObject({
      id: 'insights',
      transport: 'http',
      tags: ['imported', 'remote'],
      package: { registry: 'remote', name: '{tenant_id}.mcp.analytics.example.com' },
      url: 'https://{tenant_id}.mcp.analytics.example.com/mcp',
      headers: { 'X-API-Key': `\${env:X_API_KEY}`, 'X-Region': '{region}' },
    });
    expect(def.params).toEqual([
      { name: 'tenant_id', description: 'Your tenant id', required: true, example: 'acme' },
      { name: 'region', description: 'Data region', required: false, default: 'eu' },
    ]);
    expect(def.env).toEqual([
      { name: 'X_API_KEY', description: 'Insights API key', required: true, secret: true },
    ]);
    const built = buildServerEntry(def, { params: { tenant_id: 'acme' } });
    expect(built.entry).toEqual({
      type: 'http',
      url: 'https://acme.mcp.analytics.example.com/mcp',
      headers: { 'X-API-Key': `\${env:X_API_KEY}`, 'X-Region': 'eu' },
    });
  });

  it('turns a secret {var} in a header value into an env reference', () => {
    const def = serverJsonToDefinition({
      name: 'io.example/remote',
      description: 'Remote',
      version: '1.0.0',
      remotes: [
        {
          type: 'sse',
          url: 'https://mcp.example.com/sse',
          headers: [{ name: 'Authorization', value: 'Bearer {api_token}', isSecret: true, isRequired: true }],
        },
      ],
    });
    expect(def).toMatchObject({
      transport: 'sse',
      url: 'https://mcp.example.com/sse',
      headers: { Authorization: `Bearer \${env:API_TOKEN}` },
      env: [{ name: 'API_TOKEN', secret: true, required: true }],
      params: [],
    });
  });

  it('accepts the 2025-07-09 snake_case document', () => {
    const def = serverJsonToDefinition(fixture('legacy-snake-case.server.json'));
    expect(def).toMatchObject({
      id: 'notes-server',
      package: { registry: 'npm', name: 'notes-mcp' },
      command: 'npx',
      args: ['-y', 'notes-mcp@0.9.0', '{notes_dir}'],
      params: [{ name: 'notes_dir', required: true, description: 'Folder of notes' }],
      env: [{ name: 'NOTES_SYNC_TOKEN', secret: true, required: true }],
      homepage: 'https://github.com/legacy/notes-server',
    });
  });

  it('accepts snake_case registry_type/identifier and transport_type remotes', () => {
    const def = serverJsonToDefinition({
      name: 'io.example/mixed',
      description: 'Mixed',
      version: '1.0.0',
      packages: [{ registry_type: 'mcpb', identifier: 'https://example.com/x.mcpb' }],
      remotes: [{ transport_type: 'streamable-http', url: 'https://mcp.example.com/mcp' }],
    });
    expect(def).toMatchObject({ transport: 'http', url: 'https://mcp.example.com/mcp' });
  });

  it('uses the given id, and checks it', () => {
    expect(serverJsonToDefinition(fixture('npm-weather.server.json'), { id: 'wx' }).id).toBe('wx');
    expect(
      errorOf(() => serverJsonToDefinition(fixture('npm-weather.server.json'), { id: '../x' })).code,
    ).toBe('INVALID_ID');
  });

  it('derives sanitised ids from names', () => {
    expect(idFromServerName('io.github.acme/Weather Server')).toBe('weather-server');
    expect(idFromServerName('io.github.acme/__x..y')).toBe('x.y');
    expect(idFromServerName(`a/${'b'.repeat(100)}`)).toHaveLength(64);
    expect(errorOf(() => idFromServerName('a/___')).code).toBe('VALIDATION_ERROR');
  });

  it('rejects malformed documents with VALIDATION_ERROR and the issues', () => {
    const err = errorOf(() => serverJsonToDefinition(fixture('malformed.server.json')));
    expect(err.code).toBe('VALIDATION_ERROR');
    expect(err.message).toMatch(/^Invalid server\.json: name:/);
    expect((err.details.issues as { path: string }[]).map((i) => i.path)).toEqual([
      'name',
      'description',
      'packages',
    ]);
    expect(errorOf(() => serverJsonToDefinition(null)).code).toBe('VALIDATION_ERROR');
    expect(errorOf(() => serverJsonToDefinition([1, 2])).code).toBe('VALIDATION_ERROR');
  });

  it('rejects a document with nothing it can run, naming what it found', () => {
    const err = errorOf(() =>
      serverJsonToDefinition({
        name: 'io.example/rusty',
        description: 'Rust only',
        version: '1.0.0',
        packages: [
          { registryType: 'cargo', identifier: 'rusty-mcp', version: '1.0.0', transport: { type: 'stdio' } },
        ],
      }),
    );
    expect(err.code).toBe('VALIDATION_ERROR');
    expect(err.message).toContain('cargo package');
    expect(
      errorOf(() => serverJsonToDefinition({ name: 'io.example/none', description: 'x' })).message,
    ).toContain('no supported way to run it');
  });
});
