/**
 * @module workflows/resolved-refs
 * Keeping resolved secrets from coming back as literals. A client that cannot expand variables gets
 * the value of each `${env:NAME}` written at deploy time; the deployment record keeps a salted hash
 * of each such value (never the value). Import and first-use adoption then read a matching value,
 * whole or as one word of a string such as `Bearer <token>`, back as `${env:NAME}`.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Payload, ServerEntry } from '../core/schemas/payload.js';
import type { DeploymentRecord } from '../store/deployments.js';

export type ResolvedRefs = NonNullable<DeploymentRecord['resolved_refs']>;

const hashOf = (salt: string, value: string) =>
  createHash('sha256').update(salt).update('\0').update(value).digest('hex');

/** Salted hashes of the values a deploy wrote for references; undefined when it resolved none. */
export function hashResolved(
  resolved: ReadonlyArray<{ name: string; value: string }>,
): ResolvedRefs | undefined {
  if (resolved.length === 0) return undefined;
  const salt = randomBytes(16).toString('hex');
  return { salt, refs: resolved.map((r) => ({ name: r.name, hash: hashOf(salt, r.value) })) };
}

/** The payload with every value that a deploy resolved from a reference turned back into it. */
export function restoreReferences(payload: Payload, records: ReadonlyArray<ResolvedRefs>): Payload {
  if (records.length === 0) return payload;
  const lookup = (value: string): string | undefined => {
    if (value.length < 4) return undefined;
    for (const { salt, refs } of records) {
      const hash = hashOf(salt, value);
      const hit = refs.find((r) => r.hash === hash);
      if (hit) return `\${env:${hit.name}}`;
    }
    return undefined;
  };
  const restore = (value: string): string =>
    lookup(value) ?? value.replace(/[^\s=:,;"']+/g, (word) => lookup(word) ?? word);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return restore(v);
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null)
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const mcpServers: Record<string, ServerEntry> = {};
  for (const [name, entry] of Object.entries(payload.mcpServers))
    mcpServers[name] = walk(entry) as ServerEntry;
  return { mcpServers };
}
