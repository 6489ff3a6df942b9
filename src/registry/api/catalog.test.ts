import { describe, expect, it } from 'vitest';
import { testCatalog } from '../../../test/helpers/registry-catalog.js';
import { ServerDefinitionSchema } from '../../core/schemas/registry.js';
import { builtinCatalog } from '../registry.js';
import { CATALOG_DATE, listServers, MAX_LIMIT, serverVersion, serverVersions } from './catalog.js';
import { BUILTIN_NAMESPACE, CATALOG_META_KEY, registryNameOf } from './names.js';
import { OFFICIAL_META_KEY } from './schemas.js';
import { compareVersions } from './versions.js';

const opts = { namespace: 'com.acme' };
const catalog = testCatalog();
const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return undefined;
};

describe('names', () => {
  it('puts built-ins under the fixed namespace, imports under their own name, the rest under the admin one', () => {
    const byId = new Map(catalog.map((d) => [d.id, d]));
    expect(registryNameOf(byId.get('memory') as never, 'com.acme')).toBe(`${BUILTIN_NAMESPACE}/memory`);
    expect(registryNameOf(byId.get('weather-mcp') as never, 'com.acme')).toBe('io.github.acme/weather-mcp');
    expect(registryNameOf(byId.get('acme-tools') as never, 'com.acme')).toBe('com.acme/acme-tools');
    expect(registryNameOf(byId.get('acme-tools') as never, 'org.example')).toBe('org.example/acme-tools');
  });
});

describe('listServers', () => {
  it('pages with opaque cursors through every version exactly once, in a stable order', () => {
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const page = listServers(catalog, { limit: '7', ...(cursor ? { cursor } : {}) }, opts);
      expect(page.metadata.count).toBe(page.servers.length);
      expect(page.servers.length).toBeLessThanOrEqual(7);
      names.push(...page.servers.map((s) => `${s.server.name}@${s.server.version}`));
      cursor = page.metadata.nextCursor;
    } while (cursor);
    expect(names).toHaveLength(catalog.length);
    expect(new Set(names).size).toBe(catalog.length);
    const all = listServers(catalog, { limit: '100' }, opts).servers.map(
      (s) => `${s.server.name}@${s.server.version}`,
    );
    expect(names).toEqual(all);
  });

  it('has no nextCursor on the last page, 30 by default and at most 100 per page', () => {
    expect(listServers(catalog, {}, opts).servers).toHaveLength(30);
    const big = listServers(catalog, { limit: '1000' }, opts);
    expect(big.servers).toHaveLength(Math.min(MAX_LIMIT, catalog.length));
    expect(big.metadata.nextCursor).toBeUndefined();
  });

  it('searches name, title and description, case-insensitively', () => {
    const hits = listServers(catalog, { search: 'WEATHER' }, opts).servers.map((s) => s.server.version);
    expect(hits).toEqual(['1.4.2', '1.3.0']);
    const byTitle = listServers(catalog, { search: 'acme internal' }, opts).servers;
    expect(byTitle.map((s) => s.server.name)).toEqual(['com.acme/acme-tools']);
  });

  it('filters by version, latest and updated_since', () => {
    const latest = listServers(catalog, { version: 'latest', limit: '100' }, opts).servers;
    expect(latest).toHaveLength(catalog.length - 1);
    expect(latest.every((s) => s._meta[OFFICIAL_META_KEY].isLatest)).toBe(true);
    expect(listServers(catalog, { version: '1.3.0' }, opts).servers.map((s) => s.server.name)).toEqual([
      'io.github.acme/weather-mcp',
    ]);
    const dated = {
      ...opts,
      timestamps: (d: { id: string }) =>
        d.id === 'acme-tools' ? { updatedAt: '2026-06-01T00:00:00Z' } : undefined,
    };
    const since = listServers(catalog, { updated_since: '2026-03-01T00:00:00Z' }, dated).servers;
    expect(since.map((s) => s.server.name)).toEqual(['com.acme/acme-tools']);
    expect(listServers(catalog, { updated_since: CATALOG_DATE }, opts).servers).toEqual([]);
  });

  it('refuses a bad cursor, limit or updated_since with INVALID_INPUT', () => {
    expect(codeOf(() => listServers(catalog, { cursor: 'not-a-cursor' }, opts))).toBe('INVALID_INPUT');
    expect(codeOf(() => listServers(catalog, { limit: '0' }, opts))).toBe('INVALID_INPUT');
    expect(codeOf(() => listServers(catalog, { limit: '2.5' }, opts))).toBe('INVALID_INPUT');
    expect(codeOf(() => listServers(catalog, { updated_since: 'yesterday' }, opts))).toBe('INVALID_INPUT');
  });

  it('carries our catalog id, source and whether the server can be installed from here', () => {
    const all = listServers(catalog, { limit: '100' }, opts).servers;
    const gateway = all.find((s) => s._meta[CATALOG_META_KEY].id === 'docker-gateway');
    expect(gateway?._meta[CATALOG_META_KEY]).toMatchObject({ source: 'builtin', installable: false });
    expect(gateway?.server.packages).toBeUndefined();
    const memory = all.find((s) => s._meta[CATALOG_META_KEY].id === 'memory');
    expect(memory?.server.packages?.[0]).toMatchObject({
      registryType: 'npm',
      identifier: '@modelcontextprotocol/server-memory',
      transport: { type: 'stdio' },
    });
  });
});

describe('serverVersions / serverVersion', () => {
  it('lists versions newest first and resolves latest', () => {
    const versions = serverVersions(catalog, 'io.github.acme/weather-mcp', opts);
    expect(versions.servers.map((s) => s.server.version)).toEqual(['1.4.2', '1.3.0']);
    expect(versions.servers.map((s) => s._meta[OFFICIAL_META_KEY].isLatest)).toEqual([true, false]);
    expect(serverVersion(catalog, 'io.github.acme/weather-mcp', 'latest', opts).server.version).toBe('1.4.2');
    expect(
      serverVersion(catalog, 'io.github.acme/weather-mcp', '1.3.0', opts)._meta[CATALOG_META_KEY].id,
    ).toBe('weather-old');
  });

  it('says UNKNOWN_SERVER for an unknown name or version', () => {
    expect(codeOf(() => serverVersions(catalog, 'com.acme/nope', opts))).toBe('UNKNOWN_SERVER');
    expect(codeOf(() => serverVersion(catalog, 'io.github.acme/weather-mcp', '2.0.0', opts))).toBe(
      'UNKNOWN_SERVER',
    );
  });

  it('serves the same version twice only once, the first id winning', () => {
    const twin = ServerDefinitionSchema.parse({
      ...catalog.find((d) => d.id === 'weather-old'),
      id: 'a-twin',
    });
    const versions = serverVersions([...catalog, twin], 'io.github.acme/weather-mcp', opts).servers;
    expect(versions.map((s) => s._meta[CATALOG_META_KEY].id)).toEqual(['weather-mcp', 'a-twin']);
  });
});

describe('compareVersions', () => {
  it('orders by SemVer precedence, free-form versions last', () => {
    const sorted = ['1.10.0', 'nightly', '1.2.0', '1.2.0-rc.10', '1.2.0-rc.2', 'v0.9.0', '1.2.0-alpha'].sort(
      compareVersions,
    );
    expect(sorted).toEqual([
      'nightly',
      'v0.9.0',
      '1.2.0-alpha',
      '1.2.0-rc.2',
      '1.2.0-rc.10',
      '1.2.0',
      '1.10.0',
    ]);
  });
});

describe('built-in catalog', () => {
  it('is all served, with descriptions within the registry limit', () => {
    const served = listServers(builtinCatalog(), { limit: '100' }, opts).servers;
    expect(served).toHaveLength(builtinCatalog().length);
    expect(served.every((s) => s.server.description.length <= 100)).toBe(true);
  });
});
