/**
 * @module registry/api/server-json
 * A catalog server as an official `server.json` document (the `server` of a registry API response):
 * the inverse of registry/import-server-json.ts, so that importing what we serve gives back the same
 * command, args, URL, headers, params and env. Runners follow the same conventions: npm -> `npx -y`,
 * pypi -> `uvx`, oci -> `docker run -i --rm`, nuget -> `dnx`.
 * A stdio server whose command is not one of these runners (e.g. `docker mcp gateway run`) has no
 * standard form: it is served without `packages`, and `_meta` says it cannot be installed from here.
 */
import type { ServerDefinition, ServerEnvVar, ServerParam } from '../../core/schemas/registry.js';
import { SERVER_JSON_SCHEMA_URL } from './schemas.js';

/** Registry API limits (ServerDetail in the OpenAPI document). */
const MAX_DESCRIPTION = 100;
const MAX_TITLE = 100;
const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const WHOLE_PLACEHOLDER = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/;
const ENV_REFERENCE = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

interface Input {
  description?: string;
  isRequired?: boolean;
  isSecret?: boolean;
  default?: string;
  placeholder?: string;
}
type Argument = Input & {
  type: 'positional';
  value?: string;
  valueHint?: string;
  variables?: Record<string, Input>;
};
type KeyValue = Input & { name: string; value?: string; variables?: Record<string, Input> };

interface Package {
  registryType: string;
  identifier: string;
  version?: string;
  runtimeHint: string;
  transport: { type: 'stdio' };
  runtimeArguments?: Argument[];
  packageArguments?: Argument[];
  environmentVariables?: KeyValue[];
}

interface Remote {
  type: 'streamable-http' | 'sse';
  url: string;
  headers?: KeyValue[];
  variables?: Record<string, Input>;
}

/** The `server.json` document of one catalog server. */
export interface ServerJsonDocument {
  $schema: string;
  name: string;
  description: string;
  title: string;
  version: string;
  websiteUrl?: string;
  packages?: Package[];
  remotes?: Remote[];
}

/** Cuts text to the registry's limit on a word boundary where it can, marking the cut with "…". */
function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}

function httpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function paramInput(param: ServerParam): Input {
  return {
    description: param.description,
    isRequired: param.required,
    ...(param.default === undefined ? {} : { default: param.default }),
    ...(param.example === undefined ? {} : { placeholder: param.example }),
  };
}

function envInput(v: ServerEnvVar): Input {
  return {
    description: v.description,
    isRequired: v.required,
    isSecret: v.secret,
    ...(v.default === undefined ? {} : { default: v.default }),
  };
}

/** The variables a text refers to with `{param}` placeholders. */
function variablesOf(text: string, params: Map<string, ServerParam>): Record<string, Input> | undefined {
  const out: Record<string, Input> = {};
  for (const [, name = ''] of text.matchAll(PLACEHOLDER)) {
    const param = params.get(name);
    if (param) out[name] = paramInput(param);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function toArgument(arg: string, params: Map<string, ServerParam>): Argument {
  const whole = WHOLE_PLACEHOLDER.exec(arg)?.[1];
  const param = whole === undefined ? undefined : params.get(whole);
  if (param) return { type: 'positional', valueHint: param.name, ...paramInput(param) };
  const variables = variablesOf(arg, params);
  return { type: 'positional', value: arg, ...(variables ? { variables } : {}) };
}

interface Runner {
  registryType: string;
  command: string;
  /** How the package reference is written in args: `name`, `name@1.2.3`, `name==1.2.3`, `image:tag`. */
  split(arg: string, name: string): { identifier: string; version?: string } | undefined;
}

const versioned =
  (...separators: string[]) =>
  (arg: string, name: string): { identifier: string; version?: string } | undefined => {
    if (arg === name) return { identifier: name };
    for (const sep of separators) {
      if (arg.startsWith(name + sep)) {
        const version = arg.slice(name.length + sep.length);
        // `latest` is not a version (the registry rejects it); leaving it out runs the latest anyway.
        return version && version !== 'latest' ? { identifier: name, version } : { identifier: name };
      }
    }
    return undefined;
  };

const RUNNERS: Record<string, Runner> = {
  npm: { registryType: 'npm', command: 'npx', split: versioned('@') },
  pypi: { registryType: 'pypi', command: 'uvx', split: versioned('==', '@') },
  // An OCI reference keeps its tag or digest in the identifier, as import-server-json expects.
  docker: {
    registryType: 'oci',
    command: 'docker',
    split: (arg, name) =>
      arg === name || arg.startsWith(`${name}:`) || arg.startsWith(`${name}@`)
        ? { identifier: arg }
        : undefined,
  },
  binary: { registryType: 'nuget', command: 'dnx', split: versioned('@') },
};

/** The stdio package form of a definition, or undefined when its command is no standard runner. */
function toPackage(def: ServerDefinition, params: Map<string, ServerParam>): Package | undefined {
  const runner = RUNNERS[def.package.registry];
  if (!runner || def.command !== runner.command) return undefined;
  const args = def.args ?? [];
  const at = args.findIndex((a) => runner.split(a, def.package.name) !== undefined);
  const ref = at < 0 ? undefined : runner.split(args[at] ?? '', def.package.name);
  if (!ref) return undefined;
  let runtime = args.slice(0, at);
  let after = args.slice(at + 1);
  const envNames = new Set(def.env.map((v) => v.name));
  switch (runner.registryType) {
    case 'npm':
      runtime = runtime.filter((a) => a !== '-y' && a !== '--yes');
      break;
    case 'nuget':
      if (after[0] === '--yes') after = after.slice(1);
      break;
    case 'oci': {
      if (runtime[0] !== 'run') return undefined;
      let rest = runtime.slice(1);
      if (rest[0] === '-i') rest = rest.slice(1);
      if (rest[0] === '--rm') rest = rest.slice(1);
      // `-e NAME` of a declared variable is how import-server-json forwards it: it comes back from env.
      runtime = [];
      for (let i = 0; i < rest.length; i++) {
        const arg = rest[i] ?? '';
        if (arg === '-e' && envNames.has(rest[i + 1] ?? '')) i++;
        else runtime.push(arg);
      }
      break;
    }
  }
  const pkg: Package = {
    registryType: runner.registryType,
    identifier: ref.identifier,
    ...(ref.version === undefined ? {} : { version: ref.version }),
    runtimeHint: runner.command,
    transport: { type: 'stdio' },
  };
  if (runtime.length > 0) pkg.runtimeArguments = runtime.map((a) => toArgument(a, params));
  if (after.length > 0) pkg.packageArguments = after.map((a) => toArgument(a, params));
  if (def.env.length > 0) pkg.environmentVariables = def.env.map((v) => ({ name: v.name, ...envInput(v) }));
  return pkg;
}

/** A header value: `${env:NAME}` becomes a secret `{NAME}` variable, `{param}` a plain one. */
function toHeader(
  name: string,
  value: string,
  params: Map<string, ServerParam>,
  env: Map<string, ServerEnvVar>,
): KeyValue {
  const variables: Record<string, Input> = { ...variablesOf(value, params) };
  const converted = value.replace(ENV_REFERENCE, (_, envName: string) => {
    const declared = env.get(envName);
    variables[envName] = declared
      ? { ...envInput(declared), isSecret: true }
      : { description: `Value of ${envName}`, isRequired: true, isSecret: true };
    return `{${envName}}`;
  });
  return { name, value: converted, ...(Object.keys(variables).length > 0 ? { variables } : {}) };
}

function toRemote(def: ServerDefinition, params: Map<string, ServerParam>): Remote {
  const url = def.url ?? '';
  const env = new Map(def.env.map((v) => [v.name, v]));
  const headers = Object.entries(def.headers ?? {}).map(([k, v]) => toHeader(k, v, params, env));
  const variables = variablesOf(url, params);
  return {
    type: def.transport === 'sse' ? 'sse' : 'streamable-http',
    url,
    ...(headers.length > 0 ? { headers } : {}),
    ...(variables ? { variables } : {}),
  };
}

/**
 * The `server.json` document for a catalog server under a registry name and version.
 * @example
 * definitionToServerJson(registry.get('memory'), { name: 'io.mcp-orchestration.catalog/memory', version: '0.1.0' })
 * // { name: '...', packages: [{ registryType: 'npm', identifier: '@modelcontextprotocol/server-memory', ... }] }
 */
export function definitionToServerJson(
  def: ServerDefinition,
  at: { name: string; version: string },
): { document: ServerJsonDocument; installable: boolean } {
  const params = new Map(def.params.map((p) => [p.name, p]));
  const websiteUrl = httpUrl(def.homepage);
  const document: ServerJsonDocument = {
    $schema: SERVER_JSON_SCHEMA_URL,
    name: at.name,
    description: clip(def.description, MAX_DESCRIPTION),
    title: clip(def.name, MAX_TITLE),
    version: at.version,
    ...(websiteUrl ? { websiteUrl } : {}),
  };
  if (def.transport !== 'stdio') {
    document.remotes = [toRemote(def, params)];
    return { document, installable: true };
  }
  const pkg = toPackage(def, params);
  if (pkg) document.packages = [pkg];
  return { document, installable: pkg !== undefined };
}
