/**
 * @module registry/registry
 * The server registry: the built-in catalog (`catalog.json`, shipped with the code) merged with the
 * user's own servers (`<home>/registry/<id>.json`, one file each). A user server with the id of a
 * built-in one overrides it.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { OrchestrationError } from '../core/errors.js';
import { assertId } from '../core/ids.js';
import type { ServerEntry } from '../core/schemas/payload.js';
import { type ServerDefinition, ServerDefinitionSchema } from '../core/schemas/registry.js';
import { suggestIds } from '../core/suggest.js';
import { writeJsonAtomic } from '../store/atomic.js';
import type { HomeLayout } from '../store/home.js';
import { withLock } from '../store/lock.js';
import { PACKAGE_ROOT } from '../version.js';
import { serverJsonToDefinition } from './import-server-json.js';

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
const LOCK_FILE = '.registry.lock';

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
 * The registry of one home folder.
 * @example
 * const registry = new Registry(new HomeLayout('/tmp/home'));
 * registry.list({ transport: 'stdio', search: 'database' });
 */
export class Registry {
  constructor(private readonly home: HomeLayout) {}

  private userFile(id: string): string {
    return join(this.home.userServersDir, `${assertId('server', id)}.json`);
  }

  private get lockFile(): string {
    return join(this.home.userServersDir, LOCK_FILE);
  }

  /** The user's servers, validated; a broken file fails with its path so the user can fix it. */
  private userServers(): ServerDefinition[] {
    const dir = this.home.userServersDir;
    if (!existsSync(dir)) return [];
    const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('.'));
    return files.map((file) => {
      const path = join(dir, file);
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(path, 'utf8'));
      } catch (err) {
        throw new OrchestrationError(
          'VALIDATION_ERROR',
          `User server file ${path} is not valid JSON: ${(err as Error).message}. Fix or remove it.`,
          {
            path,
          },
        );
      }
      const def = parseDefinition(raw, `in ${path}`);
      if (`${def.id}.json` !== file) {
        throw new OrchestrationError(
          'VALIDATION_ERROR',
          `User server file ${path} holds the id "${def.id}": name it ${def.id}.json.`,
          {
            path,
          },
        );
      }
      return { ...def, source: 'user' as const };
    });
  }

  private merged(): Map<string, ServerDefinition> {
    const all = new Map<string, ServerDefinition>();
    for (const def of builtinCatalog()) all.set(def.id, def);
    for (const def of this.userServers()) all.set(def.id, def);
    return all;
  }

  /** Built-in and user servers, sorted by id. */
  list(filter: ServerFilter = {}): ServerDefinition[] {
    return [...this.merged().values()]
      .filter((def) => matches(def, filter))
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Whether a server with this id exists. */
  has(id: string): boolean {
    return this.merged().has(id);
  }

  /** One server; `UNKNOWN_SERVER` names close ids when there is no such server. */
  get(id: string): ServerDefinition {
    const all = this.merged();
    const def = all.get(id);
    if (def) return def;
    const suggestions = suggestIds(String(id), [...all.keys()]);
    const hint =
      suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?` : '';
    throw new OrchestrationError(
      'UNKNOWN_SERVER',
      `No server "${String(id).slice(0, 80)}" in the registry.${hint} Try "servers list --search ${String(id).slice(0, 40)}".`,
      { serverId: id, suggestions },
    );
  }

  /**
   * Adds (or with `replace`, replaces) a user server. The definition is validated and stored as
   * `source: "user"`; a user server may share the id of a built-in one and then overrides it.
   */
  addUserServer(def: unknown, opts: { replace?: boolean } = {}): ServerDefinition {
    const input =
      def !== null && typeof def === 'object' && !Array.isArray(def) ? { ...def, source: 'user' } : def;
    const parsed = parseDefinition(input, '');
    const file = this.userFile(parsed.id);
    return withLock(this.lockFile, () => {
      if (existsSync(file) && !opts.replace) {
        throw new OrchestrationError(
          'DUPLICATE_SERVER',
          `A user server "${parsed.id}" already exists. Remove it first or replace it (--replace).`,
          { serverId: parsed.id },
        );
      }
      writeJsonAtomic(file, parsed, { mode: 0o600 });
      return parsed;
    });
  }

  /** Removes a user server and returns it; built-in servers cannot be removed. */
  removeUserServer(id: string): ServerDefinition {
    const file = this.userFile(id);
    return withLock(this.lockFile, () => {
      if (!existsSync(file)) {
        if (builtinCatalog().some((b) => b.id === id)) {
          throw new OrchestrationError(
            'INVALID_INPUT',
            `"${id}" is a built-in server: built-in servers cannot be removed.`,
            {
              serverId: id,
            },
          );
        }
        this.get(id); // throws UNKNOWN_SERVER with suggestions
        throw new OrchestrationError('UNKNOWN_SERVER', `No user server "${id}".`, { serverId: id });
      }
      const removed = {
        ...parseDefinition(JSON.parse(readFileSync(file, 'utf8')), `in ${file}`),
        source: 'user' as const,
      };
      rmSync(file, { force: true });
      return removed;
    });
  }

  /** Converts an MCP registry `server.json` and stores it as a user server. */
  importServerJson(doc: unknown, opts: { id?: string; replace?: boolean } = {}): ServerDefinition {
    const def = serverJsonToDefinition(doc, opts.id === undefined ? {} : { id: opts.id });
    return this.addUserServer(def, opts.replace === undefined ? {} : { replace: opts.replace });
  }
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
