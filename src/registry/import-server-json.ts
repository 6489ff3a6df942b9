/**
 * @module registry/import-server-json
 * Converts an official MCP registry `server.json` (schema 2025-09-16 and later, camelCase; the
 * 2025-07-09 snake_case names are accepted too) into a user server definition.
 * Runner conventions follow the registry docs: npm -> `npx -y`, pypi -> `uvx`, oci -> `docker run`,
 * nuget -> `dnx`. See shared/reference/CLIENTS.md section 7.
 */
import { z } from 'zod';
import { OrchestrationError } from '../core/errors.js';
import { assertId } from '../core/ids.js';
import {
  REGISTRY_NAME_PATTERN,
  type ServerDefinition,
  ServerDefinitionSchema,
  type ServerEnvVar,
  type ServerParam,
} from '../core/schemas/registry.js';

const InputSchema = z.object({
  description: z.string().optional(),
  isRequired: z.boolean().optional(),
  isSecret: z.boolean().optional(),
  format: z.string().optional(),
  value: z.string().optional(),
  default: z.string().optional(),
  placeholder: z.string().optional(),
  choices: z.array(z.string()).optional(),
});
type Input = z.infer<typeof InputSchema>;

const VariablesSchema = z.record(z.string(), InputSchema).optional();

const ArgumentSchema = InputSchema.extend({
  type: z.enum(['positional', 'named']),
  name: z.string().min(1).optional(),
  valueHint: z.string().optional(),
  isRepeated: z.boolean().optional(),
  variables: VariablesSchema,
}).refine((a) => a.type !== 'named' || a.name !== undefined, { message: 'a named argument needs a name' });
type Argument = z.infer<typeof ArgumentSchema>;

const KeyValueSchema = InputSchema.extend({ name: z.string().min(1), variables: VariablesSchema });
type KeyValue = z.infer<typeof KeyValueSchema>;

const PackageSchema = z.object({
  registryType: z.string().min(1),
  identifier: z.string().min(1),
  version: z.string().optional(),
  runtimeHint: z.string().optional(),
  transport: z.object({ type: z.string() }).optional(),
  runtimeArguments: z.array(ArgumentSchema).optional(),
  packageArguments: z.array(ArgumentSchema).optional(),
  environmentVariables: z.array(KeyValueSchema).optional(),
});
type Package = z.infer<typeof PackageSchema>;

const RemoteSchema = z.object({
  type: z.string().min(1),
  url: z.string().min(1),
  headers: z.array(KeyValueSchema).optional(),
  variables: VariablesSchema,
});
type Remote = z.infer<typeof RemoteSchema>;

const ServerJsonSchema = z.object({
  name: z.string().regex(REGISTRY_NAME_PATTERN, 'expected a reverse-DNS name like "io.github.owner/server"'),
  title: z.string().optional(),
  description: z.string().min(1),
  version: z.string().optional(),
  websiteUrl: z.string().optional(),
  repository: z.object({ url: z.string().optional() }).optional(),
  packages: z.array(PackageSchema).optional(),
  remotes: z.array(RemoteSchema).optional(),
});

const SUPPORTED_PACKAGES = new Set(['npm', 'pypi', 'oci', 'nuget']);
const REMOTE_TRANSPORTS: Record<string, 'http' | 'sse'> = { 'streamable-http': 'http', sse: 'sse' };
const PLACEHOLDER = /\{([^{}\s]+)\}/g;
const HAS_PLACEHOLDER = /\{[^{}\s]+\}/;

/** snake_case -> camelCase for field names; the keys of `variables` (user names) are kept. */
function camelize(value: unknown, parentKey = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => camelize(v, parentKey));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === '_meta') continue;
    const name =
      parentKey === 'variables' ? key : key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    out[name] = camelize(v, parentKey === 'variables' ? '' : name);
  }
  return out;
}

/** Maps the 2025-07-09 names that were renamed, not just re-cased. */
function legacyAliases(doc: Record<string, unknown>): Record<string, unknown> {
  const packages = Array.isArray(doc.packages)
    ? doc.packages.map((p: Record<string, unknown>) => ({
        ...p,
        registryType: p.registryType ?? p.registryName,
        identifier: p.identifier ?? p.name,
      }))
    : doc.packages;
  const remotes = Array.isArray(doc.remotes)
    ? doc.remotes.map((r: Record<string, unknown>) => ({ ...r, type: r.type ?? r.transportType }))
    : doc.remotes;
  return { ...doc, packages, remotes };
}

function invalid(message: string, details: Record<string, unknown> = {}): OrchestrationError {
  return new OrchestrationError('VALIDATION_ERROR', `Invalid server.json: ${message}`, details);
}

/** A name usable as a registry param or env var: `^[A-Za-z_][A-Za-z0-9_]*$`. */
function identifierName(raw: string): string {
  const cleaned = raw.replace(/^-+/, '').replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

/** `io.github.acme/Weather Server` -> `weather-server`. */
export function idFromServerName(name: string): string {
  const last = name.slice(name.indexOf('/') + 1);
  const id = last
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 64);
  if (!id) throw invalid(`cannot derive a server id from the name "${name}"; give one with --id.`);
  return id;
}

/** Collects params and env vars while arguments and headers are converted. */
class Collector {
  readonly params = new Map<string, ServerParam>();
  readonly env = new Map<string, ServerEnvVar>();

  param(rawName: string, input: Input | undefined, fallbackDescription: string): string {
    const name = identifierName(rawName);
    const existing = this.params.get(name);
    const required = Boolean(input?.isRequired) || Boolean(existing?.required);
    const param: ServerParam = {
      name,
      description: existing?.description ?? input?.description ?? fallbackDescription,
      required,
    };
    const dflt = existing?.default ?? input?.default;
    if (dflt !== undefined) param.default = dflt;
    const example = existing?.example ?? input?.placeholder;
    if (example !== undefined) param.example = example;
    this.params.set(name, param);
    return name;
  }

  envVar(name: string, input: Input, fallbackDescription: string, secret = Boolean(input.isSecret)): void {
    const existing = this.env.get(name);
    const v: ServerEnvVar = {
      name,
      description: existing?.description ?? input.description ?? fallbackDescription,
      required: Boolean(input.isRequired) || Boolean(existing?.required),
      secret: secret || Boolean(existing?.secret),
    };
    const literal = input.value !== undefined && !HAS_PLACEHOLDER.test(input.value) ? input.value : undefined;
    const dflt = existing?.default ?? input.default ?? literal;
    if (dflt !== undefined) v.default = dflt;
    this.env.set(name, v);
  }

  /** Rewrites `{var}` in `value` to registry `{param}` placeholders, declaring each param. */
  template(value: string, variables: Record<string, Input> | undefined, owner: Input): string {
    return value.replace(PLACEHOLDER, (_, varName: string) => {
      const v = variables?.[varName];
      const input = v ?? { isRequired: owner.isRequired, description: owner.description };
      return `{${this.param(varName, input, `Value for ${varName}`)}}`;
    });
  }

  /** One argument as argv words; named args become `--flag value` (or `--flag={param}`, see below). */
  argument(arg: Argument): string[] {
    if (arg.value === undefined && arg.type === 'named' && arg.format === 'boolean') {
      // A bare switch: on only when the publisher requires it or defaults it on.
      return arg.isRequired || arg.default === 'true' ? [arg.name ?? ''] : [];
    }
    const label = arg.type === 'named' ? (arg.name ?? '') : (arg.valueHint ?? 'value');
    const value =
      arg.value === undefined
        ? `{${this.param(label, arg, arg.description ?? `Value for ${label}`)}}`
        : this.template(arg.value, arg.variables, arg);
    if (arg.type === 'positional') return [value];
    const flag = arg.name ?? '';
    // buildServerEntry drops an arg whose optional param has no value: keep the flag in that arg.
    const optional = [...value.matchAll(PLACEHOLDER)].some((m) => {
      const param = this.params.get(m[1] ?? '');
      return param !== undefined && !param.required && param.default === undefined;
    });
    return optional ? [`${flag}=${value}`] : [flag, value];
  }

  /** A header value; secret parts become `${env:NAME}` references backed by a secret env var. */
  header(h: KeyValue): string {
    const envName = (raw: string): string => identifierName(raw).toUpperCase();
    if (h.value === undefined) {
      if (h.isSecret) {
        const name = envName(h.name);
        this.envVar(name, h, `Value of the ${h.name} header`, true);
        return `\${env:${name}}`;
      }
      return `{${this.param(h.name.toLowerCase(), h, h.description ?? `Value of the ${h.name} header`)}}`;
    }
    return h.value.replace(PLACEHOLDER, (_, varName: string) => {
      const v = h.variables?.[varName];
      if (h.isSecret || v?.isSecret) {
        const name = envName(varName);
        this.envVar(
          name,
          { ...v, isRequired: Boolean(v?.isRequired ?? h.isRequired) },
          v?.description ?? h.description ?? `Value for ${varName}`,
          true,
        );
        return `\${env:${name}}`;
      }
      return `{${this.param(varName, v ?? { isRequired: h.isRequired, description: h.description }, `Value for ${varName}`)}}`;
    });
  }
}

function packageRunner(pkg: Package): {
  command: string;
  registry: ServerDefinition['package']['registry'];
  ref: string;
} {
  const versioned = (sep: string): string =>
    pkg.version ? `${pkg.identifier}${sep}${pkg.version}` : pkg.identifier;
  switch (pkg.registryType) {
    case 'npm':
      return { command: 'npx', registry: 'npm', ref: versioned('@') };
    case 'pypi':
      return { command: 'uvx', registry: 'pypi', ref: versioned('==') };
    case 'nuget':
      return { command: 'dnx', registry: 'binary', ref: versioned('@') };
    default: {
      // oci: the identifier is a full image ref; older documents kept the tag in `version`.
      const lastPart = pkg.identifier.slice(pkg.identifier.lastIndexOf('/') + 1);
      const tagged = lastPart.includes(':') || pkg.identifier.includes('@');
      return { command: 'docker', registry: 'docker', ref: tagged ? pkg.identifier : versioned(':') };
    }
  }
}

function fromPackage(
  pkg: Package,
  c: Collector,
): Pick<ServerDefinition, 'transport' | 'package' | 'command' | 'args'> {
  const runner = packageRunner(pkg);
  const runtime = (pkg.runtimeArguments ?? []).flatMap((a) => c.argument(a));
  const packageArgs = (pkg.packageArguments ?? []).flatMap((a) => c.argument(a));
  for (const v of pkg.environmentVariables ?? []) c.envVar(v.name, v, v.name);
  const envNames = (pkg.environmentVariables ?? []).map((v) => v.name);
  let args: string[];
  switch (pkg.registryType) {
    case 'npm':
      args = ['-y', ...runtime, runner.ref, ...packageArgs];
      break;
    case 'nuget':
      args = [...runtime, runner.ref, '--yes', ...packageArgs];
      break;
    case 'pypi':
      args = [...runtime, runner.ref, ...packageArgs];
      break;
    default:
      // The container sees only the variables passed with -e; `-e NAME` forwards the client's value.
      args = [
        'run',
        '-i',
        '--rm',
        ...runtime,
        ...envNames.flatMap((n) => ['-e', n]),
        runner.ref,
        ...packageArgs,
      ];
  }
  return {
    transport: 'stdio',
    package: { registry: runner.registry, name: pkg.identifier },
    command: runner.command,
    args,
  };
}

function fromRemote(
  remote: Remote,
  c: Collector,
): Pick<ServerDefinition, 'transport' | 'package' | 'url' | 'headers'> {
  const transport = REMOTE_TRANSPORTS[remote.type] ?? 'http';
  const url = c.template(remote.url, remote.variables, { isRequired: true });
  const headers: Record<string, string> = {};
  for (const h of remote.headers ?? []) headers[h.name] = c.header(h);
  const host = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(remote.url)?.[1] ?? remote.url;
  return {
    transport,
    package: { registry: 'remote', name: host },
    url,
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
  };
}

/**
 * Converts an MCP registry `server.json` document into a user server definition.
 * @example
 * serverJsonToDefinition({ name: 'io.github.acme/weather', description: 'Weather', version: '1.0.0',
 *   packages: [{ registryType: 'npm', identifier: '@acme/weather', version: '1.0.0', transport: { type: 'stdio' } }] })
 * // { id: 'weather', command: 'npx', args: ['-y', '@acme/weather@1.0.0'], ... }
 */
export function serverJsonToDefinition(doc: unknown, opts: { id?: string } = {}): ServerDefinition {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw invalid('expected a JSON object with name, description and packages or remotes.');
  }
  const parsed = ServerJsonSchema.safeParse(legacyAliases(camelize(doc) as Record<string, unknown>));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const first = issues[0];
    throw invalid(`${first?.path ? `${first.path}: ` : ''}${first?.message ?? 'bad value'}.`, { issues });
  }
  const server = parsed.data;
  const id = opts.id === undefined ? idFromServerName(server.name) : assertId('server', opts.id);

  const pkg = (server.packages ?? []).find(
    (p) =>
      SUPPORTED_PACKAGES.has(p.registryType) && (p.transport === undefined || p.transport.type === 'stdio'),
  );
  const remote = (server.remotes ?? []).find((r) => r.type in REMOTE_TRANSPORTS);
  if (!pkg && !remote) {
    const found = [
      ...(server.packages ?? []).map((p) => `${p.registryType} package (${p.transport?.type ?? 'stdio'})`),
      ...(server.remotes ?? []).map((r) => `${r.type} remote`),
    ];
    throw invalid(
      `"${server.name}" has no supported way to run it: need a stdio npm, pypi, oci or nuget package or a streamable-http/sse remote${found.length > 0 ? `; found ${found.join(', ')}` : ''}.`,
      { found },
    );
  }

  const c = new Collector();
  const run = pkg ? fromPackage(pkg, c) : fromRemote(remote as Remote, c);
  const homepage = server.websiteUrl ?? server.repository?.url;
  const candidate = {
    id,
    name: server.title ?? server.name,
    description: server.description,
    tags: ['imported', ...(run.transport === 'stdio' ? [] : ['remote'])],
    ...run,
    params: [...c.params.values()],
    env: [...c.env.values()],
    ...(homepage ? { homepage } : {}),
    ...(server.version ? { version: server.version } : {}),
    registry_name: server.name,
    source: 'user' as const,
  };
  const result = ServerDefinitionSchema.safeParse(candidate);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw invalid(`the converted definition is not valid: ${issues[0]?.path} ${issues[0]?.message}.`, {
      issues,
    });
  }
  return result.data;
}
