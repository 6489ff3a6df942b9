/**
 * @module core/canonical
 * RFC 8785 (JCS) canonical JSON and the SHA-256 content address built on it.
 */
import { createHash } from 'node:crypto';

/**
 * The JCS canonical string of a JSON value: keys sorted by UTF-16 code units (as `sort()` does),
 * no whitespace, strings and numbers as ECMAScript's JSON.stringify writes them (RFC 8785 3.2.2).
 * Written out rather than taken from the `canonicalize` package, which a test still checks it
 * against: that package builds each level with `reduce` and template strings, and was a sixth of
 * a 1,000-server deploy's time (bench 4.4, user-docs/explanation/performance.md).
 */
export function canonicalJson(value: unknown): string {
  const out = serialize(value);
  if (out === undefined) throw new TypeError('Value cannot be canonicalised as JSON');
  return out;
}

function serialize(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${value} cannot be canonicalised as JSON`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return undefined;
  }
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return serialize(toJSON.call(value));
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += serialize(value[i]) ?? 'null';
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const member = serialize(record[key]);
    if (member === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${member}`;
  }
  return `${out}}`;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `sha256:<hex>` of the canonical bytes: the artifact id of a payload. */
export function contentId(value: unknown): string {
  return `sha256:${sha256Hex(canonicalJson(value))}`;
}
