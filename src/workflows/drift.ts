/**
 * @module workflows/drift
 * The one drift engine: whether a server entry in a client file is what this tool wrote (or would
 * write) there. `status`, `diff --deployed`, the deploy no-op check and `list` all answer through
 * {@link entryHash} and {@link compareServers}, so they can never disagree. The comparison is made
 * in the client's own shape (after `${env:NAME}` became the client's variable syntax or a value,
 * and after a remote server became an `mcp-remote` bridge), never between neutral forms, which a
 * translated entry cannot always be read back into.
 */
import { createHmac } from 'node:crypto';
import { type ClientAdapter, managedPart, type Platform, translateForClient } from '../clients/index.js';
import { canonicalJson, sha256Hex } from '../core/canonical.js';
import { OrchestrationError } from '../core/errors.js';
import type { DiffResult, ServerChange } from '../core/schemas/diff.js';
import type { Payload } from '../core/schemas/payload.js';
import { type DiffLabels, diffPayloads } from './diff.js';

/**
 * The key of the hashes in a deployment record: the store's random salt (`Store.hashSalt`) for a
 * record marked `hash_salt: 'store'`, or null for one written before, whose hashes are plain SHA-256.
 */
export type HashSalt = string | null;

/** HMAC-SHA256 keyed with the salt (hex), or plain SHA-256 without one. */
export function saltedHash(salt: HashSalt, data: string | Uint8Array): string {
  return salt === null ? sha256Hex(data) : createHmac('sha256', salt).update(data).digest('hex');
}

/** Hash of the fields of a client entry this tool writes (the user's own settings left out). */
export function entryHash(adapter: ClientAdapter, entry: unknown, salt: HashSalt): string {
  return saltedHash(salt, canonicalJson(managedPart(adapter, entry)));
}

/** Hashes of each server's managed fields. */
export function hashEntries(
  adapter: ClientAdapter,
  servers: Record<string, unknown>,
  salt: HashSalt,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(servers).map(([name, entry]) => [name, entryHash(adapter, entry, salt)]),
  );
}

export type ServerComparison = 'unchanged' | 'modified' | 'missing';

/**
 * Each expected server against the file: `unchanged` when the entry's managed fields hash to the
 * expected hash, `modified` when they differ (or the expectation is unknown: `null`), `missing`
 * when the file has no such server.
 */
export function compareServers(
  adapter: ClientAdapter,
  expected: Record<string, string | null>,
  file: Record<string, unknown>,
  salt: HashSalt,
): Record<string, ServerComparison> {
  const out: Record<string, ServerComparison> = {};
  for (const [name, hash] of Object.entries(expected)) {
    if (!Object.hasOwn(file, name)) out[name] = 'missing';
    else
      out[name] = hash !== null && entryHash(adapter, file[name], salt) === hash ? 'unchanged' : 'modified';
  }
  return out;
}

export interface ExpectationOptions {
  env: Record<string, string | undefined>;
  platform: Platform;
  wrapWindowsCmd?: boolean;
  /** The salt of the hashes (that of `deployed`'s record when there is one). */
  salt: HashSalt;
  /** What was really written at the last deploy: used for every server whose neutral entry is the same. */
  deployed?: { payload: Payload; hashes: Record<string, string> } | undefined;
}

/**
 * The hash each server of `payload` has (or would have) in the client's file. A server deployed
 * unchanged takes the hash recorded at deploy time, so a secret resolved then need not be set now;
 * any other is translated as a deploy would; null when its translation needs an unset secret or
 * a restriction the client cannot express.
 */
export function expectedHashes(
  adapter: ClientAdapter,
  payload: Payload,
  opts: ExpectationOptions,
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [name, entry] of Object.entries(payload.mcpServers)) {
    const recorded = opts.deployed?.hashes[name];
    const before = opts.deployed?.payload.mcpServers[name];
    if (recorded !== undefined && before !== undefined && canonicalJson(before) === canonicalJson(entry)) {
      out[name] = recorded;
      continue;
    }
    try {
      const { servers } = translateForClient(
        adapter,
        { mcpServers: { [name]: entry } },
        {
          env: opts.env,
          platform: opts.platform,
          ...(opts.wrapWindowsCmd ? { wrapWindowsCmd: true } : {}),
        },
      );
      out[name] = entryHash(adapter, servers[name], opts.salt);
    } catch (err) {
      // Not deployable as it stands (an unset secret, a restriction the client cannot express).
      if (
        err instanceof OrchestrationError &&
        (err.code === 'MISSING_SECRET' || err.code === 'UNSUPPORTED_RESTRICTION')
      ) {
        out[name] = null;
      } else throw err;
    }
  }
  return out;
}

/**
 * The field-level report of drift between what this tool expects in a file and the file:
 * `expected` servers that are missing or differ, and `removed` names (managed servers a deploy
 * would delete) that are still there. Servers this tool does not manage are never part of it.
 */
export function driftReport(
  adapter: ClientAdapter,
  input: {
    expected: Record<string, string | null>;
    /** The neutral entries behind `expected` (the artifact's). */
    payload: Payload;
    file: { payload: Payload; raw: Record<string, unknown> };
    /** Managed servers that left the artifact: a deploy would remove them. */
    removed?: readonly string[];
    labels: DiffLabels;
    /** The salt `expected` was made with. */
    salt: HashSalt;
  },
): DiffResult {
  const compared = compareServers(adapter, input.expected, input.file.raw, input.salt);
  const names = Object.keys(input.expected);
  const stale = (input.removed ?? []).filter((n) => !names.includes(n) && Object.hasOwn(input.file.raw, n));
  const touched = new Set([...names.filter((n) => compared[n] !== 'unchanged'), ...stale]);
  const pick = (payload: Payload, keep: readonly string[]): Payload => ({
    mcpServers: Object.fromEntries(Object.entries(payload.mcpServers).filter(([n]) => keep.includes(n))),
  });
  const full = diffPayloads(
    pick(input.payload, names),
    pick(input.file.payload, [...names, ...stale]),
    input.labels,
  );
  const changes = full.changes.filter((c) => touched.has(c.server));
  // Bytes that differ while the neutral forms agree (a secret resolved to another value), or an
  // entry that no longer reads at all, are still drift.
  for (const name of touched) {
    if (changes.some((c) => c.server === name)) continue;
    const change = stale.includes(name) ? 'removed' : compared[name] === 'missing' ? 'added' : 'modified';
    changes.push({ server: name, change, fields: [] });
  }
  changes.sort((a, b) => a.server.localeCompare(b.server));
  const count = (kind: ServerChange['change']) => changes.filter((c) => c.change === kind).length;
  const summary = {
    added: count('added'),
    removed: count('removed'),
    modified: count('modified'),
    unchanged: names.length - names.filter((n) => touched.has(n)).length,
  };
  const status = changes.length === 0 ? 'up-to-date' : summary.removed > 0 ? 'diverged' : 'outdated';
  return { ...full, status, changes, summary };
}
