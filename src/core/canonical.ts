/**
 * @module core/canonical
 * RFC 8785 (JCS) canonical JSON and the SHA-256 content address built on it.
 */
import { createHash } from 'node:crypto';
import canonicalizeImpl from 'canonicalize';

const canonicalizeFn = canonicalizeImpl as unknown as (value: unknown) => string | undefined;

/** The JCS canonical string of a JSON value. */
export function canonicalJson(value: unknown): string {
  const out = canonicalizeFn(value);
  if (out === undefined) throw new TypeError('Value cannot be canonicalised as JSON');
  return out;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `sha256:<hex>` of the canonical bytes: the artifact id of a payload. */
export function contentId(value: unknown): string {
  return `sha256:${sha256Hex(canonicalJson(value))}`;
}
