/**
 * @module registry/registry
 * The server registry: the built-in catalog (`catalog.json`, shipped with the code) merged with the
 * user's own servers (kept by the Store: `<home>/registry/<id>.json` in a home folder). A user
 * server with the id of a built-in one overrides it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { OrchestrationError } from '../core/errors.js';
import type { ServerEntry } from '../core/schemas/payload.js';
import { type ServerDefinition, ServerDefinitionSchema } from '../core/schemas/registry.js';
import { suggestIds } from '../core/suggest.js';
import { PACKAGE_ROOT } from '../version.js';

export type Transport = ServerDefinition['transport'];

export interface ServerFilter {
  /** Case-insensitive substring of id, name, description or a tag. */
  search?: string;
  transport?: Transport;
  tag?: string;
}

/** Beside this module (src/ and the tsc build), else in dist/registry/ (the bundled CLI). */
function catalogPath(): string {
  const beside = fileURLToPath(new URL('./catalog.json', import.meta.url));
  return existsSync(beside) ? beside : join(PACKAGE_ROOT, 'dist', 'registry', 'catalog.json');
}

export { suggestIds };

let builtinCache: readonly ServerDefinition[] | undefined;

/**
 * The built-in catalog, read and validated once. A broken catalog is a packaging bug, so it throws
 * loudly instead of hiding entries.
 */
export function builtinCatalog(): readonly ServerDefinition[] {
  if (builtinCache) return builtinCache;
  const path = catalogPath();
  const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const parsed = z.array(ServerDefinitionSchema).safeParse(raw);
  if (!parsed.success) {
    throw new Error(`The built-in server catalog ${path} is invalid: ${z.prettifyError(parsed.error)}`);
  }
  const seen = new Set<string>();
  for (const def of parsed.data) {
    if (seen.has(def.id)) throw new Error(`The built-in server catalog repeats the id "${def.id}".`);
    if (def.source !== 'builtin')
      throw new Error(`The built-in server "${def.id}" must have source "builtin".`);
    seen.add(def.id);
  }
  builtinCache = Object.freeze(parsed.data);
  return builtinCache;
}

function zodIssues(err: z.ZodError): { path: string; message: string }[] {
  return err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/** Validates a server definition; zod issues become a `VALIDATION_ERROR` listing each one. */
function parseDefinition(def: unknown, where: string): ServerDefinition {
  const parsed = ServerDefinitionSchema.safeParse(def);
  if (parsed.success) return parsed.data;
  const issues = zodIssues(parsed.error);
  const first = issues[0];
  const at = first?.path ? ` at ${first.path}` : '';
  throw new OrchestrationError(
    'VALIDATION_ERROR',
    `Invalid server definition ${where}${at}: ${first?.message ?? 'bad value'}.`,
    {
      issues,
    },
  );
}

function matches(def: ServerDefinition, filter: ServerFilter): boolean {
  if (filter.transport && def.transport !== filter.transport) return false;
  if (filter.tag && !def.tags.some((t) => t.toLowerCase() === filter.tag?.toLowerCase())) return false;
  const q = filter.search?.trim().toLowerCase();
  if (!q) return true;
  return [def.id, def.name, def.description, ...def.tags].some((field) => field.toLowerCase().includes(q));
}

/**
 * The registry as one caller sees it: the built-in catalog merged with a snapshot of the user's
 * servers (read from the Store by the service). It holds no storage of its own, so the same class
 * serves a home folder and a shared database.
 * @example
 * const registry = new Registry(await store.listUserServers());
 * registry.list({ transport: 'stdio', search: 'database' });
 */
export class Registry {
  private readonly all: Map<string, ServerDefinition>;

  constructor(userServers: readonly ServerDefinition[] = []) {
    this.all = new Map<string, ServerDefinition>();
    for (const def of builtinCatalog()) this.all.set(def.id, def);
    for (const def of userServers) this.all.set(def.id, { ...def, source: 'user' });
  }

  /** Built-in and user servers, sorted by id. */
  list(filter: ServerFilter = {}): ServerDefinition[] {
    return [...this.all.values()]
      .filter((def) => matches(def, filter))
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Whether a server with this id exists. */
  has(id: string): boolean {
    return this.all.has(id);
  }

  /** One server, or undefined. */
  find(id: string): ServerDefinition | undefined {
    return this.all.get(id);
  }

  /** One server; `UNKNOWN_SERVER` names close ids when there is no such server. */
  get(id: string): ServerDefinition {
    const def = this.all.get(id);
    if (def) return def;
    const suggestions = suggestIds(String(id), [...this.all.keys()]);
    const hint =
      suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?` : '';
    throw new OrchestrationError(
      'UNKNOWN_SERVER',
      `No server "${String(id).slice(0, 80)}" in the registry.${hint} Try "servers list --search ${String(id).slice(0, 40)}".`,
      { serverId: id, suggestions },
    );
  }
}

/** True when `id` names a server of the built-in catalog. */
export function isBuiltinServer(id: string): boolean {
  return builtinCatalog().some((b) => b.id === id);
}

/**
 * Validates a definition the user gives and marks it `source: "user"`; a user server may share
 * the id of a built-in one and then overrides it. `VALIDATION_ERROR` lists each problem.
 */
export function parseUserServer(def: unknown): ServerDefinition {
  const input =
    def !== null && typeof def === 'object' && !Array.isArray(def) ? { ...def, source: 'user' } : def;
  return parseDefinition(input, '');
}

/** Validates a definition read back from storage; `where` names the file or row for the message. */
export function parseStoredUserServer(raw: unknown, where: string): ServerDefinition {
  return { ...parseDefinition(raw, where), source: 'user' as const };
}

/** What `buildServerEntry` makes: the entry, and what the caller still has to supply. */
export interface BuiltServerEntry {
  entry: ServerEntry;
  /** Required params with no value; their `{name}` placeholders are left in the entry. */
  missingParams: string[];
  /** Required env vars with neither a given value nor a default. */
  missingEnv: string[];
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Turns a registry definition into a payload entry. `{param}` placeholders in args, url and header
 * values take the given value, else the param's default. A required param with neither stays a
 * literal placeholder and is reported; an optional one drops the arg (or header) that holds it (in
 * a url it becomes empty), so write optional flags as one arg (`--flag={param}`). Env = the definition's defaults + `env`
 * (values may be `${env:NAME}` references). For remote servers, `${env:NAME}` references in url and
 * headers to a declared env var are replaced by the value given for it.
 * @example
 * buildServerEntry(registry.get('filesystem'), { params: { path: '/srv' } }).entry
 * // { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/srv'] }
 */
export function buildServerEntry(
  def: ServerDefinition,
  opts: { params?: Record<string, string>; env?: Record<string, string> } = {},
): BuiltServerEntry {
  const given = opts.params ?? {};
  const declared = new Map(def.params.map((p) => [p.name, p]));
  const unknown = Object.keys(given).filter((name) => !declared.has(name));
  if (unknown.length > 0) {
    const valid = [...declared.keys()];
    throw new OrchestrationError(
      'INVALID_INPUT',
      `Server "${def.id}" has no param ${unknown.map((n) => `"${n}"`).join(', ')}. ${valid.length > 0 ? `Valid params: ${valid.join(', ')}.` : 'It takes no params.'}`,
      { serverId: def.id, unknown, valid },
    );
  }

  const missing = new Set<string>();
  let dropped = false;
  const substitute = (text: string): string =>
    text.replace(PLACEHOLDER, (whole, name: string) => {
      const param = declared.get(name);
      if (!param) return whole; // not ours: leave other braces alone
      const value = given[name] ?? param.default;
      if (value !== undefined) return value;
      if (param.required) {
        missing.add(name);
        return whole;
      }
      dropped = true;
      return '';
    });
  /** Substitutes; undefined when an optional param without a value makes the text meaningless. */
  const render = (text: string): string | undefined => {
    dropped = false;
    const out = substitute(text);
    return dropped ? undefined : out;
  };

  const env: Record<string, string> = {};
  for (const v of def.env) if (v.default !== undefined) env[v.name] = v.default;
  Object.assign(env, opts.env ?? {});
  const missingEnv = def.env.filter((v) => v.required && env[v.name] === undefined).map((v) => v.name);

  let entry: ServerEntry;
  if (def.transport === 'stdio') {
    const args = (def.args ?? []).map(render).filter((a): a is string => a !== undefined);
    entry = {
      command: def.command ?? '',
      ...(def.args ? { args } : {}),
      ...(Object.keys(env).length > 0 ? { env } : {}),
    };
  } else {
    const given = opts.env ?? {};
    const declaredEnv = new Set(def.env.map((v) => v.name));
    const withEnv = (text: string): string =>
      text.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) =>
        declaredEnv.has(name) && given[name] !== undefined ? given[name] : whole,
      );
    const url = substitute(def.url ?? '');
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(def.headers ?? {})) {
      const rendered = render(value);
      if (rendered !== undefined) headers[key] = withEnv(rendered);
    }
    entry = {
      type: def.transport,
      url: withEnv(url),
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
    };
  }
  const missingParams = def.params.filter((p) => missing.has(p.name)).map((p) => p.name);
  return { entry, missingParams, missingEnv };
}
