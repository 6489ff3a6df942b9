/**
 * @module workflows/policy-match
 * What a policy rule can see of one config entry: its executable, the package it runs (read from
 * the runner's own arguments, so a custom entry cannot hide an npm package behind another name),
 * and its URLs (a remote's URL, and the URL an `mcp-remote` bridge connects to). Plus the globs.
 */
import type { ServerEntry } from '../core/schemas/payload.js';

export type PackageType = 'npm' | 'pypi' | 'oci';

export interface PackageRef {
  type: PackageType;
  name: string;
  version?: string;
  /** Index in `args` of the argument naming the package, for the JSON pointer. */
  argIndex: number;
}

export interface EntryFacts {
  /** The executable as written, and its bare lower-case name (`/usr/bin/NPX.cmd` -> `npx`). */
  command?: string;
  commandName?: string;
  packages: PackageRef[];
  urls: string[];
}

/** Docker flags that take a value, so the image is the first word after them. */
const DOCKER_VALUE_FLAGS = new Set([
  '-e',
  '--env',
  '--env-file',
  '-v',
  '--volume',
  '--mount',
  '--name',
  '--network',
  '-p',
  '--publish',
  '--entrypoint',
  '-w',
  '--workdir',
  '-u',
  '--user',
  '--platform',
  '-l',
  '--label',
  '--add-host',
  '--cpus',
  '-m',
  '--memory',
  '--pull',
  '--runtime',
  '--security-opt',
  '--cap-add',
  '--cap-drop',
]);

/** `/usr/local/bin/NPX.CMD` -> `npx`. */
export function executableName(command: string): string {
  const base = command.replace(/\\/g, '/').split('/').pop() ?? command;
  return base.toLowerCase().replace(/\.(exe|cmd|bat|ps1)$/, '');
}

/** Splits `name@version` (npm, the `@` of a scope is not a separator) or `name==version` (pypi). */
function splitVersion(type: PackageType, spec: string): { name: string; version?: string } {
  if (type === 'pypi') {
    const m = /^([A-Za-z0-9._-]+)(?:\[[^\]]*\])?(?:(?:==|@)(.+))?$/.exec(spec);
    if (m) return m[2] ? { name: m[1] ?? spec, version: m[2] } : { name: m[1] ?? spec };
  }
  if (type === 'oci') {
    const at = spec.indexOf('@');
    if (at > 0) return { name: spec.slice(0, at), version: spec.slice(at + 1) };
    const colon = spec.lastIndexOf(':');
    if (colon > spec.lastIndexOf('/')) return { name: spec.slice(0, colon), version: spec.slice(colon + 1) };
    return { name: spec };
  }
  const at = spec.lastIndexOf('@');
  return at > 0 ? { name: spec.slice(0, at), version: spec.slice(at + 1) } : { name: spec };
}

function ref(type: PackageType, args: readonly string[], index: number): PackageRef | undefined {
  const spec = args[index];
  if (spec === undefined || spec.startsWith('-')) return undefined;
  const { name, version } = splitVersion(type, spec);
  return { type, name, ...(version && version !== 'latest' ? { version } : {}), argIndex: index };
}

/** The first argument that is not a flag, from `start`, skipping the values of `valueFlags`. */
function firstWord(args: readonly string[], start: number, valueFlags: ReadonlySet<string>): number {
  for (let i = start; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--') return i + 1;
    if (!a.startsWith('-')) return i;
    if (valueFlags.has(a)) i++;
  }
  return -1;
}

function packageOf(name: string, args: readonly string[]): PackageRef | undefined {
  switch (name) {
    case 'npx':
    case 'bunx': {
      const flag = args.findIndex((a) => a === '-p' || a === '--package');
      if (flag >= 0) return ref('npm', args, flag + 1);
      const eq = args.findIndex((a) => a.startsWith('--package='));
      if (eq >= 0) return ref('npm', [(args[eq] ?? '').slice('--package='.length)], 0);
      return ref('npm', args, firstWord(args, 0, new Set(['-c', '--call'])));
    }
    case 'pnpm':
    case 'yarn':
      return args[0] === 'dlx' ? ref('npm', args, firstWord(args, 1, new Set())) : undefined;
    case 'uvx':
    case 'pipx': {
      const start = name === 'pipx' ? (args[0] === 'run' ? 1 : -1) : 0;
      if (start < 0) return undefined;
      const from = args.indexOf('--from');
      if (from >= 0) return ref('pypi', args, from + 1);
      return ref('pypi', args, firstWord(args, start, new Set(['--python', '-p', '--with'])));
    }
    case 'docker':
    case 'podman':
      return args[0] === 'run' ? ref('oci', args, firstWord(args, 1, DOCKER_VALUE_FLAGS)) : undefined;
    default:
      return undefined;
  }
}

const isHttpUrl = (s: string) => /^https?:\/\/\S+$/i.test(s);

/**
 * The facts of one entry. A Windows `cmd /c npx ...` wrapper is seen through.
 * @example entryFacts({ command: 'npx', args: ['-y', '@acme/tool@1.2.0'] }).packages
 * // [{ type: 'npm', name: '@acme/tool', version: '1.2.0', argIndex: 1 }]
 */
export function entryFacts(entry: ServerEntry): EntryFacts {
  if ('url' in entry) return { packages: [], urls: [entry.url] };
  let command = entry.command;
  let args = entry.args ?? [];
  let offset = 0;
  if (executableName(command) === 'cmd' && /^\/c$/i.test(args[0] ?? '') && args[1]) {
    command = args[1];
    args = args.slice(2);
    offset = 2;
  }
  const commandName = executableName(command);
  const pkg = packageOf(commandName, args);
  const packages = pkg ? [{ ...pkg, argIndex: pkg.argIndex + offset }] : [];
  const bridged = pkg?.type === 'npm' && pkg.name === 'mcp-remote';
  return { command, commandName, packages, urls: bridged ? args.filter(isHttpUrl) : [] };
}

const escapeRegex = (s: string) => s.replace(/[.+^${}()|[\]\\?]/g, '\\$&');

/** A glob: `*` is any run of characters. Case-insensitive. */
export function globMatch(glob: string, value: string): boolean {
  return new RegExp(`^${glob.split('*').map(escapeRegex).join('.*')}$`, 'i').test(value);
}

/**
 * A URL glob: in the host part `*` cannot cross into the path, so `https://*.acme.com/*` does not
 * match `https://evil.example/x.acme.com/`. Compared with the URL as written and as normalized.
 */
export function urlGlobMatch(glob: string, url: string): boolean {
  const hostEnd = glob.indexOf('/', glob.indexOf('://') + 3);
  const part = (s: string, any: string) => s.split('*').map(escapeRegex).join(any);
  const head = hostEnd < 0 ? glob : glob.slice(0, hostEnd);
  const tail = hostEnd < 0 ? '' : glob.slice(hostEnd);
  const re = new RegExp(`^${part(head, '[^/?#@]*')}${part(tail, '.*')}$`, 'i');
  let normalized = url;
  try {
    normalized = new URL(url).href;
  } catch {
    // not a URL: only the text as written can match
  }
  return re.test(url) || re.test(normalized);
}
