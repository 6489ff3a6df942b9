/**
 * @module clients/entry-shapes
 * The entry shapes clients share: most write `command`/`args`/`env` and `url`/`headers`, and
 * differ only in the name and values of the transport field and the URL key. Readers here turn a
 * client's raw entry back into a neutral one, failing with CLIENT_CONFIG_INVALID on a bad field.
 */
import { OrchestrationError } from '../core/errors.js';
import { isRemote, type RemoteServer, type ServerEntry, type StdioServer } from '../core/schemas/payload.js';
import type { ClientAdapter } from './adapter.js';

export type EntryCodec = Pick<ClientAdapter, 'toClient' | 'fromClient'> &
  Partial<Pick<ClientAdapter, 'carries' | 'neutralDefaults'>>;

/**
 * Where a client keeps the shared fields of the neutral model (issue #12), each optional:
 * `disabled: true` or `enabled: false`, tool filter lists, a timeout in ms or seconds.
 */
export interface SharedFieldKeys {
  disabledKey?: string;
  enabledKey?: string;
  includeToolsKey?: string;
  excludeToolsKey?: string;
  timeout?: { key: string; unit: 'ms' | 's' };
}

/** Which shared fields these keys express, and the values that mean nothing. */
export function sharedFieldSupport(keys: SharedFieldKeys): Pick<EntryCodec, 'carries' | 'neutralDefaults'> {
  const neutralDefaults: Record<string, unknown> = {};
  if (keys.disabledKey) neutralDefaults[keys.disabledKey] = false;
  if (keys.enabledKey) neutralDefaults[keys.enabledKey] = true;
  return {
    carries: {
      disabled: keys.disabledKey !== undefined || keys.enabledKey !== undefined,
      toolsInclude: keys.includeToolsKey !== undefined,
      toolsExclude: keys.excludeToolsKey !== undefined,
      timeout: keys.timeout !== undefined,
    },
    neutralDefaults,
  };
}

/** The client fields for an entry's shared fields (only those the keys name). */
export function writeSharedFields(keys: SharedFieldKeys, entry: ServerEntry): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (entry.disabled === true) {
    if (keys.disabledKey) out[keys.disabledKey] = true;
    else if (keys.enabledKey) out[keys.enabledKey] = false;
  }
  if (keys.includeToolsKey && entry.tools?.include !== undefined)
    out[keys.includeToolsKey] = entry.tools.include;
  if (keys.excludeToolsKey && entry.tools?.exclude !== undefined)
    out[keys.excludeToolsKey] = entry.tools.exclude;
  if (keys.timeout && entry.timeout !== undefined) {
    out[keys.timeout.key] = keys.timeout.unit === 's' ? Math.ceil(entry.timeout / 1000) : entry.timeout;
  }
  return out;
}

/** A list of tool names, where an empty list is kept (an empty include list allows no tool). */
export function toolList(server: string, obj: Record<string, unknown>, field: string): string[] | undefined {
  const value = obj[field];
  if (Array.isArray(value) && value.length === 0) return [];
  return optionalStringArray(server, obj, field);
}

/** The shared fields of a client entry, as neutral fields. */
export function readSharedFields(
  keys: SharedFieldKeys,
  server: string,
  obj: Record<string, unknown>,
): Pick<ServerEntry, 'disabled' | 'tools' | 'timeout'> {
  const out: Pick<ServerEntry, 'disabled' | 'tools' | 'timeout'> = {};
  const flag = (key: string | undefined) => {
    if (key === undefined || obj[key] === undefined) return undefined;
    if (typeof obj[key] !== 'boolean') throw invalidField(server, key, 'true or false');
    return obj[key] as boolean;
  };
  if (flag(keys.disabledKey) === true || flag(keys.enabledKey) === false) out.disabled = true;
  const include = keys.includeToolsKey ? toolList(server, obj, keys.includeToolsKey) : undefined;
  const exclude = keys.excludeToolsKey ? optionalStringArray(server, obj, keys.excludeToolsKey) : undefined;
  if (include !== undefined || (exclude !== undefined && exclude.length > 0)) {
    out.tools = {
      ...(include !== undefined ? { include } : {}),
      ...(exclude !== undefined && exclude.length > 0 ? { exclude } : {}),
    };
  }
  if (keys.timeout && obj[keys.timeout.key] !== undefined) {
    const value = obj[keys.timeout.key];
    if (typeof value !== 'number' || !(value > 0))
      throw invalidField(server, keys.timeout.key, 'a positive number');
    out.timeout = Math.round(keys.timeout.unit === 's' ? value * 1000 : value);
  }
  return out;
}

/** CLIENT_CONFIG_INVALID for one field of one server. */
export function invalidField(server: string, field: string, expected: string): OrchestrationError {
  return new OrchestrationError(
    'CLIENT_CONFIG_INVALID',
    `Server "${server}": "${field}" must be ${expected}. Fix the entry in the client's config file.`,
    { server, field },
  );
}

/** The raw entry as an object. */
export function entryObject(server: string, raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw invalidField(server, 'entry', 'an object');
  return raw as Record<string, unknown>;
}

export function optionalString(
  server: string,
  obj: Record<string, unknown>,
  field: string,
): string | undefined {
  const value = obj[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidField(server, field, 'a string');
  return value;
}

export function optionalStringArray(
  server: string,
  obj: Record<string, unknown>,
  field: string,
): string[] | undefined {
  const value = obj[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw invalidField(server, field, 'a list of strings');
  }
  return value.length > 0 ? (value as string[]) : undefined;
}

/** A string map; numbers and booleans (common in hand-written YAML/TOML env) become strings. */
export function optionalStringRecord(
  server: string,
  obj: Record<string, unknown>,
  field: string,
): Record<string, string> | undefined {
  const value = obj[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw invalidField(server, field, 'a map of strings');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
    else throw invalidField(server, `${field}.${k}`, 'a string');
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A neutral stdio entry from its parts, leaving out empty ones. */
export function stdioEntry(
  command: string,
  args?: string[] | undefined,
  env?: Record<string, string> | undefined,
  cwd?: string | undefined,
): StdioServer {
  const out: StdioServer = { command };
  if (args && args.length > 0) out.args = args;
  if (env && Object.keys(env).length > 0) out.env = env;
  if (cwd !== undefined) out.cwd = cwd;
  return out;
}

/** Where a client keeps the parts of a stdio entry (`cmd` and `envs` in Goose, `path` in Zed's old form). */
export interface StdioFields {
  command?: string;
  env?: string;
  /** The working-folder field, if the client has one. */
  cwd?: string;
}

/** Reads a client's stdio entry into the neutral form; CLIENT_CONFIG_INVALID on a wrong field. */
export function readStdioEntry(
  server: string,
  obj: Record<string, unknown>,
  fields: StdioFields = {},
): StdioServer {
  const cwdField = fields.cwd;
  return stdioEntry(
    requiredString(server, obj, fields.command ?? 'command'),
    optionalStringArray(server, obj, 'args'),
    optionalStringRecord(server, obj, fields.env ?? 'env'),
    cwdField === undefined ? undefined : optionalString(server, obj, cwdField),
  );
}

export function remoteEntry(
  type: 'http' | 'sse',
  url: string,
  headers?: Record<string, string> | undefined,
): RemoteServer {
  const out: RemoteServer = { type, url };
  if (headers && Object.keys(headers).length > 0) out.headers = headers;
  return out;
}

export function requiredString(server: string, obj: Record<string, unknown>, field: string): string {
  const value = optionalString(server, obj, field);
  if (value === undefined || value === '') throw invalidField(server, field, 'a non-empty string');
  return value;
}

/** The transport-field names and values of a client that follows the common shape. */
export interface StandardShapeSpec {
  /** `type` written on stdio entries (`stdio`, `local`); omitted when undefined. */
  stdioType?: string;
  /** `type` written on streamable HTTP entries; omitted when undefined. */
  httpType?: string;
  /** `type` written on SSE entries. */
  sseType?: string;
  /** Key of the remote URL: `url` (default) or `serverUrl`. */
  urlKey?: string;
  /** Constant fields added to every entry (e.g. 5ire's `isActive: true`). */
  extra?: Record<string, unknown>;
  /** Where the client keeps `disabled`, tool filters and a timeout, if it has them. */
  shared?: SharedFieldKeys;
}

/**
 * toClient/fromClient for the common shape.
 * @example
 * const { toClient, fromClient } = standardShape({ stdioType: 'stdio', httpType: 'http', sseType: 'sse' });
 */
export function standardShape(spec: StandardShapeSpec = {}): EntryCodec {
  const urlKey = spec.urlKey ?? 'url';
  const shared = spec.shared ?? {};
  return {
    ...sharedFieldSupport(shared),
    toClient(_name: string, entry: ServerEntry): unknown {
      if (isRemote(entry)) {
        const type = entry.type === 'sse' ? spec.sseType : spec.httpType;
        return {
          ...(type !== undefined ? { type } : {}),
          [urlKey]: entry.url,
          ...(entry.headers ? { headers: entry.headers } : {}),
          ...writeSharedFields(shared, entry),
          ...spec.extra,
        };
      }
      return {
        ...(spec.stdioType !== undefined ? { type: spec.stdioType } : {}),
        command: entry.command,
        ...(entry.args ? { args: entry.args } : {}),
        ...(entry.env ? { env: entry.env } : {}),
        ...(entry.cwd !== undefined ? { cwd: entry.cwd } : {}),
        ...writeSharedFields(shared, entry),
        ...spec.extra,
      };
    },
    fromClient(name: string, raw: unknown): ServerEntry {
      const obj = entryObject(name, raw);
      if (obj.command !== undefined) {
        return { ...readStdioEntry(name, obj, { cwd: 'cwd' }), ...readSharedFields(shared, name, obj) };
      }
      const key = obj[urlKey] !== undefined ? urlKey : 'url';
      const type =
        obj.type === 'sse' || (spec.sseType !== undefined && obj.type === spec.sseType) ? 'sse' : 'http';
      return {
        ...remoteEntry(type, requiredString(name, obj, key), optionalStringRecord(name, obj, 'headers')),
        ...readSharedFields(shared, name, obj),
      };
    },
  };
}
