/**
 * The registry client against two live loopback servers: this tool's own registry sub-app, and a
 * deliberately odd v0.1 registry (its own page size and cursor format, names that must be
 * URL-encoded, unknown fields everywhere, an empty cursor on the last page).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureServerJson, testCatalog } from '../../../test/helpers/registry-catalog.js';
import { buildServerEntry } from '../registry.js';
import {
  fetchRegistryServer,
  parseServerRef,
  registryBase,
  registryServerToDefinition,
  searchRegistry,
} from './client.js';
import { registryApiRoutes } from './routes.js';

const catalog = testCatalog();
let ours: Server;
let odd: Server;
let oursUrl = '';
let oddUrl = '';
const oddRequests: string[] = [];

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

/** Five servers, one of them in two versions, each with fields no specification has. */
const ODD_SERVERS = [
  { name: 'io.github.odd-org/alpha', version: '1.0.0', latest: true },
  { name: 'io.github.odd-org/beta.v2_x', version: '2.0.0+build.7', latest: true },
  { name: 'io.github.odd-org/gamma', version: '0.9.0', latest: false },
  { name: 'io.github.odd-org/gamma', version: '1.0.0', latest: true },
  { name: 'com.example.deep.sub/delta', version: 'nightly', latest: true },
].map((s) => ({
  server: {
    ...fixtureServerJson('npm-weather'),
    name: s.name,
    version: s.version,
    title: `Odd ${s.name.split('/')[1]}`,
    'x-vendor-rank': 7,
    packages: [
      { registryType: 'cargo', identifier: 'odd-crate', transport: { type: 'stdio' } },
      ...((fixtureServerJson('npm-weather').packages as object[]) ?? []),
    ],
  },
  _meta: {
    'io.modelcontextprotocol.registry/official': {
      status: 'active',
      isLatest: s.latest,
      shinyNewField: true,
    },
    'com.odd/ranking': { stars: 3 },
  },
}));
const PAGE = 2; // the odd registry ignores `limit`

beforeAll(async () => {
  const app = registryApiRoutes(async () => catalog, {
    namespace: 'com.acme',
    authorize: (req) => req.headers.get('authorization') !== 'Bearer wrong',
  });
  ours = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }) as Server;
  await new Promise((r) => ours.once('listening', r));
  oursUrl = `http://127.0.0.1:${(ours.address() as AddressInfo).port}`;

  odd = createServer((req, res) => {
    oddRequests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://odd');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'X-Odd': 'yes' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/registry/v0.1/servers') {
      // Cursors are "page <n> / ?&=" strings that break unless they are URL-encoded.
      const from = Number(
        /^page (\d+) \/ \?&=$/.exec(url.searchParams.get('cursor') ?? 'page 0 / ?&=')?.[1] ?? -1,
      );
      if (from < 0) return send(400, { title: 'Bad Request', status: 400, detail: 'cursor is garbled' });
      const all = ODD_SERVERS.filter(
        (s) =>
          !url.searchParams.get('search') || s.server.name.includes(url.searchParams.get('search') ?? ''),
      ); // and it ignores version=latest
      const page = all.slice(from, from + PAGE);
      const nextCursor = from + PAGE < all.length ? `page ${from + PAGE} / ?&=` : '';
      return send(200, {
        servers: page,
        metadata: { nextCursor, count: page.length, total: all.length },
        extra: 1,
      });
    }
    // Names must come URL-encoded: a raw slash in the name is a 404 here, as on the official registry.
    const m = /^\/registry\/v0\.1\/servers\/([^/]+)\/versions\/([^/]+)$/.exec(url.pathname);
    if (m) {
      const name = decodeURIComponent(m[1] ?? '');
      const version = decodeURIComponent(m[2] ?? '');
      const hit = ODD_SERVERS.find(
        (s) =>
          s.server.name === name &&
          (version === 'latest'
            ? s._meta['io.modelcontextprotocol.registry/official'].isLatest
            : s.server.version === version),
      );
      return hit
        ? send(200, hit)
        : send(404, { title: 'Not Found', status: 404, detail: 'Server not found' });
    }
    if (url.pathname === '/broken/v0.1/servers') return send(500, { error: 'database down' });
    if (url.pathname === '/html/v0.1/servers') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      return res.end('<html>login</html>');
    }
    if (url.pathname === '/shape/v0.1/servers') return send(200, { items: [] });
    return send(404, { error: 'nothing here' });
  });
  oddUrl = `${await listen(odd)}/registry`;
});

afterAll(async () => {
  await new Promise((r) => ours.close(r));
  await new Promise((r) => odd.close(r));
});

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (err: { code?: string }) => err.code,
  );

describe('against our own registry on a live loopback server', () => {
  it('searches across pages and finds each server once', async () => {
    const all = await searchRegistry(oursUrl, { limit: 500 });
    expect(all.servers).toHaveLength(catalog.length - 1);
    expect(all.truncated).toBe(false);
    const some = await searchRegistry(`${oursUrl}/v0.1/servers`, { search: 'git', limit: 3 });
    expect(some.servers).toHaveLength(3);
    expect(some.truncated).toBe(true);
  });

  it('imports a server back into the same definition, keeping its catalog id', async () => {
    for (const id of ['filesystem', 'github', 'weather-mcp', 'acme-tools']) {
      const def = catalog.find((d) => d.id === id);
      const { servers } = await searchRegistry(oursUrl, { search: def?.name.slice(0, 6) ?? '', limit: 200 });
      const hit = servers.find((s) => registryServerToDefinition(s.response).id === id);
      expect(hit, id).toBeDefined();
      const fetched = await fetchRegistryServer(oursUrl, hit?.name ?? '', hit?.version);
      const back = registryServerToDefinition(fetched);
      expect(back.id).toBe(id);
      expect(back.registry_name).toBe(hit?.name);
      const entry = (d: typeof back) =>
        JSON.stringify(
          buildServerEntry(d, { params: Object.fromEntries(d.params.map((p) => [p.name, 'x'])) }).entry,
        ).replace(/@latest/g, '');
      expect(entry(back)).toBe(entry(def as typeof back));
    }
  });

  it('fetches a given version, and says UNKNOWN_SERVER for one that is not there', async () => {
    const old = await fetchRegistryServer(oursUrl, 'io.github.acme/weather-mcp', '1.3.0');
    expect(old.server.version).toBe('1.3.0');
    expect(await codeOf(fetchRegistryServer(oursUrl, 'io.github.acme/weather-mcp', '7.0.0'))).toBe(
      'UNKNOWN_SERVER',
    );
    expect(await codeOf(fetchRegistryServer(oursUrl, 'com.acme/nope'))).toBe('UNKNOWN_SERVER');
  });

  it('says REGISTRY_UNAUTHORIZED when the token is refused', async () => {
    expect(await codeOf(searchRegistry(oursUrl, {}, { token: 'wrong' }))).toBe('REGISTRY_UNAUTHORIZED');
  });
});

describe('against an odd v0.1 registry', () => {
  it('follows its own cursors, URL-encoded, ends on an empty cursor, and dedupes versions', async () => {
    oddRequests.length = 0;
    const result = await searchRegistry(oddUrl, {});
    expect(result.servers.map((s) => `${s.name}@${s.version}`)).toEqual([
      'io.github.odd-org/alpha@1.0.0',
      'io.github.odd-org/beta.v2_x@2.0.0+build.7',
      'io.github.odd-org/gamma@1.0.0',
      'com.example.deep.sub/delta@nightly',
    ]);
    expect(result.truncated).toBe(false);
    expect(oddRequests).toHaveLength(3);
    expect(oddRequests[1]).toContain('cursor=page+2+%2F+%3F%26%3D');
    expect(result.servers[0]?.runs).toEqual(['cargo:odd-crate', 'npm:@acme/weather-mcp@1.4.2']);
  });

  it('fetches by URL-encoded name and version, ignores unknown fields, and imports the npm package', async () => {
    oddRequests.length = 0;
    const response = await fetchRegistryServer(oddUrl, 'io.github.odd-org/beta.v2_x', '2.0.0+build.7');
    expect(oddRequests[0]).toBe(
      '/registry/v0.1/servers/io.github.odd-org%2Fbeta.v2_x/versions/2.0.0%2Bbuild.7',
    );
    const def = registryServerToDefinition(response);
    expect(def).toMatchObject({
      id: 'beta.v2_x',
      command: 'npx',
      version: '2.0.0+build.7',
      registry_name: 'io.github.odd-org/beta.v2_x',
      source: 'user',
    });
    expect(def.args?.[1]).toBe('@acme/weather-mcp@1.4.2');
    expect(registryServerToDefinition(response, { id: 'odd-beta' }).id).toBe('odd-beta');
    const latest = await fetchRegistryServer(oddUrl, 'io.github.odd-org/gamma');
    expect(latest.server.version).toBe('1.0.0');
  });

  it('turns its problem+json 404 into UNKNOWN_SERVER', async () => {
    expect(await codeOf(fetchRegistryServer(oddUrl, 'io.github.odd-org/none'))).toBe('UNKNOWN_SERVER');
  });
});

describe('failures', () => {
  it('names each failure with its code', async () => {
    const base = oddUrl.replace(/\/registry$/, '');
    expect(await codeOf(searchRegistry(`${base}/broken`))).toBe('REGISTRY_UNREACHABLE');
    expect(await codeOf(searchRegistry(`${base}/html`))).toBe('REGISTRY_INVALID_RESPONSE');
    expect(await codeOf(searchRegistry(`${base}/shape`))).toBe('REGISTRY_INVALID_RESPONSE');
    expect(await codeOf(searchRegistry(`${base}/nothing`))).toBe('REGISTRY_INVALID_RESPONSE');
    expect(await codeOf(searchRegistry('ftp://example.com'))).toBe('INVALID_URL');
    const closed = createServer();
    const url = await listen(closed);
    await new Promise((r) => closed.close(r));
    const err = await searchRegistry(url).catch((e: Error & { code: string }) => e);
    expect((err as { code: string }).code).toBe('REGISTRY_UNREACHABLE');
    expect((err as Error).message).toContain('ECONNREFUSED');
  });

  it('gives up on a registry that does not answer in time', async () => {
    const slow = createServer(() => {}); // never answers
    const url = await listen(slow);
    try {
      expect(await codeOf(searchRegistry(url, {}, { timeoutMs: 200 }))).toBe('REGISTRY_UNREACHABLE');
    } finally {
      slow.closeAllConnections();
      await new Promise((r) => slow.close(r));
    }
  });
});

describe('helpers', () => {
  it('normalizes registry URLs and parses NAME@VERSION', () => {
    expect(registryBase('https://r.example.com/')).toBe('https://r.example.com');
    expect(registryBase('https://r.example.com/x/v0.1/servers')).toBe('https://r.example.com/x');
    expect(parseServerRef('io.github.acme/weather@1.2.0')).toEqual({
      name: 'io.github.acme/weather',
      version: '1.2.0',
    });
    expect(parseServerRef('io.github.acme/weather')).toEqual({
      name: 'io.github.acme/weather',
      version: 'latest',
    });
  });
});
