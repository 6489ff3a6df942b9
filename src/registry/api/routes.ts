/**
 * @module registry/api/routes
 * The MCP Registry API v0.1 as a Hono sub-app over a catalog: `GET /v0.1/servers`,
 * `/v0.1/servers/{serverName}/versions` and `/v0.1/servers/{serverName}/versions/{version}`.
 * Errors use the registry API's own shape, `{ "error": "..." }`, not ours, because the callers are
 * IDEs and registry clients written against that specification.
 * Server names arrive URL-encoded (`com.acme%2Fweather`); an unencoded slash is accepted too.
 */
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { toOrchestrationError } from '../../core/errors.js';
import type { ServerDefinition } from '../../core/schemas/registry.js';
import { listServers, type RegistryApiOptions, serverVersion, serverVersions } from './catalog.js';
import type { RegistryErrorBody } from './schemas.js';

export const REGISTRY_API_PREFIX = '/v0.1';
const SERVERS_PATH = `${REGISTRY_API_PREFIX}/servers`;

export interface RegistryApiRouteOptions extends RegistryApiOptions {
  /** Decides whether a request may read; false answers 401. Without it every request may read. */
  authorize?: (request: Request) => boolean | Promise<boolean>;
}

const STATUS_BY_CODE: Record<string, ContentfulStatusCode> = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  UNKNOWN_SERVER: 404,
};

function fail(status: ContentfulStatusCode, error: string): Response {
  const body: RegistryErrorBody = { error };
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (status === 401) headers['WWW-Authenticate'] = 'Bearer';
  return new Response(JSON.stringify(body), { status, headers });
}

function failWith(err: unknown): Response {
  const error = toOrchestrationError(err);
  const status = STATUS_BY_CODE[error.code] ?? 500;
  return fail(status, status === 500 ? 'Internal server error' : error.message);
}

/** `{serverName}/versions[/{version}]` from the raw path, each part percent-decoded once. */
function parseServerPath(rawPath: string): { name: string; version?: string } | undefined {
  const parts = rawPath.slice(SERVERS_PATH.length + 1).split('/');
  if (parts.at(-1) === '') parts.pop();
  let nameParts: string[];
  let version: string | undefined;
  if (parts.at(-1) === 'versions') nameParts = parts.slice(0, -1);
  else if (parts.at(-2) === 'versions') {
    nameParts = parts.slice(0, -2);
    version = parts.at(-1);
  } else return undefined;
  try {
    const name = nameParts.map(decodeURIComponent).join('/');
    const decodedVersion = version === undefined ? undefined : decodeURIComponent(version);
    if (!name) return undefined;
    return decodedVersion === undefined ? { name } : { name, version: decodedVersion };
  } catch {
    return undefined;
  }
}

/**
 * The registry API routes; mount them with `app.route('/', registryApiRoutes(...))`.
 * @example
 * const api = registryApiRoutes(async () => registry.list(), { namespace: 'com.acme' });
 * await api.request('/v0.1/servers?search=git&limit=5');
 */
export function registryApiRoutes(
  getCatalog: () => Promise<ServerDefinition[]>,
  options: RegistryApiRouteOptions,
): Hono {
  const app = new Hono();

  app.use(`${REGISTRY_API_PREFIX}/*`, async (c, next) => {
    if (options.authorize && !(await options.authorize(c.req.raw))) {
      return fail(401, 'Unauthorized: this registry needs a reader token (Authorization: Bearer TOKEN).');
    }
    await next();
  });

  app.get(SERVERS_PATH, async (c) => {
    try {
      const q = c.req.query();
      const query = {
        cursor: q.cursor,
        limit: q.limit,
        search: q.search,
        updated_since: q.updated_since,
        version: q.version,
      };
      return c.json(listServers(await getCatalog(), query, options));
    } catch (err) {
      return failWith(err);
    }
  });

  app.get(`${SERVERS_PATH}/*`, async (c) => {
    const target = parseServerPath(new URL(c.req.url).pathname);
    if (!target) {
      return fail(404, 'Not found: use /v0.1/servers/{serverName}/versions or .../versions/{version}.');
    }
    try {
      const catalog = await getCatalog();
      return target.version === undefined
        ? c.json(serverVersions(catalog, target.name, options))
        : c.json(serverVersion(catalog, target.name, target.version, options));
    } catch (err) {
      return failWith(err);
    }
  });

  app.all(`${REGISTRY_API_PREFIX}/*`, (c) =>
    c.req.method === 'GET'
      ? fail(404, 'Not found: this registry serves GET /v0.1/servers and its versions.')
      : fail(405, 'Method not allowed: this registry is read-only; publish with mcp-orchestration.'),
  );

  return app;
}
