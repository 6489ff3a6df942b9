/**
 * @module registry/api/client
 * Reads any MCP Registry API v0.1 (the official registry, a company's, or our own `serve`):
 * search with cursor pagination, one server version, and the mapping of a fetched server into a
 * catalog definition, done by import-server-json.ts exactly as for a `server.json` file.
 * Other registries differ in small ways, so the client is tolerant: unknown fields are ignored,
 * an empty or missing `nextCursor` ends the walk, a repeated cursor stops it, and a registry that
 * ignores `version=latest` still yields each server once.
 */
import { OrchestrationError } from '../../core/errors.js';
import { ID_PATTERN } from '../../core/ids.js';
import type { ServerDefinition } from '../../core/schemas/registry.js';
import { serverJsonToDefinition } from '../import-server-json.js';
import { CATALOG_META_KEY } from './names.js';
import {
  officialMeta,
  type ServerList,
  ServerListSchema,
  type ServerResponse,
  ServerResponseSchema,
} from './schemas.js';
import { compareVersions } from './versions.js';

const API_PATH = '/v0.1/servers';
export const DEFAULT_SEARCH_LIMIT = 50;
const PAGE_LIMIT = 100;
const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_PAGES = 50;
/** A registry page larger than this is not a registry page. */
const MAX_BODY_CHARS = 20 * 1024 * 1024;

export interface RegistryClientOptions {
  /** A reader token, sent as `Authorization: Bearer`. */
  token?: string;
  timeoutMs?: number;
  /** The most pages one search follows. */
  maxPages?: number;
  fetch?: typeof fetch;
}

export interface RegistrySearchQuery {
  /** Substring the registry matches against names (and, on newer registries, descriptions). */
  search?: string;
  /** How many servers to return at most (all pages together). */
  limit?: number;
  /** `latest` (the default) for one entry per server, or an exact version. */
  version?: string;
  /** Only servers updated after this RFC 3339 time. */
  updatedSince?: string;
}

/** What a search shows about one server version. */
export interface RegistryServerSummary {
  name: string;
  version: string;
  title?: string;
  description?: string;
  status?: string;
  updatedAt?: string;
  /** `npm:@acme/weather@1.2.0`, `oci:ghcr.io/acme/tool:1`, `remote:streamable-http https://...`. */
  runs: string[];
  /** The full response, for import. */
  response: ServerResponse;
}

export interface RegistrySearchResult {
  registry: string;
  servers: RegistryServerSummary[];
  /** Set when more servers matched than `limit`. */
  truncated: boolean;
}

/**
 * The API root of a registry URL: `https://r.example.com`, `.../v0.1` and `.../v0.1/servers` all
 * name the same registry.
 */
export function registryBase(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    parsed = new URL('invalid:');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new OrchestrationError(
      'INVALID_URL',
      `"${url.slice(0, 200)}" is not an http(s) URL of an MCP registry, such as https://registry.modelcontextprotocol.io.`,
      { url: url.slice(0, 200) },
    );
  }
  const path = parsed.pathname.replace(/\/+$/, '').replace(/\/v0(\.1)?(\/servers)?$/, '');
  return `${parsed.origin}${path}`;
}

function describe(body: string): string {
  try {
    const data = JSON.parse(body) as {
      error?: unknown;
      detail?: unknown;
      title?: unknown;
      message?: unknown;
    };
    const text = [data.error, data.detail, data.message, data.title].find((v) => typeof v === 'string');
    if (typeof text === 'string') return `: ${text.slice(0, 300)}`;
  } catch {
    // not JSON: say nothing more
  }
  return '';
}

async function getJson(
  url: string,
  options: RegistryClientOptions,
): Promise<{ status: number; data: unknown }> {
  const doFetch = options.fetch ?? fetch;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  const where = new URL(url).origin;
  let res: Response;
  let body: string;
  try {
    res = await doFetch(url, {
      headers,
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    body = await res.text();
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    throw new OrchestrationError(
      'REGISTRY_UNREACHABLE',
      `Cannot reach the MCP registry at ${where} (${cause}). Check the URL, your network, and that the registry is running.`,
      { url, cause },
    );
  }
  if (res.status === 401 || res.status === 403) {
    throw new OrchestrationError(
      'REGISTRY_UNAUTHORIZED',
      `The MCP registry at ${where} refused the request (${res.status})${describe(body)}. Pass a reader token with --token.`,
      { url, status: res.status },
    );
  }
  if (res.status >= 500) {
    throw new OrchestrationError(
      'REGISTRY_UNREACHABLE',
      `The MCP registry at ${where} failed (${res.status})${describe(body)}. Try again later.`,
      { url, status: res.status },
    );
  }
  if (res.status === 404) return { status: 404, data: undefined };
  if (res.status >= 400) {
    throw new OrchestrationError(
      'INVALID_INPUT',
      `The MCP registry at ${where} rejected the request (${res.status})${describe(body)}.`,
      { url, status: res.status },
    );
  }
  if (body.length > MAX_BODY_CHARS) throw invalidResponse(url, 'the answer is too large');
  try {
    return { status: res.status, data: JSON.parse(body) };
  } catch {
    throw invalidResponse(url, 'the answer is not JSON');
  }
}

function invalidResponse(url: string, why: string): OrchestrationError {
  return new OrchestrationError(
    'REGISTRY_INVALID_RESPONSE',
    `${new URL(url).origin} does not answer as an MCP Registry API v0.1: ${why}. Check the registry URL.`,
    { url },
  );
}

function runsOf(response: ServerResponse): string[] {
  const out: string[] = [];
  for (const p of response.server.packages ?? []) {
    const pkg = p as { registryType?: unknown; identifier?: unknown; version?: unknown };
    if (typeof pkg.registryType !== 'string' || typeof pkg.identifier !== 'string') continue;
    out.push(
      `${pkg.registryType}:${pkg.identifier}${typeof pkg.version === 'string' ? `@${pkg.version}` : ''}`,
    );
  }
  for (const r of response.server.remotes ?? []) {
    const remote = r as { type?: unknown; url?: unknown };
    if (typeof remote.type === 'string' && typeof remote.url === 'string') {
      out.push(`remote:${remote.type} ${remote.url}`);
    }
  }
  return out;
}

function summarize(response: ServerResponse): RegistryServerSummary {
  const { server } = response;
  const meta = officialMeta(response);
  return {
    name: server.name,
    version: server.version,
    ...(server.title === undefined ? {} : { title: server.title }),
    ...(server.description === undefined ? {} : { description: server.description }),
    ...(meta?.status === undefined ? {} : { status: meta.status }),
    ...(meta?.updatedAt === undefined ? {} : { updatedAt: meta.updatedAt }),
    runs: runsOf(response),
    response,
  };
}

/** One entry per name: the one the registry marks latest, else the highest version. */
function newestPerName(servers: RegistryServerSummary[]): RegistryServerSummary[] {
  const best = new Map<string, RegistryServerSummary>();
  for (const s of servers) {
    const held = best.get(s.name);
    const latest = (x: RegistryServerSummary) => officialMeta(x.response)?.isLatest === true;
    if (
      !held ||
      (latest(s) && !latest(held)) ||
      (latest(s) === latest(held) && compareVersions(s.version, held.version) > 0)
    ) {
      best.set(s.name, s);
    }
  }
  return [...best.values()];
}

/**
 * Searches a registry, following `metadata.nextCursor` until `limit` servers are found.
 * @example
 * const { servers } = await searchRegistry('https://registry.modelcontextprotocol.io', { search: 'github' });
 */
export async function searchRegistry(
  url: string,
  query: RegistrySearchQuery = {},
  options: RegistryClientOptions = {},
): Promise<RegistrySearchResult> {
  const base = registryBase(url);
  const wanted = Math.max(1, Math.floor(query.limit ?? DEFAULT_SEARCH_LIMIT));
  const version = query.version ?? 'latest';
  const found: RegistryServerSummary[] = [];
  const cursors = new Set<string>();
  let cursor: string | undefined;
  let more = false;
  for (let page = 0; page < (options.maxPages ?? DEFAULT_MAX_PAGES); page++) {
    const params = new URLSearchParams({ limit: String(Math.min(PAGE_LIMIT, wanted - found.length + 1)) });
    if (query.search) params.set('search', query.search);
    if (version) params.set('version', version);
    if (query.updatedSince) params.set('updated_since', query.updatedSince);
    if (cursor) params.set('cursor', cursor);
    const pageUrl = `${base}${API_PATH}?${params}`;
    const { status, data } = await getJson(pageUrl, options);
    if (status === 404) throw invalidResponse(pageUrl, `${API_PATH} is not there (404)`);
    const parsed = ServerListSchema.safeParse(data);
    if (!parsed.success) throw invalidResponse(pageUrl, 'the answer has no "servers" list');
    const list: ServerList = parsed.data;
    found.push(...list.servers.map(summarize));
    const next = list.metadata?.nextCursor ?? undefined;
    more = Boolean(next);
    if (!next || cursors.has(next) || found.length > wanted) break;
    cursors.add(next);
    cursor = next;
  }
  const servers = version === 'latest' ? newestPerName(found) : found;
  return {
    registry: base,
    servers: servers.slice(0, wanted),
    truncated: servers.length > wanted || more,
  };
}

/**
 * One version of a server (`latest` by default); the name is URL-encoded for the request.
 * @example
 * const response = await fetchRegistryServer('https://registry.modelcontextprotocol.io', 'io.github.acme/weather');
 */
export async function fetchRegistryServer(
  url: string,
  name: string,
  version = 'latest',
  options: RegistryClientOptions = {},
): Promise<ServerResponse> {
  const base = registryBase(url);
  const target = `${base}${API_PATH}/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}`;
  const { status, data } = await getJson(target, options);
  if (status === 404) {
    throw new OrchestrationError(
      'UNKNOWN_SERVER',
      `The MCP registry at ${base} has no server "${name.slice(0, 200)}"${version === 'latest' ? '' : ` in version ${version.slice(0, 100)}`}. Try "servers search ${name.slice(name.indexOf('/') + 1, 60)} --registry ${base}".`,
      { registry: base, serverName: name.slice(0, 200), version: version.slice(0, 100) },
    );
  }
  const parsed = ServerResponseSchema.safeParse(data);
  if (!parsed.success) throw invalidResponse(target, 'the answer has no "server" with a name and a version');
  return parsed.data;
}

/**
 * A fetched server as a catalog definition, mapped as `servers import FILE` maps a `server.json`.
 * A server served by mcp-orchestration keeps its catalog id unless another is given.
 * @example registryServerToDefinition(await fetchRegistryServer(url, 'io.github.acme/weather'))
 */
export function registryServerToDefinition(
  response: ServerResponse,
  opts: { id?: string } = {},
): ServerDefinition {
  const ours = response._meta?.[CATALOG_META_KEY] as { id?: unknown } | undefined;
  const id = opts.id ?? (typeof ours?.id === 'string' && ID_PATTERN.test(ours.id) ? ours.id : undefined);
  return serverJsonToDefinition(response.server, id === undefined ? {} : { id });
}

/** `NAME@VERSION` as given on the command line; the version defaults to `latest`. */
export function parseServerRef(ref: string): { name: string; version: string } {
  const at = ref.lastIndexOf('@');
  // A name holds one slash and no '@'; an '@' after the slash starts the version.
  if (at > ref.indexOf('/') && at > 0)
    return { name: ref.slice(0, at), version: ref.slice(at + 1) || 'latest' };
  return { name: ref, version: 'latest' };
}
