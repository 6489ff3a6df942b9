import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrchestrationError } from '../core/errors.js';
import { type ServerDefinition, ServerDefinitionSchema } from '../core/schemas/registry.js';
import { Orchestrator } from '../service/index.js';
import { HomeLayout } from '../store/home.js';
import { buildServerEntry, builtinCatalog, Registry, suggestIds } from './registry.js';

let root: string;
let home: HomeLayout;
let registry: Registry;
/** User servers live in the Store, so adding and removing them goes through the service. */
let svc: Orchestrator;
/** The registry as the service sees it now (after user servers changed). */
const current = () => svc.registry();

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'mo-'));
  home = new HomeLayout(root);
  registry = new Registry();
  svc = new Orchestrator({ home: root });
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

async function codeOf(fn: () => unknown): Promise<string | undefined> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof OrchestrationError) return err.code;
    throw err;
  }
  return undefined;
}

async function errorOf(fn: () => unknown): Promise<OrchestrationError> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof OrchestrationError) return err;
    throw err;
  }
  throw new Error('expected an OrchestrationError');
}

const weather = {
  id: 'weather',
  name: 'Weather',
  description: 'Forecasts for a city.',
  tags: ['weather'],
  transport: 'stdio',
  package: { registry: 'npm', name: '@acme/weather' },
  command: 'npx',
  args: ['-y', '@acme/weather', '--city', '{city}'],
  params: [{ name: 'city', description: 'City name', required: true }],
  env: [{ name: 'WEATHER_API_KEY', description: 'API key', required: true, secret: true }],
};

describe('built-in catalog', () => {
  const catalog = builtinCatalog();

  it('has at least 45 valid built-in entries with unique ids', () => {
    expect(catalog.length).toBeGreaterThanOrEqual(45);
    expect(new Set(catalog.map((d) => d.id)).size).toBe(catalog.length);
    for (const def of catalog) {
      expect(ServerDefinitionSchema.safeParse(def).success).toBe(true);
      expect(def.source).toBe('builtin');
    }
  });

  it('marks every secret-looking env var as secret', () => {
    const leaks = catalog.flatMap((d) =>
      d.env
        .filter((v) => /KEY|TOKEN|SECRET|PASSWORD/.test(v.name) && !v.secret)
        .map((v) => `${d.id}.${v.name}`),
    );
    expect(leaks).toEqual([]);
  });

  it('gives every stdio entry a command and every remote entry an http(s) url', () => {
    for (const def of catalog) {
      if (def.transport === 'stdio') expect(def.command, def.id).toBeTruthy();
      else expect(def.url, def.id).toMatch(/^https?:\/\//);
    }
  });

  it('declares every {param} placeholder it uses, and uses lowercase tags', () => {
    for (const def of catalog) {
      const texts = [...(def.args ?? []), def.url ?? '', ...Object.values(def.headers ?? {})];
      const used = texts.flatMap((t) =>
        [...t.matchAll(/(?<!\$)\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]),
      );
      const declared = def.params.map((p) => p.name);
      for (const name of used) expect(declared, `${def.id} uses {${name}}`).toContain(name);
      for (const tag of def.tags) expect(tag).toMatch(/^[a-z0-9-]+$/);
    }
  });

  it('holds the current reference servers as documented', () => {
    const byId = new Map(catalog.map((d) => [d.id, d]));
    expect(byId.get('filesystem')?.args).toEqual(['-y', '@modelcontextprotocol/server-filesystem', '{path}']);
    expect(byId.get('filesystem')?.params[0]).toMatchObject({ name: 'path', required: true });
    expect(byId.get('fetch')).toMatchObject({ command: 'uvx', args: ['mcp-server-fetch'] });
    expect(byId.get('git')?.args).toEqual(['mcp-server-git', '--repository', '{repository}']);
    expect(byId.get('everything')?.tags).toContain('testing');
    expect(byId.get('github')).toMatchObject({
      transport: 'http',
      url: 'https://api.githubcopilot.com/mcp/',
      headers: { Authorization: `Bearer \${env:GITHUB_PERSONAL_ACCESS_TOKEN}` },
    });
    expect(byId.get('github-docker')?.env[0]).toMatchObject({
      name: 'GITHUB_PERSONAL_ACCESS_TOKEN',
      secret: true,
      required: true,
    });
  });
});

describe('Registry.list', () => {
  it('returns the catalog sorted by id', () => {
    const ids = registry.list().map((d) => d.id);
    expect(ids).toEqual([...ids].sort((a, b) => a.localeCompare(b)));
    expect(ids.length).toBe(builtinCatalog().length);
  });

  it('searches id, name, description and tags case-insensitively', () => {
    expect(registry.list({ search: 'FILESYSTEM' }).map((d) => d.id)).toContain('filesystem');
    expect(registry.list({ search: 'Brave' }).map((d) => d.id)).toEqual(['brave-search']);
    const databases = registry.list({ search: 'database' }).map((d) => d.id);
    expect(databases).toEqual(expect.arrayContaining(['postgres', 'sqlite', 'mongodb']));
    expect(registry.list({ search: 'no-such-thing-anywhere' })).toEqual([]);
  });

  it('filters by transport and tag', () => {
    const sse = registry.list({ transport: 'sse' });
    expect(sse.length).toBeGreaterThan(0);
    expect(sse.every((d) => d.transport === 'sse')).toBe(true);
    const http = registry.list({ transport: 'http' }).map((d) => d.id);
    expect(http).toContain('github');
    expect(http).not.toContain('filesystem');
    const reference = registry.list({ tag: 'Reference' }).map((d) => d.id);
    expect(reference).toEqual(
      expect.arrayContaining(['filesystem', 'memory', 'fetch', 'git', 'time', 'everything']),
    );
    expect(
      registry.list({ tag: 'browser', transport: 'stdio', search: 'accessibility' }).map((d) => d.id),
    ).toEqual(['playwright']);
  });

  it('merges user servers, which override built-ins with the same id', async () => {
    await svc.addUserServer(weather);
    await svc.addUserServer({ ...weather, id: 'fetch', name: 'My fetch' });
    const all = (await current()).list();
    expect(all.length).toBe(builtinCatalog().length + 1);
    expect((await current()).get('fetch')).toMatchObject({ name: 'My fetch', source: 'user' });
    expect((await current()).list({ search: 'forecasts' }).map((d) => d.id)).toEqual(['fetch', 'weather']);
  });
});

describe('Registry.get', () => {
  it('returns a server', () => {
    expect(registry.get('memory').args).toEqual(['-y', '@modelcontextprotocol/server-memory']);
  });

  it('fails with UNKNOWN_SERVER and suggests close ids', async () => {
    const err = await errorOf(() => registry.get('filesytem'));
    expect(err.code).toBe('UNKNOWN_SERVER');
    expect(err.message).toContain('"filesystem"');
    expect(err.message).toContain('servers list --search');
    expect(err.details.suggestions).toContain('filesystem');
    expect((await errorOf(() => registry.get('postgre'))).details.suggestions).toContain('postgres');
    expect((await errorOf(() => registry.get('zzzzzzzzzzzz'))).details.suggestions).toEqual([]);
  });

  it('suggestIds prefers substrings, then edit distance', () => {
    expect(suggestIds('cloudflare', ['cloudflare-docs', 'cloudflare-bindings', 'memory'])).toEqual([
      'cloudflare-bindings',
      'cloudflare-docs',
    ]);
    expect(suggestIds('gti', ['git', 'time'])).toEqual(['git']);
  });
});

describe('user servers', async () => {
  it('adds a server as source user, atomically, one file per id', async () => {
    const added = await svc.addUserServer({ ...weather, source: 'builtin' });
    expect(added.source).toBe('user');
    const file = join(home.userServersDir, 'weather.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ id: 'weather', source: 'user' });
    expect(existsSync(join(home.userServersDir, '.registry.lock'))).toBe(false);
    expect((await current()).get('weather')).toEqual(added);
  });

  it('rejects an invalid definition with VALIDATION_ERROR and its issues', async () => {
    const err = await errorOf(() => svc.addUserServer({ ...weather, command: undefined }));
    expect(err.code).toBe('VALIDATION_ERROR');
    expect(err.details.issues).toEqual([expect.objectContaining({ path: 'command' })]);
    expect(await codeOf(() => svc.addUserServer({ ...weather, id: 'Bad Id' }))).toBe('VALIDATION_ERROR');
    expect(await codeOf(() => svc.addUserServer('not an object'))).toBe('VALIDATION_ERROR');
    expect(await codeOf(() => svc.addUserServer({ ...weather, extra: 1 }))).toBe('VALIDATION_ERROR');
  });

  it('refuses a duplicate user id unless replace is set', async () => {
    await svc.addUserServer(weather);
    const err = await errorOf(() => svc.addUserServer(weather));
    expect(err.code).toBe('DUPLICATE_SERVER');
    expect(err.details).toEqual({ serverId: 'weather' });
    await svc.addUserServer({ ...weather, name: 'Weather 2' }, { replace: true });
    expect((await current()).get('weather').name).toBe('Weather 2');
  });

  it('removes user servers but never built-ins', async () => {
    await svc.addUserServer(weather);
    expect(await svc.removeUserServer('weather')).toEqual({ removed: 'weather' });
    expect(await codeOf(async () => (await current()).get('weather'))).toBe('UNKNOWN_SERVER');
    expect(await codeOf(() => svc.removeUserServer('weather'))).toBe('UNKNOWN_SERVER');
    const builtin = await errorOf(() => svc.removeUserServer('filesystem'));
    expect(builtin.code).toBe('INVALID_INPUT');
    expect(builtin.message).toContain('built-in servers cannot be removed');
    expect(await codeOf(() => svc.removeUserServer('../escape'))).toBe('INVALID_ID');
  });

  it('removing a user override brings the built-in back', async () => {
    await svc.addUserServer({ ...weather, id: 'time' });
    expect((await current()).get('time').source).toBe('user');
    await svc.removeUserServer('time');
    expect((await current()).get('time').source).toBe('builtin');
  });

  it('reports a corrupt user file with its path', async () => {
    mkdirSync(home.userServersDir, { recursive: true });
    writeFileSync(join(home.userServersDir, 'broken.json'), '{ nope');
    const err = await errorOf(async () => (await current()).list());
    expect(err.code).toBe('VALIDATION_ERROR');
    expect(err.message).toContain('broken.json');
    rmSync(join(home.userServersDir, 'broken.json'));
    writeFileSync(join(home.userServersDir, 'other.json'), JSON.stringify(weather));
    expect((await errorOf(async () => (await current()).list())).message).toContain('name it weather.json');
  });
});

describe('buildServerEntry', () => {
  const def = (over: Partial<ServerDefinition>): ServerDefinition =>
    ServerDefinitionSchema.parse({ ...weather, ...over, source: 'user' });

  it('substitutes params in args and merges env', () => {
    const built = buildServerEntry(def({}), {
      params: { city: 'Oslo' },
      env: { WEATHER_API_KEY: `\${env:WEATHER_API_KEY}`, EXTRA: 'x' },
    });
    expect(built).toEqual({
      entry: {
        command: 'npx',
        args: ['-y', '@acme/weather', '--city', 'Oslo'],
        env: { WEATHER_API_KEY: `\${env:WEATHER_API_KEY}`, EXTRA: 'x' },
      },
      missingParams: [],
      missingEnv: [],
    });
  });

  it('keeps the placeholder of a missing required param and lists missing env', () => {
    const built = buildServerEntry(registry.get('filesystem'));
    expect(built.entry).toEqual({
      command: 'npx',
      args: ['-y', '@modelcontextprotocol/server-filesystem', '{path}'],
    });
    expect(built.missingParams).toEqual(['path']);
    expect(buildServerEntry(registry.get('brave-search')).missingEnv).toEqual(['BRAVE_API_KEY']);
  });

  it('uses param and env defaults, drops args of optional params without a value', () => {
    const d = def({
      args: ['{city}', '--units={units}', '--station={station}'],
      params: [
        { name: 'city', description: 'City', required: false, default: 'Paris' },
        { name: 'units', description: 'Units', required: false, default: 'metric' },
        { name: 'station', description: 'Station', required: false },
      ],
      env: [{ name: 'LOG_LEVEL', description: 'Log level', required: true, secret: false, default: 'info' }],
    });
    expect(buildServerEntry(d, { params: { units: 'imperial' } })).toEqual({
      entry: { command: 'npx', args: ['Paris', '--units=imperial'], env: { LOG_LEVEL: 'info' } },
      missingParams: [],
      missingEnv: [],
    });
    expect(buildServerEntry(registry.get('redis')).entry).toMatchObject({
      args: ['--from', 'redis-mcp-server@latest', 'redis-mcp-server', '--url', 'redis://localhost:6379/0'],
    });
  });

  it('rejects unknown params, listing the valid ones', async () => {
    const err = await errorOf(() => buildServerEntry(def({}), { params: { town: 'Oslo' } }));
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toContain('Valid params: city');
    expect(err.details).toMatchObject({ unknown: ['town'], valid: ['city'] });
    expect(
      (await errorOf(() => buildServerEntry(registry.get('memory'), { params: { x: '1' } }))).message,
    ).toContain('takes no params');
  });

  it('builds remote entries with url and header params and env references', () => {
    const remote = def({
      transport: 'http',
      command: undefined,
      args: undefined,
      url: 'https://{tenant}.example.com/mcp',
      headers: { Authorization: `Bearer \${env:API_TOKEN}`, 'X-Region': '{region}', 'X-Opt': '{opt}' },
      params: [
        { name: 'tenant', description: 'Tenant', required: true },
        { name: 'region', description: 'Region', required: false, default: 'eu' },
        { name: 'opt', description: 'Optional header', required: false },
      ],
      env: [{ name: 'API_TOKEN', description: 'Token', required: true, secret: true }],
    });
    expect(buildServerEntry(remote, { params: { tenant: 'acme' } })).toEqual({
      entry: {
        type: 'http',
        url: 'https://acme.example.com/mcp',
        headers: { Authorization: `Bearer \${env:API_TOKEN}`, 'X-Region': 'eu' },
      },
      missingParams: [],
      missingEnv: ['API_TOKEN'],
    });
    const withToken = buildServerEntry(remote, { env: { API_TOKEN: `\${env:MY_TOKEN}` } });
    expect(withToken.entry).toMatchObject({ headers: { Authorization: `Bearer \${env:MY_TOKEN}` } });
    expect(withToken.missingParams).toEqual(['tenant']);
    expect(buildServerEntry(registry.get('linear')).entry).toEqual({
      type: 'http',
      url: 'https://mcp.linear.app/mcp',
    });
  });
});

describe('Registry.importServerJson', async () => {
  it('converts and stores a server.json as a user server', async () => {
    const doc = JSON.parse(
      readFileSync(new URL('../../test/fixtures/registry/npm-weather.server.json', import.meta.url), 'utf8'),
    );
    const def = await svc.importServerJson(doc);
    expect(def).toMatchObject({ id: 'weather-mcp', source: 'user', command: 'npx' });
    expect((await current()).get('weather-mcp')).toEqual(def);
    expect(await codeOf(() => svc.importServerJson(doc))).toBe('DUPLICATE_SERVER');
    expect((await svc.importServerJson(doc, { replace: true })).id).toBe('weather-mcp');
    expect((await svc.importServerJson(doc, { id: 'acme-weather' })).id).toBe('acme-weather');
  });
});
