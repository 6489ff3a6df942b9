/**
 * @module clients/formats/source-text
 * What every format editor shares: the byte-order mark and line endings a file came with,
 * 1-based positions for parse errors, and the servers container of a parsed document.
 */
import { canonicalJson } from '../../core/canonical.js';
import { OrchestrationError } from '../../core/errors.js';
import type { ClientAdapter } from '../adapter.js';

const BOM = '\uFEFF';

/** Client entries by server name, as found in (or to be written to) a config file. */
export type ClientServers = Record<string, unknown>;

export interface SourceText {
  bom: string;
  body: string;
  eol: '\n' | '\r\n';
}

/** Splits off the BOM and detects the line ending (CRLF when the first line ends with one). */
export function splitSource(text: string): SourceText {
  const bom = text.startsWith(BOM) ? BOM : '';
  const body = bom ? text.slice(1) : text;
  const firstNewline = body.indexOf('\n');
  const eol = firstNewline > 0 && body[firstNewline - 1] === '\r' ? '\r\n' : '\n';
  return { bom, body, eol };
}

/** 1-based line and column of an offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** The error for a file that does not parse: it is never overwritten. */
export function configInvalid(
  adapter: ClientAdapter,
  reason: string,
  position: { line: number; column: number } | undefined,
  details: Record<string, unknown> = {},
): OrchestrationError {
  const where = position ? ` at line ${position.line}, column ${position.column}` : '';
  return new OrchestrationError(
    'CLIENT_CONFIG_INVALID',
    `${adapter.name} config (${adapter.format}) is not valid${where}: ${reason}. Fix the file by hand; it was not changed.`,
    { client: adapter.id, ...(position ?? {}), ...details },
  );
}

/** Value equality that ignores key order (two entries that mean the same are left alone). */
export function sameValue(a: unknown, b: unknown): boolean {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** The container key path for a parsed document (OpenCode picks V1 or V2 from the file). */
export function containerKey(adapter: ClientAdapter, root: unknown): readonly string[] {
  return adapter.detectServersKey?.(root) ?? adapter.serversKey;
}

/** The value at a key path, or undefined. */
export function valueAt(root: unknown, key: readonly string[]): unknown {
  let node: unknown = root;
  for (const segment of key) {
    if (!isPlainObject(node)) return undefined;
    node = node[segment];
  }
  return node;
}

/** Servers of a container value (map, or list of `{name}`), leaving out foreign entries. */
export function serversOf(adapter: ClientAdapter, container: unknown, key: readonly string[]): ClientServers {
  const out: ClientServers = {};
  if (container === undefined || container === null) return out;
  const wantList = adapter.container === 'list';
  if (wantList ? !Array.isArray(container) : !isPlainObject(container)) {
    throw configInvalid(
      adapter,
      `"${key.join('.')}" must be ${wantList ? 'a list' : 'an object'}`,
      undefined,
      {
        key: key.join('.'),
      },
    );
  }
  const entries: Array<[string, unknown]> = wantList
    ? (container as unknown[]).flatMap((item) => {
        const name = isPlainObject(item) ? item.name : undefined;
        return typeof name === 'string' ? [[name, item] as [string, unknown]] : [];
      })
    : Object.entries(container as Record<string, unknown>);
  for (const [name, raw] of entries) {
    if (adapter.isForeign?.(raw) || Object.hasOwn(out, name)) continue;
    out[name] = raw;
  }
  return out;
}
