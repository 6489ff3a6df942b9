import { describe, expect, it } from 'vitest';
import { testCatalog } from '../../../test/helpers/registry-catalog.js';
import { ServerDefinitionSchema } from '../../core/schemas/registry.js';
import { registryApiRoutes } from './routes.js';

const build = ServerDefinitionSchema.parse({
  ...testCatalog().find((d) => d.id === 'acme-tools'),
  id: 'acme-build',
  version: '1.0.0+20130313144700',
});
const catalog = [...testCatalog(), build];
const app = registryApiRoutes(async () => catalog, { namespace: 'com.acme' });

describe('registryApiRoutes', () => {
  it('takes URL-encoded names, and a plain slash too', async () => {
    const encoded = await app.request('/v0.1/servers/io.github.acme%2Fweather-mcp/versions');
    const plain = await app.request('/v0.1/servers/io.github.acme/weather-mcp/versions');
    expect(encoded.status).toBe(200);
    expect(await plain.json()).toEqual(await encoded.json());
  });

  it('takes URL-encoded versions with build metadata', async () => {
    const res = await app.request('/v0.1/servers/com.acme%2Facme-build/versions/1.0.0%2B20130313144700');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { server: { version: string } }).server.version).toBe(
      '1.0.0+20130313144700',
    );
  });

  it('answers bad queries with 400 in the registry error shape', async () => {
    const res = await app.request('/v0.1/servers?cursor=%%%');
    expect(res.status).toBe(400);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error).toMatch(/cursor/);
  });

  it('is read-only and answers other paths with 404', async () => {
    expect((await app.request('/v0.1/publish', { method: 'POST', body: '{}' })).status).toBe(405);
    expect((await app.request('/v0.1/servers/com.acme%2Facme-tools')).status).toBe(404);
    expect((await app.request('/v0.1/nothing')).status).toBe(404);
  });

  it('asks for a token when authorize says no', async () => {
    const guarded = registryApiRoutes(async () => catalog, {
      namespace: 'com.acme',
      authorize: (req) => req.headers.get('authorization') === 'Bearer good',
    });
    const denied = await guarded.request('/v0.1/servers');
    expect(denied.status).toBe(401);
    expect(denied.headers.get('www-authenticate')).toBe('Bearer');
    expect(Object.keys((await denied.json()) as object)).toEqual(['error']);
    const allowed = await guarded.request('/v0.1/servers', { headers: { Authorization: 'Bearer good' } });
    expect(allowed.status).toBe(200);
  });

  it('answers a catalog that fails to load with 500 and no detail', async () => {
    const broken = registryApiRoutes(
      async () => {
        throw new Error('disk on fire at /secret/path');
      },
      { namespace: 'com.acme' },
    );
    const res = await broken.request('/v0.1/servers');
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'Internal server error' });
  });
});
