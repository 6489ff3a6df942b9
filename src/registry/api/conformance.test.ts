/**
 * Conformance of our Registry API v0.1 routes with the official OpenAPI document (2025-12-01):
 * every body each route answers, on every page and for every server and version, validates
 * against the document's own schemas.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testCatalog } from '../../../test/helpers/registry-catalog.js';
import { type RegistryValidators, registryValidators } from '../../../test/helpers/registry-openapi.js';
import { registryApiRoutes } from './routes.js';

const catalog = testCatalog();
const app = registryApiRoutes(async () => catalog, { namespace: 'com.acme' });
let v: RegistryValidators;

async function get(path: string): Promise<{ status: number; body: any }> {
  const res = await app.request(path);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  v = await registryValidators();
});

describe('the OpenAPI fixture', () => {
  it('is the 2025-12-01 registry API and a valid OpenAPI 3.1 document', () => {
    expect(v.document.info.version).toBe('2025-12-01');
    expect(v.document.openapi).toBe('3.1.0');
    expect(v.documentErrors).toHaveLength(1);
    expect(v.documentErrors[0]).toContain('$id is not expected to be here');
    expect(v.validWithoutId).toBe(true);
  });
});

describe('GET /v0.1/servers', () => {
  it('answers every page of a full walk with a valid ServerList', async () => {
    let cursor: string | undefined;
    let pages = 0;
    let seen = 0;
    do {
      const { status, body } = await get(
        `/v0.1/servers?limit=11${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(status).toBe(200);
      expect(v.serverList(body)).toEqual([]);
      seen += body.servers.length;
      cursor = body.metadata.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).toBe(catalog.length);
    expect(pages).toBe(Math.ceil(catalog.length / 11));
  });

  it('answers filtered and empty lists with a valid ServerList', async () => {
    for (const query of [
      'search=weather',
      'version=latest',
      'updated_since=2030-01-01T00:00:00Z',
      'search=zzz',
    ]) {
      const { status, body } = await get(`/v0.1/servers?${query}`);
      expect(status).toBe(200);
      expect(v.serverList(body), query).toEqual([]);
    }
  });
});

describe('GET /v0.1/servers/{serverName}/versions[/{version}]', () => {
  it('answers every server, every version and latest with valid bodies', async () => {
    const { body } = await get('/v0.1/servers?limit=100');
    const names = new Set<string>(body.servers.map((s: any) => s.server.name));
    expect(names.size).toBe(catalog.length - 1); // the weather server has two versions
    for (const name of names) {
      const versions = await get(`/v0.1/servers/${encodeURIComponent(name)}/versions`);
      expect(versions.status).toBe(200);
      expect(v.serverList(versions.body), name).toEqual([]);
      for (const entry of versions.body.servers) {
        const one = await get(
          `/v0.1/servers/${encodeURIComponent(name)}/versions/${encodeURIComponent(entry.server.version)}`,
        );
        expect(one.status).toBe(200);
        expect(v.serverResponse(one.body), `${name}@${entry.server.version}`).toEqual([]);
      }
      const latest = await get(`/v0.1/servers/${encodeURIComponent(name)}/versions/latest`);
      expect(v.serverResponse(latest.body)).toEqual([]);
      expect(latest.body).toEqual(versions.body.servers[0]);
    }
  });

  it('answers an unknown server or version with the documented 404 body', async () => {
    for (const path of [
      '/v0.1/servers/com.acme%2Fnope/versions',
      '/v0.1/servers/com.acme%2Fnope/versions/latest',
      '/v0.1/servers/io.github.acme%2Fweather-mcp/versions/9.9.9',
    ]) {
      const { status, body } = await get(path);
      expect(status, path).toBe(404);
      expect(v.notFound(body)).toEqual([]);
      expect(typeof body.error).toBe('string');
    }
  });
});
