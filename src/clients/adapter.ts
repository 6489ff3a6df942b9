/**
 * @module clients/adapter
 * What every client adapter knows (where its config lives, its format, where the servers sit in the
 * file, how one entry is shaped), and the pure translation of a neutral payload into one client's
 * entries: secret references, remote servers for stdio-only clients, Windows `npx` shims.
 */
import { OrchestrationError } from '../core/errors.js';
import {
  ENV_REF_PATTERN,
  isRemote,
  type Payload,
  type RemoteServer,
  restrictionsOf,
  type ServerEntry,
  type StdioServer,
} from '../core/schemas/payload.js';
import type { PathContext, Platform, Scope } from './paths.js';

export type { PathContext, Platform, Scope } from './paths.js';
export type Transport = 'stdio' | 'http' | 'sse';
export type ConfigFormat = 'json' | 'jsonc' | 'yaml' | 'toml';

/** One MCP client: its config file and the shape of a server entry in it. */
export interface ClientAdapter {
  /** `client_id`, e.g. `claude-desktop`. */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** Documentation the adapter follows (also cited at the top of its file). */
  readonly docs: readonly string[];
  readonly format: ConfigFormat;
  /** Scopes that have a config file; the first is the default. */
  readonly scopes: readonly Scope[];
  /** Transports the client runs natively; others are bridged by {@link translateForClient}. */
  readonly transports: readonly Transport[];
  /** Path of keys to the servers container (`['amp.mcpServers']` is one literal dotted key). */
  readonly serversKey: readonly string[];
  /** `map` (name -> entry, the default) or `list` (entries carry their own `name`). */
  readonly container: 'map' | 'list';
  /** Whether a stdio entry can carry a working directory. */
  readonly supportsCwd: boolean;
  /** The config file for a scope (default: the first of {@link scopes}); INVALID_INPUT if unsupported. */
  configPath(ctx: PathContext, scope?: Scope): string;
  /** Known locations of the user file, newest first; the first that exists wins. */
  candidatePaths(ctx: PathContext): string[];
  /**
   * Files an older version of the client used, with where the servers sat in them. Read by
   * `import` when the current file does not exist (VS Code's `mcp.servers` in settings.json);
   * never written.
   */
  legacyFiles?(ctx: PathContext): Array<{ path: string; serversKey: readonly string[] }>;
  /** The container path for an existing document, when it depends on the file (OpenCode V1/V2). */
  detectServersKey?(root: unknown): readonly string[];
  /** Entries in the container this tool does not manage and must leave alone (Goose built-ins). */
  isForeign?(raw: unknown): boolean;
  /**
   * Fields of a client entry that mean something the neutral model cannot carry (OpenCode's
   * `enabled: false`, Codex's `bearer_token_env_var`): `import` warns with UNSUPPORTED_FIELD, and a
   * deploy to the same client keeps them as the user's settings.
   */
  unsupportedOnImport?(raw: Record<string, unknown>): string[];
  /**
   * Fields {@link toClient} writes as a default only: a value already in the file wins (Copilot
   * CLI's `tools: ["*"]` never widens a user's `tools: ["ping"]`).
   */
  readonly preservedKeys?: readonly string[];
  /**
   * Keys of an older entry shape that {@link toClient} no longer writes but that belong to the
   * server, not to the user (Cline CLI's flat `command`/`url` beside its nested `transport`): a
   * deploy replaces them instead of keeping them as user settings.
   */
  readonly replacedKeys?: readonly string[];
  /**
   * The shared fields of the neutral model that this client can express (issue #12): `disabled`,
   * `tools.include`, `tools.exclude`, `timeout`. {@link translateForClient} refuses a restriction
   * the client lacks (UNSUPPORTED_RESTRICTION) and drops a timeout with a warning, so
   * {@link toClient} only ever sees fields listed here.
   */
  readonly carries?: Carries;
  /**
   * Values a client writes for a field when it means nothing (Factory Droid's `"disabled": false`):
   * kept as they are in the file, and left out of drift.
   */
  readonly neutralDefaults?: Readonly<Record<string, unknown>>;
  /** `${env:NAME}` in this client's syntax, or null when the client does not expand variables. */
  envReference(name: string): string | null;
  /**
   * Keys under which a client that does not expand variables still reads remote headers from the
   * environment itself (Codex `bearer_token_env_var`, `env_http_headers`): a header that is exactly
   * `${env:NAME}` (or `Authorization: Bearer ${env:NAME}`) is written there, never as its value.
   */
  readonly envHeaders?: { bearerKey: string; headersKey: string };
  /** A neutral entry (of a transport in {@link transports}) in the client's shape. */
  toClient(name: string, entry: ServerEntry): unknown;
  /** A client entry as a neutral entry; CLIENT_CONFIG_INVALID if it is not a server this tool understands. */
  fromClient(name: string, raw: unknown): ServerEntry;
}

/** Which shared fields an adapter expresses. */
export interface Carries {
  disabled?: boolean;
  toolsInclude?: boolean;
  toolsExclude?: boolean;
  timeout?: boolean;
}

/** A non-blocking remark about one server's translation. */
export interface TranslationWarning {
  code: 'UNSUPPORTED_TRANSPORT' | 'UNSUPPORTED_FIELD' | 'WINDOWS_NPX' | 'SECRET_IN_PLAINTEXT';
  message: string;
  server: string;
}

export interface TranslateOptions {
  /** Where `${env:NAME}` references are resolved for clients that do not expand variables. */
  env: Record<string, string | undefined>;
  /** The platform the client runs on. */
  platform: Platform;
  /** On Windows, run `npx`-like shims through `cmd /c` instead of only warning. */
  wrapWindowsCmd?: boolean;
  /**
   * Write a server whose restriction (`disabled`, a tool filter) the client cannot express without
   * it (a warning) instead of refusing it with UNSUPPORTED_RESTRICTION.
   */
  allowWidening?: boolean;
}

export interface Translation {
  servers: Record<string, unknown>;
  warnings: TranslationWarning[];
  /**
   * The `${env:NAME}` references written as their values (clients that cannot expand variables).
   * In memory only: the deploy keeps salted hashes of them, never the values.
   */
  resolved: Array<{ name: string; value: string }>;
}

/** Commands that are `.cmd` shims on Windows and cannot be spawned without a shell. */
const WINDOWS_SHIMS = new Set(['npx', 'npm', 'pnpm', 'pnpx', 'yarn', 'bunx']);
const MCP_REMOTE = 'mcp-remote';

/** Builds `configPath` from one resolver per scope. */
export function scopedPaths(
  id: string,
  resolvers: Partial<Record<Scope, (ctx: PathContext) => string>>,
): (ctx: PathContext, scope?: Scope) => string {
  const scopes = Object.keys(resolvers) as Scope[];
  return (ctx, scope) => {
    const wanted = scope ?? scopes[0] ?? 'user';
    const resolve = resolvers[wanted];
    if (!resolve) {
      throw new OrchestrationError(
        'INVALID_INPUT',
        `Client "${id}" has no ${wanted}-scope config file. Use scope: ${scopes.join(', ')}.`,
        { client: id, scope: wanted, scopes },
      );
    }
    return resolve(ctx);
  };
}

/** The canonical neutral form: no `type` on stdio, no empty `args`/`env`/`headers`. */
export function normalizeEntry(entry: ServerEntry): ServerEntry {
  if (isRemote(entry)) {
    const out: RemoteServer = { type: entry.type, url: entry.url };
    if (entry.headers && Object.keys(entry.headers).length > 0) out.headers = { ...entry.headers };
    return withSharedFields(out, entry);
  }
  const out: StdioServer = { command: entry.command };
  if (entry.args && entry.args.length > 0) out.args = [...entry.args];
  if (entry.env && Object.keys(entry.env).length > 0) out.env = { ...entry.env };
  if (entry.cwd !== undefined) out.cwd = entry.cwd;
  return withSharedFields(out, entry);
}

/**
 * `out` plus the shared fields of `from`, canonical: `disabled` only when true, a tool filter only
 * with an `include` (even empty: no tool at all) or a non-empty `exclude`.
 */
export function withSharedFields<T extends ServerEntry>(out: T, from: ServerEntry): T {
  if (from.disabled === true) out.disabled = true;
  const include = from.tools?.include;
  const exclude = from.tools?.exclude;
  if (include !== undefined || (exclude !== undefined && exclude.length > 0)) {
    out.tools = {
      ...(include !== undefined ? { include: [...include] } : {}),
      ...(exclude !== undefined && exclude.length > 0 ? { exclude: [...exclude] } : {}),
    };
  }
  if (from.timeout !== undefined) out.timeout = from.timeout;
  return out;
}

/** A remote server as a stdio bridge: `npx -y mcp-remote URL [--header Name:${VAR}]...` with the values in env. */
export function wrapWithMcpRemote(entry: RemoteServer): StdioServer {
  const args = ['-y', MCP_REMOTE, entry.url];
  const env: Record<string, string> = {};
  // Header values travel in env, referenced as `Name:${VAR}` (mcp-remote expands it): a value with
  // spaces survives clients that split arguments, and a secret stays out of the process list.
  for (const [header, value] of Object.entries(entry.headers ?? {})) {
    const variable =
      header.toLowerCase() === 'authorization'
        ? 'AUTH_HEADER'
        : `HEADER_${header.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
    args.push('--header', `${header}:\${${variable}}`);
    env[variable] = value;
  }
  if (entry.type === 'sse') args.push('--transport', 'sse-only');
  const bridge: StdioServer =
    Object.keys(env).length > 0 ? { command: 'npx', args, env } : { command: 'npx', args };
  return withSharedFields(bridge, entry);
}

/** Applies `fn` to every string an entry can hold a reference in. */
export function mapStrings(entry: ServerEntry, fn: (value: string) => string): ServerEntry {
  const mapRecord = (rec: Record<string, string>) =>
    Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, fn(v)]));
  if (isRemote(entry)) {
    const out: RemoteServer = { type: entry.type, url: fn(entry.url) };
    if (entry.headers) out.headers = mapRecord(entry.headers);
    return withSharedFields(out, entry);
  }
  const out: StdioServer = { command: fn(entry.command) };
  if (entry.args) out.args = entry.args.map(fn);
  if (entry.env) out.env = mapRecord(entry.env);
  if (entry.cwd !== undefined) out.cwd = fn(entry.cwd);
  return withSharedFields(out, entry);
}

/** The restrictions of `entry` that `adapter` cannot express, by name. */
export function lackingRestrictions(adapter: ClientAdapter, entry: ServerEntry): string[] {
  const carries = adapter.carries ?? {};
  const lacking: string[] = [];
  for (const restriction of restrictionsOf(entry)) {
    if (restriction === 'disabled' && !carries.disabled) lacking.push('disabled');
    if (restriction === 'tools') {
      if (entry.tools?.include !== undefined && !carries.toolsInclude) lacking.push('tools.include');
      if ((entry.tools?.exclude?.length ?? 0) > 0 && !carries.toolsExclude) lacking.push('tools.exclude');
    }
  }
  return lacking;
}

/**
 * `entry` without the shared fields `adapter` cannot express, with a warning for each: a timeout
 * (never a restriction), and restrictions only when widening is allowed.
 */
function fitSharedFields(
  adapter: ClientAdapter,
  server: string,
  entry: ServerEntry,
  warnings: TranslationWarning[],
): ServerEntry {
  const carries = adapter.carries ?? {};
  const out: ServerEntry = { ...entry };
  if (out.timeout !== undefined && !carries.timeout) {
    warnings.push({
      code: 'UNSUPPORTED_FIELD',
      server,
      message: `${adapter.name} has no per-server timeout; "timeout" of "${server}" is left out.`,
    });
    delete out.timeout;
  }
  const lacking = lackingRestrictions(adapter, out);
  if (lacking.length > 0) {
    warnings.push({
      code: 'UNSUPPORTED_FIELD',
      server,
      message: `${adapter.name} cannot express ${lacking.map((f) => `"${f}"`).join(', ')}; "${server}" is written without ${lacking.length > 1 ? 'them' : 'it'} (widening allowed).`,
    });
  }
  if (lacking.includes('disabled')) delete out.disabled;
  if (out.tools) {
    const tools = { ...out.tools };
    if (lacking.includes('tools.include')) delete tools.include;
    if (lacking.includes('tools.exclude')) delete tools.exclude;
    if (tools.include === undefined && tools.exclude === undefined) delete out.tools;
    else out.tools = tools;
  }
  return out;
}

const WHOLE_REF = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;
const BEARER_REF = /^Bearer \$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** Headers that are whole `${env:NAME}` references, moved to the client's own env-header keys. */
function splitEnvHeaders(
  keys: NonNullable<ClientAdapter['envHeaders']>,
  entry: RemoteServer,
): { entry: RemoteServer; keys: Record<string, unknown> } | null {
  if (!entry.headers) return null;
  const rest: Record<string, string> = {};
  const fromEnv: Record<string, string> = {};
  let bearer: string | undefined;
  for (const [header, value] of Object.entries(entry.headers)) {
    const whole = WHOLE_REF.exec(value)?.[1];
    const token = header.toLowerCase() === 'authorization' ? BEARER_REF.exec(value)?.[1] : undefined;
    if (token !== undefined && bearer === undefined) bearer = token;
    else if (whole !== undefined) fromEnv[header] = whole;
    else rest[header] = value;
  }
  if (bearer === undefined && Object.keys(fromEnv).length === 0) return null;
  const { headers: _all, ...base } = entry;
  return {
    entry: { ...base, ...(Object.keys(rest).length ? { headers: rest } : {}) },
    keys: {
      ...(bearer === undefined ? {} : { [keys.bearerKey]: bearer }),
      ...(Object.keys(fromEnv).length ? { [keys.headersKey]: fromEnv } : {}),
    },
  };
}

/** The headers a client reads from the environment, back as `${env:NAME}` references. */
export function readEnvHeaders(
  keys: NonNullable<ClientAdapter['envHeaders']>,
  name: string,
  raw: Record<string, unknown>,
): Record<string, string> {
  const out: Record<string, string> = {};
  const bearer = raw[keys.bearerKey];
  if (bearer !== undefined) {
    if (typeof bearer !== 'string') throw invalidField(name, keys.bearerKey, 'a variable name');
    out.Authorization = `Bearer \${env:${bearer}}`;
  }
  const headers = raw[keys.headersKey];
  if (headers !== undefined) {
    if (typeof headers !== 'object' || headers === null || Array.isArray(headers))
      throw invalidField(name, keys.headersKey, 'a table of header = variable name');
    for (const [header, variable] of Object.entries(headers)) {
      if (typeof variable !== 'string')
        throw invalidField(name, keys.headersKey, 'a table of header = variable name');
      out[header] = `\${env:${variable}}`;
    }
  }
  return out;
}

function invalidField(name: string, field: string, what: string): OrchestrationError {
  return new OrchestrationError('CLIENT_CONFIG_INVALID', `Server "${name}": "${field}" must be ${what}.`, {
    server: name,
    field,
  });
}

/**
 * Translates a neutral payload into one client's entries, ready for `writeClientServers`.
 * Throws MISSING_SECRET (naming the variables, never a value) when a reference the client cannot
 * expand is unset in `opts.env`.
 * @example
 * const { servers, warnings } = translateForClient(getAdapter('cursor'), payload, { env: process.env, platform: 'darwin' });
 */
export function translateForClient(
  adapter: ClientAdapter,
  payload: Payload,
  opts: TranslateOptions,
): Translation {
  const servers: Record<string, unknown> = {};
  const warnings: TranslationWarning[] = [];
  const missing = new Map<string, Set<string>>();
  const refused: Array<{ server: string; fields: string[] }> = [];
  const values = new Map<string, string>();
  for (const [server, original] of Object.entries(payload.mcpServers)) {
    let entry = normalizeEntry(original);
    const lacking = lackingRestrictions(adapter, entry);
    if (lacking.length > 0 && !opts.allowWidening) {
      refused.push({ server, fields: lacking });
      continue;
    }
    entry = fitSharedFields(adapter, server, entry, warnings);
    if (isRemote(entry) && !adapter.transports.includes(entry.type)) {
      warnings.push({
        code: 'UNSUPPORTED_TRANSPORT',
        server,
        message: `${adapter.name} cannot connect to ${entry.type} servers; "${server}" runs through "npx -y ${MCP_REMOTE}" instead.`,
      });
      entry = wrapWithMcpRemote(entry);
    }
    const fromEnv = adapter.envHeaders && isRemote(entry) ? splitEnvHeaders(adapter.envHeaders, entry) : null;
    if (fromEnv) entry = fromEnv.entry;
    const resolved = new Set<string>();
    entry = mapStrings(entry, (value) =>
      value.replace(ENV_REF_PATTERN, (_ref, name: string) => {
        const native = adapter.envReference(name);
        if (native !== null) return native;
        const secret = opts.env[name];
        if (secret === undefined) {
          missing.set(name, (missing.get(name) ?? new Set()).add(server));
          return '';
        }
        resolved.add(name);
        values.set(name, secret);
        return secret;
      }),
    );
    if (resolved.size > 0) {
      warnings.push({
        code: 'SECRET_IN_PLAINTEXT',
        server,
        message: `${adapter.name} does not expand environment variables; ${[...resolved].join(', ')} of "${server}" written as plain values.`,
      });
    }
    if (!isRemote(entry)) entry = adaptStdio(adapter, server, entry, opts, warnings);
    const written = adapter.toClient(server, entry);
    servers[server] = fromEnv ? { ...(written as Record<string, unknown>), ...fromEnv.keys } : written;
  }
  if (refused.length > 0) {
    const list = refused.map((r) => `"${r.server}" (${r.fields.join(', ')})`).join(', ');
    throw new OrchestrationError(
      'UNSUPPORTED_RESTRICTION',
      `${adapter.name} cannot express the restriction${refused.length > 1 ? 's' : ''} of ${list}; writing ${refused.length > 1 ? 'them' : 'it'} without would start the server or expose every tool. Remove the restriction from the draft, deploy to a client that has it, or deploy with --allow-widening to accept that.`,
      { client: adapter.id, servers: refused },
    );
  }
  if (missing.size > 0) {
    const variables = [...missing.keys()];
    throw new OrchestrationError(
      'MISSING_SECRET',
      `Environment variable${variables.length > 1 ? 's' : ''} ${variables.join(', ')} not set; ${adapter.name} cannot expand them, so they must be set when deploying.`,
      { client: adapter.id, variables, servers: [...new Set([...missing.values()].flatMap((s) => [...s]))] },
    );
  }
  return { servers, warnings, resolved: [...values].map(([name, value]) => ({ name, value })) };
}

function adaptStdio(
  adapter: ClientAdapter,
  server: string,
  entry: StdioServer,
  opts: TranslateOptions,
  warnings: TranslationWarning[],
): StdioServer {
  let out = entry;
  if (out.cwd !== undefined && !adapter.supportsCwd) {
    warnings.push({
      code: 'UNSUPPORTED_FIELD',
      server,
      message: `${adapter.name} has no working-directory setting; "cwd" of "${server}" is left out.`,
    });
    const { cwd: _dropped, ...rest } = out;
    out = rest;
  }
  if (opts.platform === 'win32' && WINDOWS_SHIMS.has(out.command)) {
    if (opts.wrapWindowsCmd) {
      out = { ...out, command: 'cmd', args: ['/c', out.command, ...(out.args ?? [])] };
    } else {
      warnings.push({
        code: 'WINDOWS_NPX',
        server,
        message: `"${out.command}" is a .cmd shim on Windows that some clients cannot start; deploy with the Windows cmd wrapper to run it as "cmd /c ${out.command}".`,
      });
    }
  }
  return out;
}

/** What an adapter file declares; {@link defineAdapter} fills in the rest. */
export interface AdapterSpec
  extends Omit<ClientAdapter, 'configPath' | 'candidatePaths' | 'scopes' | 'container' | 'supportsCwd'> {
  /** One resolver per scope the client has; the first is the default scope. */
  paths: Partial<Record<Scope, (ctx: PathContext) => string>>;
  /** Older/newer user-file locations, newest first; defaults to the user path alone. */
  candidatePaths?(ctx: PathContext): string[];
  container?: 'map' | 'list';
  supportsCwd?: boolean;
}

/** How clients write a reference to an environment variable. */
export const ENV_SYNTAX = {
  /** The client never expands variables: the value is resolved at deploy time. */
  none: (_name: string): string | null => null,
  /** VS Code, Cursor, Windsurf: `${env:NAME}`. */
  vscode: (name: string): string | null => `\${env:${name}}`,
  /** Shell-like `${NAME}` (Claude Code, Gemini CLI). */
  shell: (name: string): string | null => `\${${name}}`,
} as const;

/** An adapter from its declaration. */
export function defineAdapter(spec: AdapterSpec): ClientAdapter {
  const { paths, candidatePaths, container, supportsCwd, ...rest } = spec;
  const configPath = scopedPaths(spec.id, paths);
  return {
    ...rest,
    scopes: Object.keys(paths) as Scope[],
    container: container ?? 'map',
    supportsCwd: supportsCwd ?? false,
    configPath,
    candidatePaths: candidatePaths ?? ((ctx) => (paths.user ? [paths.user(ctx)] : [])),
  };
}

/** One entry of each transport, to learn which fields an adapter writes. */
const PROBES: ReadonlyArray<ServerEntry> = [
  { command: 'probe', args: ['a'], env: { E: 'v' }, cwd: '/probe' },
  { type: 'http', url: 'https://probe.invalid/mcp', headers: { H: 'v' } },
  { type: 'sse', url: 'https://probe.invalid/sse', headers: { H: 'v' } },
];
/** Probes with every shared field, passed only as far as the adapter carries them. */
const SHARED_PROBE: Pick<ServerEntry, 'disabled' | 'tools' | 'timeout'> = {
  disabled: true,
  tools: { include: ['probe'], exclude: ['probe'] },
  timeout: 1000,
};
const managedCache = new WeakMap<ClientAdapter, ReadonlySet<string>>();

/**
 * The fields of a client entry that this tool writes (learned by asking the adapter to write one
 * entry of each transport). Every other field (Cline's `autoApprove`, Codex's
 * `startup_timeout_sec`, ...) is the user's, and a deploy keeps it.
 */
export function managedKeys(adapter: ClientAdapter): ReadonlySet<string> {
  const known = managedCache.get(adapter);
  if (known) return known;
  const keys = new Set<string>(adapter.replacedKeys ?? []);
  for (const plain of PROBES) {
    const probe = fitSharedFields(adapter, 'probe', { ...plain, ...SHARED_PROBE }, []);
    const entry =
      isRemote(probe) && !adapter.transports.includes(probe.type) ? wrapWithMcpRemote(probe) : probe;
    try {
      const written = adapter.toClient('probe', entry);
      if (written && typeof written === 'object') for (const key of Object.keys(written)) keys.add(key);
    } catch {
      /* a transport the adapter cannot write: nothing to learn */
    }
  }
  managedCache.set(adapter, keys);
  return keys;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const nativePatternCache = new WeakMap<ClientAdapter, RegExp | null>();

/** A pattern matching this client's own variable references, the name in group 1; null if it has none. */
export function nativeReferencePattern(adapter: ClientAdapter): RegExp | null {
  if (nativePatternCache.has(adapter)) return nativePatternCache.get(adapter) ?? null;
  const sample = adapter.envReference('NAME');
  let pattern: RegExp | null = null;
  if (sample !== null && sample !== '${env:NAME}') {
    const [before, after] = sample.split('NAME') as [string, string];
    // `{env:X}` (OpenCode) must not match inside an artifact-style `${env:X}`.
    const guard = before.startsWith('$') ? '' : '(?<!\\$)';
    pattern = new RegExp(
      `${guard}${escapeRegExp(before)}([A-Za-z_][A-Za-z0-9_]*)${escapeRegExp(after)}`,
      'g',
    );
  }
  nativePatternCache.set(adapter, pattern);
  return pattern;
}

/**
 * A client entry read by `import`, with the client's own variable references (`${NAME}` in
 * Claude Code, `{env:NAME}` in OpenCode) turned into the artifact's `${env:NAME}`, so a deploy to
 * another client never receives a literal `${NAME}`. Warns about fields the neutral model cannot
 * carry and about references only the client itself understands (VS Code's `${input:...}`).
 */
export function importEntry(
  adapter: ClientAdapter,
  server: string,
  raw: unknown,
): { entry: ServerEntry; warnings: TranslationWarning[] } {
  const warnings: TranslationWarning[] = [];
  const pattern = nativeReferencePattern(adapter);
  let entry = adapter.fromClient(server, raw);
  if (pattern)
    entry = mapStrings(entry, (value) => value.replace(pattern, (_ref, name: string) => `\${env:${name}}`));
  const lost = isObject(raw) ? (adapter.unsupportedOnImport?.(raw) ?? []) : [];
  if (lost.length > 0) {
    warnings.push({
      code: 'UNSUPPORTED_FIELD',
      server,
      message: `${lost.map((f) => `"${f}"`).join(', ')} of "${server}" ${lost.length > 1 ? 'have' : 'has'} no neutral form: kept when deploying to ${adapter.name} again, not carried to other clients.`,
    });
  }
  const clientOnly = new Set<string>();
  mapStrings(entry, (value) => {
    for (const match of value.matchAll(/\$\{(input|workspaceFolder|userHome|pathSeparator)(:[^}]*)?\}/g))
      clientOnly.add(match[0]);
    return value;
  });
  if (clientOnly.size > 0) {
    warnings.push({
      code: 'UNSUPPORTED_FIELD',
      server,
      message: `${[...clientOnly].join(', ')} in "${server}" ${clientOnly.size > 1 ? 'are' : 'is'} only understood by ${adapter.name}; other clients receive ${clientOnly.size > 1 ? 'them' : 'it'} as written.`,
    });
  }
  return { entry, warnings };
}

/** `next` (what the artifact says) plus the user's own fields of the entry already in the file. */
export function keepClientSettings(adapter: ClientAdapter, existing: unknown, next: unknown): unknown {
  if (!isObject(existing) || !isObject(next)) return next;
  const managed = managedKeys(adapter);
  const preserved = new Set(adapter.preservedKeys ?? []);
  const kept = Object.entries(existing).filter(
    ([key, value]) =>
      preserved.has(key) || (!(key in next) && (!managed.has(key) || isNeutralDefault(adapter, key, value))),
  );
  return kept.length === 0 ? next : { ...next, ...Object.fromEntries(kept) };
}

function isNeutralDefault(adapter: ClientAdapter, key: string, value: unknown): boolean {
  const defaults = adapter.neutralDefaults;
  return defaults !== undefined && Object.hasOwn(defaults, key) && defaults[key] === value;
}

/** Only the fields this tool writes: what a deploy is answerable for, and what drift compares. */
export function managedPart(adapter: ClientAdapter, entry: unknown): unknown {
  if (!isObject(entry)) return entry;
  const managed = managedKeys(adapter);
  const preserved = new Set(adapter.preservedKeys ?? []);
  return Object.fromEntries(
    Object.entries(entry).filter(
      ([key, value]) => managed.has(key) && !preserved.has(key) && !isNeutralDefault(adapter, key, value),
    ),
  );
}
