/**
 * @module workflows/validate
 * Validation of a payload (from a draft or a file): every rule has a stable code and a JSON-pointer path.
 * Pure: it takes data (and an optional registry lookup) and returns data.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { type ErrorCode, ErrorCodeSchema, OrchestrationError, type WarningCode } from '../core/errors.js';
import { SERVER_NAME_PATTERN } from '../core/ids.js';
import type { DraftOrigin } from '../core/schemas/draft.js';
import type { ServerDefinition } from '../core/schemas/registry.js';
import type { ValidationIssue, ValidationResult } from '../core/schemas/validation.js';
import { isPlaintextSecret } from './secrets.js';

/** The largest payload accepted, as canonical-ish JSON text. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/** The fields every entry may carry besides its transport (issue #12). */
const SHARED_FIELDS = ['disabled', 'tools', 'timeout'];
const STDIO_FIELDS = new Set(['type', 'command', 'args', 'env', 'cwd', ...SHARED_FIELDS]);
const REMOTE_FIELDS = new Set(['type', 'url', 'headers', ...SHARED_FIELDS]);

export interface ValidateOptions {
  /** Registry origins of draft entries, to check required params and env. */
  origins?: Record<string, DraftOrigin>;
  lookupServer?: (id: string) => ServerDefinition | undefined;
  /** Transports the target client runs natively; others get UNSUPPORTED_TRANSPORT. */
  clientTransports?: ReadonlyArray<'stdio' | 'http' | 'sse'>;
  /** Look commands up on PATH (COMMAND_NOT_FOUND warnings). */
  checkCommands?: boolean;
  env?: NodeJS.ProcessEnv;
}

const pointer = (...parts: string[]) =>
  `/${parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
// `__proto__` as a key does not survive a JSON round trip into plain objects, so it is never a valid name.
const isStringRecord = (v: unknown) =>
  isRecord(v) && !Object.hasOwn(v, '__proto__') && Object.values(v).every((x) => typeof x === 'string');

class Issues {
  readonly errors: ValidationIssue[] = [];
  readonly warnings: ValidationIssue[] = [];
  error(code: ErrorCode, message: string, path: string, server?: string): void {
    this.errors.push({ code, message, path, severity: 'error', ...(server === undefined ? {} : { server }) });
  }
  warn(code: WarningCode, message: string, path: string, server?: string): void {
    this.warnings.push({
      code,
      message,
      path,
      severity: 'warning',
      ...(server === undefined ? {} : { server }),
    });
  }
}

/** Whether `command` resolves to an executable on PATH (or is an existing absolute path). */
export function commandExists(command: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const canRun = (p: string) => {
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (isAbsolute(command) || command.includes('/')) return canRun(command);
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  return (env.PATH ?? '')
    .split(delimiter)
    .some((dir) => dir && exts.some((ext) => canRun(join(dir, command + ext))));
}

/**
 * Validates a payload.
 * @example validatePayload({ mcpServers: { memory: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] } } })
 */
export function validatePayload(payload: unknown, options: ValidateOptions = {}): ValidationResult {
  const issues = new Issues();
  if (!isRecord(payload) || !('mcpServers' in payload)) {
    issues.error('MISSING_REQUIRED_FIELD', 'The config needs an "mcpServers" object.', '/mcpServers');
    return finish(issues, 0);
  }
  for (const key of Object.keys(payload)) {
    if (key !== 'mcpServers')
      issues.error('VALIDATION_ERROR', `Unknown top-level field "${key}".`, pointer(key));
  }
  const servers = payload.mcpServers;
  if (!isRecord(servers)) {
    issues.error('MISSING_REQUIRED_FIELD', '"mcpServers" must be an object of named servers.', '/mcpServers');
    return finish(issues, 0);
  }
  const names = Object.keys(servers);
  if (names.length === 0) {
    issues.error(
      'EMPTY_CONFIG',
      'The config has no servers. Add one with "mcp-orchestration draft add SERVER_ID".',
      '/mcpServers',
    );
  }
  for (const name of names) validateServer(name, servers[name], issues, options);
  return finish(issues, names.length);
}

function finish(issues: Issues, serverCount: number): ValidationResult {
  return {
    valid: issues.errors.length === 0,
    errors: issues.errors,
    warnings: issues.warnings,
    server_count: serverCount,
  };
}

function validateServer(name: string, entry: unknown, issues: Issues, options: ValidateOptions): void {
  const at = (...parts: string[]) => pointer('mcpServers', name, ...parts);
  if (!SERVER_NAME_PATTERN.test(name)) {
    issues.error(
      'INVALID_ID',
      `Server name "${name}" must be 1-64 letters, digits, ".", "_" or "-".`,
      at(),
      name,
    );
  }
  if (!isRecord(entry)) {
    issues.error('VALIDATION_ERROR', `Server "${name}" must be an object.`, at(), name);
    return;
  }
  const remote = 'url' in entry || entry.type === 'http' || entry.type === 'sse';
  const allowed = remote ? REMOTE_FIELDS : STDIO_FIELDS;
  for (const key of Object.keys(entry)) {
    if (!allowed.has(key)) {
      issues.error(
        'VALIDATION_ERROR',
        `Server "${name}" has an unknown field "${key}" for a ${remote ? 'remote' : 'stdio'} server.`,
        at(key),
        name,
      );
    }
  }
  if (remote) validateRemote(name, entry, issues, at);
  else validateStdio(name, entry, issues, at, options);
  validateSharedFields(name, entry, issues, at);
  validateOrigin(name, entry, issues, at, options);
  const transport = remote ? String(entry.type ?? 'http') : 'stdio';
  if (options.clientTransports && !options.clientTransports.includes(transport as 'stdio')) {
    issues.warn(
      'UNSUPPORTED_TRANSPORT',
      `The client does not run ${transport} servers natively; "${name}" will be wrapped with "npx -y mcp-remote" on deploy.`,
      at('type'),
      name,
    );
  }
}

function validateRemote(
  name: string,
  entry: Record<string, unknown>,
  issues: Issues,
  at: (...p: string[]) => string,
): void {
  if (entry.type !== 'http' && entry.type !== 'sse') {
    issues.error(
      'VALIDATION_ERROR',
      `Server "${name}": "type" must be "http" or "sse" for a remote server.`,
      at('type'),
      name,
    );
  }
  if (typeof entry.url !== 'string' || entry.url === '') {
    issues.error('MISSING_REQUIRED_FIELD', `Server "${name}" needs a "url".`, at('url'), name);
  } else if (!isHttpUrl(entry.url)) {
    issues.error('INVALID_URL', `Server "${name}": "${entry.url}" is not an http(s) URL.`, at('url'), name);
  }
  if (entry.headers !== undefined) {
    if (!isStringRecord(entry.headers)) {
      issues.error(
        'INVALID_ENV_TYPE',
        `Server "${name}": "headers" must map names to strings.`,
        at('headers'),
        name,
      );
    } else {
      for (const [key, value] of Object.entries(entry.headers as Record<string, string>)) {
        if (isPlaintextSecret(key, value.replace(/^Bearer\s+/i, ''))) {
          issues.warn(
            'SECRET_IN_PLAINTEXT',
            secretMessage(name, `header "${key}"`, key),
            at('headers', key),
            name,
          );
        }
      }
    }
  }
}

const isStringList = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string' && x !== '');

/** `disabled` a boolean, `tools` `{include?, exclude?}` lists of names, `timeout` milliseconds. */
function validateSharedFields(
  name: string,
  entry: Record<string, unknown>,
  issues: Issues,
  at: (...parts: string[]) => string,
): void {
  if (entry.disabled !== undefined && typeof entry.disabled !== 'boolean') {
    issues.error(
      'VALIDATION_ERROR',
      `Server "${name}": "disabled" must be true or false.`,
      at('disabled'),
      name,
    );
  }
  const tools = entry.tools;
  if (tools !== undefined) {
    const ok =
      isRecord(tools) &&
      Object.keys(tools).every((k) => k === 'include' || k === 'exclude') &&
      (tools.include === undefined || isStringList(tools.include)) &&
      (tools.exclude === undefined || isStringList(tools.exclude));
    if (!ok) {
      issues.error(
        'VALIDATION_ERROR',
        `Server "${name}": "tools" must be {"include": [names]} and/or {"exclude": [names]}.`,
        at('tools'),
        name,
      );
    }
  }
  const timeout = entry.timeout;
  if (timeout !== undefined && !(typeof timeout === 'number' && Number.isInteger(timeout) && timeout > 0)) {
    issues.error(
      'VALIDATION_ERROR',
      `Server "${name}": "timeout" must be a whole number of milliseconds above 0.`,
      at('timeout'),
      name,
    );
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function validateStdio(
  name: string,
  entry: Record<string, unknown>,
  issues: Issues,
  at: (...p: string[]) => string,
  options: ValidateOptions,
): void {
  if (entry.type !== undefined && entry.type !== 'stdio') {
    issues.error(
      'VALIDATION_ERROR',
      `Server "${name}": "type" must be "stdio", "http" or "sse".`,
      at('type'),
      name,
    );
  }
  if (typeof entry.command !== 'string' || entry.command.trim() === '') {
    issues.error(
      'MISSING_COMMAND',
      `Server "${name}" needs a "command" (for example "npx").`,
      at('command'),
      name,
    );
  } else if (options.checkCommands && !commandExists(entry.command, options.env)) {
    issues.warn(
      'COMMAND_NOT_FOUND',
      `Command "${entry.command}" of "${name}" is not on this machine's PATH.`,
      at('command'),
      name,
    );
  }
  if (
    entry.args !== undefined &&
    (!Array.isArray(entry.args) || !entry.args.every((a) => typeof a === 'string'))
  ) {
    issues.error(
      'INVALID_ARGS_TYPE',
      `Server "${name}": "args" must be an array of strings.`,
      at('args'),
      name,
    );
  }
  if (entry.cwd !== undefined && typeof entry.cwd !== 'string') {
    issues.error('VALIDATION_ERROR', `Server "${name}": "cwd" must be a string.`, at('cwd'), name);
  }
  if (entry.env !== undefined) {
    if (!isStringRecord(entry.env)) {
      issues.error(
        'INVALID_ENV_TYPE',
        `Server "${name}": "env" must map variable names to strings.`,
        at('env'),
        name,
      );
    } else {
      for (const [key, value] of Object.entries(entry.env as Record<string, string>)) {
        if (isPlaintextSecret(key, value)) {
          issues.warn('SECRET_IN_PLAINTEXT', secretMessage(name, `env "${key}"`, key), at('env', key), name);
        }
      }
    }
  }
}

function secretMessage(server: string, what: string, name: string): string {
  const ref = name.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
  return `Server "${server}": ${what} looks like a secret stored as plain text. Store a reference instead, e.g. "\${env:${ref}}", resolved at deploy time.`;
}

function validateOrigin(
  name: string,
  entry: Record<string, unknown>,
  issues: Issues,
  at: (...p: string[]) => string,
  options: ValidateOptions,
): void {
  const origin = options.origins?.[name];
  const def = origin && options.lookupServer?.(origin.server_id);
  if (!origin || !def) return;
  for (const param of def.params) {
    const given = origin.params[param.name] ?? param.default;
    if (param.required && (given === undefined || given === '')) {
      issues.error(
        'MISSING_REQUIRED_PARAM',
        `Server "${name}" (${def.id}) needs the parameter "${param.name}": ${param.description}. Add it with --param ${param.name}=VALUE.`,
        at(def.transport === 'stdio' ? 'args' : 'url'),
        name,
      );
    }
  }
  const env = isRecord(entry.env) ? entry.env : {};
  const headers = isRecord(entry.headers) ? JSON.stringify(entry.headers) : '';
  for (const variable of def.env) {
    const present =
      variable.name in env ||
      headers.includes(`\${env:${variable.name}}`) ||
      (origin.env ?? []).includes(variable.name);
    if (variable.required && !present) {
      issues.error(
        'MISSING_REQUIRED_ENV',
        `Server "${name}" (${def.id}) needs the environment variable ${variable.name}: ${variable.description}. Add it with --env ${variable.name}='\${env:${variable.name}}'.`,
        at('env', variable.name),
        name,
      );
    }
  }
}

/** The failure for a config that did not validate: the first error's code, every issue in details. */
export function invalidConfig(result: ValidationResult, lead: string): OrchestrationError {
  const first = result.errors[0];
  const code = ErrorCodeSchema.safeParse(first?.code);
  return new OrchestrationError(
    code.success ? code.data : 'VALIDATION_ERROR',
    `${lead} ${first?.message ?? ''}`.trim(),
    {
      errors: result.errors,
      warnings: result.warnings,
    },
  );
}
