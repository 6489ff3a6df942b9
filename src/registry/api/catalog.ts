/**
 * @module registry/api/catalog
 * The MCP Registry API v0.1 over our catalog, as pure functions: list with cursor pagination,
 * `search`, `updated_since` and `version`; the versions of one server; one version or `latest`.
 * Every catalog server is one version of the server named by registry/api/names.ts; two catalog
 * entries with the same registry name are two versions of one server.
 */
import { OrchestrationError } from '../../core/errors.js';
import type { ServerDefinition } from '../../core/schemas/registry.js';
import { VERSION } from '../../version.js';
import { CATALOG_META_KEY, registryNameOf } from './names.js';
import { OFFICIAL_META_KEY } from './schemas.js';
import { definitionToServerJson, type ServerJsonDocument } from './server-json.js';
import { compareVersions } from './versions.js';

/** Page size without `limit`, and the largest page (as the official registry). */
export const DEFAULT_LIMIT = 30;
export const MAX_LIMIT = 100;
/** The date served for servers that have no timestamps of their own (the built-in catalog). */
export const CATALOG_DATE = '2026-01-01T00:00:00.000Z';
/** The version of a user server that declares none. */
export const UNVERSIONED = '0.0.0';

export interface RegistryApiOptions {
  /** The namespace of user servers, e.g. `com.acme` (see names.ts). */
  namespace: string;
  /** When a server was first published and last changed; defaults to CATALOG_DATE. */
  timestamps?: (def: ServerDefinition) => { publishedAt?: string; updatedAt?: string } | undefined;
}

/** One served server version, as the API answers it. */
export interface RegistryServerResponse {
  server: ServerJsonDocument;
  _meta: {
    [OFFICIAL_META_KEY]: {
      status: 'active';
      publishedAt: string;
      updatedAt: string;
      isLatest: boolean;
    };
    [CATALOG_META_KEY]: {
      id: string;
      source: ServerDefinition['source'];
      transport: ServerDefinition['transport'];
      tags: string[];
      /** False when the server has no standard package or remote form (see server-json.ts). */
      installable: boolean;
    };
  };
}

export interface RegistryServerList {
  servers: RegistryServerResponse[];
  metadata: { count: number; nextCursor?: string };
}

/** The query of `GET /v0.1/servers`, as strings from the URL. */
export interface ListQuery {
  cursor?: string | undefined;
  limit?: string | undefined;
  search?: string | undefined;
  updated_since?: string | undefined;
  version?: string | undefined;
}

interface Entry {
  name: string;
  version: string;
  updatedAt: string;
  response: RegistryServerResponse;
}

function versionOf(def: ServerDefinition): string {
  return def.version ?? (def.source === 'builtin' ? VERSION : UNVERSIONED);
}

function byNameThenNewest(
  a: { name: string; version: string },
  b: { name: string; version: string },
): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return compareVersions(b.version, a.version);
}

/** Every served version, sorted by name, newest version first; the first of each name is latest. */
function entries(defs: readonly ServerDefinition[], options: RegistryApiOptions): Entry[] {
  const seen = new Set<string>();
  const out: Omit<Entry, 'response'>[] = [];
  const built = new Map<string, { def: ServerDefinition; publishedAt: string }>();
  for (const def of [...defs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const name = registryNameOf(def, options.namespace);
    const version = versionOf(def);
    const key = `${name}\u0000${version}`;
    if (seen.has(key)) continue; // the same version twice: the first id wins, deterministically
    seen.add(key);
    const dates = options.timestamps?.(def);
    const updatedAt = dates?.updatedAt ?? CATALOG_DATE;
    out.push({ name, version, updatedAt });
    built.set(key, { def, publishedAt: dates?.publishedAt ?? updatedAt });
  }
  out.sort(byNameThenNewest);
  return out.map((e, i) => {
    const { def, publishedAt } = built.get(`${e.name}\u0000${e.version}`) as {
      def: ServerDefinition;
      publishedAt: string;
    };
    const { document, installable } = definitionToServerJson(def, e);
    const isLatest = i === 0 || out[i - 1]?.name !== e.name;
    return {
      ...e,
      response: {
        server: document,
        _meta: {
          [OFFICIAL_META_KEY]: { status: 'active', publishedAt, updatedAt: e.updatedAt, isLatest },
          [CATALOG_META_KEY]: {
            id: def.id,
            source: def.source,
            transport: def.transport,
            tags: def.tags,
            installable,
          },
        },
      },
    };
  });
}

// ---- cursors: opaque to clients, the (name, version) of the last item served ----------------------

function encodeCursor(e: { name: string; version: string }): string {
  return Buffer.from(JSON.stringify([e.name, e.version]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { name: string; version: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { name: value[0], version: value[1] };
    }
  } catch {
    // falls through to the error below
  }
  throw new OrchestrationError(
    'INVALID_INPUT',
    'Invalid cursor: pass the exact "metadata.nextCursor" of the previous page, or none for the first page.',
    { cursor: cursor.slice(0, 200) },
  );
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_LIMIT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    throw new OrchestrationError(
      'INVALID_INPUT',
      `Invalid limit "${raw.slice(0, 40)}": give a whole number from 1.`,
      {
        limit: raw.slice(0, 40),
      },
    );
  }
  return Math.min(n, MAX_LIMIT);
}

function parseSince(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const t = /^\d{4}-\d{2}-\d{2}T/.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(t)) {
    throw new OrchestrationError(
      'INVALID_INPUT',
      `Invalid updated_since "${raw.slice(0, 40)}": give an RFC 3339 time such as 2025-08-07T13:15:04Z.`,
      { updated_since: raw.slice(0, 40) },
    );
  }
  return t;
}

/**
 * `GET /v0.1/servers`: one page of server versions.
 * @example
 * listServers(registry.list(), { search: 'git', limit: '10' }, { namespace: 'com.acme' }).metadata
 * // { count: 3 }
 */
export function listServers(
  defs: readonly ServerDefinition[],
  query: ListQuery,
  options: RegistryApiOptions,
): RegistryServerList {
  const limit = parseLimit(query.limit);
  const since = parseSince(query.updated_since);
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const needle = query.search?.trim().toLowerCase();
  const matching = entries(defs, options).filter((e) => {
    if (after && byNameThenNewest(e, after) <= 0) return false;
    if (since !== undefined && Date.parse(e.updatedAt) <= since) return false;
    if (query.version === 'latest' && !e.response._meta[OFFICIAL_META_KEY].isLatest) return false;
    if (query.version && query.version !== 'latest' && e.version !== query.version) return false;
    if (!needle) return true;
    const { name, title, description } = e.response.server;
    return [name, title, description].some((field) => field.toLowerCase().includes(needle));
  });
  const page = matching.slice(0, limit);
  const last = page.at(-1);
  const metadata: RegistryServerList['metadata'] = { count: page.length };
  if (matching.length > limit && last) metadata.nextCursor = encodeCursor(last);
  return { servers: page.map((e) => e.response), metadata };
}

function unknownServer(name: string): OrchestrationError {
  return new OrchestrationError('UNKNOWN_SERVER', `Server not found: "${name.slice(0, 200)}".`, {
    serverName: name.slice(0, 200),
  });
}

/**
 * `GET /v0.1/servers/{serverName}/versions`: every version of one server, newest first.
 * @example serverVersions(registry.list(), 'io.mcp-orchestration.catalog/memory', { namespace: 'com.acme' })
 */
export function serverVersions(
  defs: readonly ServerDefinition[],
  name: string,
  options: RegistryApiOptions,
): RegistryServerList {
  const versions = entries(defs, options).filter((e) => e.name === name);
  if (versions.length === 0) throw unknownServer(name);
  return { servers: versions.map((e) => e.response), metadata: { count: versions.length } };
}

/**
 * `GET /v0.1/servers/{serverName}/versions/{version}`; `latest` is the newest version.
 * @example serverVersion(registry.list(), 'io.mcp-orchestration.catalog/memory', 'latest', { namespace: 'com.acme' })
 */
export function serverVersion(
  defs: readonly ServerDefinition[],
  name: string,
  version: string,
  options: RegistryApiOptions,
): RegistryServerResponse {
  const versions = entries(defs, options).filter((e) => e.name === name);
  if (versions.length === 0) throw unknownServer(name);
  const found = version === 'latest' ? versions[0] : versions.find((e) => e.version === version);
  if (!found) {
    throw new OrchestrationError(
      'UNKNOWN_SERVER',
      `Server version not found: "${name.slice(0, 200)}" has no version "${version.slice(0, 100)}" (it has ${versions.map((e) => e.version).join(', ')}).`,
      { serverName: name.slice(0, 200), version: version.slice(0, 100) },
    );
  }
  return found.response;
}
