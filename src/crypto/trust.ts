/**
 * @module crypto/trust
 * Trust roots: the public keys whose signatures this machine accepts (`keys/trust.json`), and
 * rotation statements (`keys/rotations/*.json`) by which a trusted key vouches for its successor.
 * A key file dropped into a folder is never trusted by being there: a key is trusted only when it is
 * in the trust list (added by `init`, `keys trust add` or the one-time migration of an older home)
 * or when a rotation statement signed by a trusted key names it.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { canonicalJson, sha256Hex } from '../core/canonical.js';
import { OrchestrationError } from '../core/errors.js';
import { writeFileAtomic, writeJsonAtomic } from '../store/atomic.js';
import { fileStamp } from '../store/file-stamp.js';
import type { HomeLayout } from '../store/home.js';
import { signBytes, verifyBytes } from './sign.js';

export const TRUST_SOURCES = ['init', 'user', 'rotation', 'migrated'] as const;

const TrustEntrySchema = z.object({
  key_id: z.string().regex(/^[0-9a-f]{16}$/),
  public_key_pem: z.string(),
  source: z.enum(TRUST_SOURCES),
  added_at: z.string(),
  note: z.string().optional(),
});
export type TrustEntry = z.infer<typeof TrustEntrySchema>;

const TrustFileSchema = z.object({
  version: z.literal(1),
  keys: z.array(TrustEntrySchema),
  /** Keys removed by `keys trust remove`: a rotation statement never brings them back. */
  removed: z.array(z.string()),
});
type TrustFile = z.infer<typeof TrustFileSchema>;

export const ROTATION_TYPE = 'mcp-orchestration/key-rotation';
const RotationSchema = z.object({
  type: z.literal(ROTATION_TYPE),
  old_key_id: z.string(),
  new_key_id: z.string(),
  new_public_key_pem: z.string(),
  rotated_at: z.string(),
  signature: z.object({ algorithm: z.literal('Ed25519'), key_id: z.string(), value: z.string() }),
});
export type RotationStatement = z.infer<typeof RotationSchema>;

/** First 16 hex of SHA-256 of the public key's SPKI DER. */
export function keyIdOf(publicKey: KeyObject): string {
  return sha256Hex(publicKey.export({ type: 'spki', format: 'der' })).slice(0, 16);
}

export const trustFile = (home: HomeLayout) => join(home.keysDir, 'trust.json');
export const rotationsDir = (home: HomeLayout) => join(home.keysDir, 'rotations');

/** Parses an SPKI PEM holding an Ed25519 public key; anything else is INVALID_INPUT. */
export function parsePublicKeyPem(
  pem: string,
  where = 'the key',
): { key: KeyObject; keyId: string; pem: string } {
  // createPublicKey would also derive a public key from a private one: refuse private keys outright.
  if (!/^-----BEGIN PUBLIC KEY-----$/m.test(pem) || /PRIVATE KEY-----/.test(pem)) {
    throw new OrchestrationError(
      'INVALID_INPUT',
      `${where} is not an SPKI public key PEM ("-----BEGIN PUBLIC KEY-----"); export one with "mcp-orchestration keys export".`,
    );
  }
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch (err) {
    throw new OrchestrationError(
      'INVALID_INPUT',
      `${where} is not a PEM public key (SPKI, "-----BEGIN PUBLIC KEY-----"): ${(err as Error).message}`,
    );
  }
  if (key.type !== 'public' || key.asymmetricKeyType !== 'ed25519') {
    throw new OrchestrationError(
      'INVALID_INPUT',
      `${where} is a ${key.asymmetricKeyType ?? 'unknown'} ${key.type} key; artifacts are signed with Ed25519 public keys.`,
    );
  }
  const normalized = key.export({ type: 'spki', format: 'pem' }) as string;
  return { key, keyId: keyIdOf(key), pem: normalized };
}

function readTrustFile(home: HomeLayout): TrustFile | null {
  const path = trustFile(home);
  if (!existsSync(path)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new OrchestrationError(
      'TAMPERED',
      `The trust list ${path} is not valid JSON: ${(err as Error).message}. Restore it or remove it and re-add keys with "mcp-orchestration keys trust add FILE".`,
      { path },
    );
  }
  const result = TrustFileSchema.safeParse(parsed);
  if (!result.success) {
    throw new OrchestrationError('TAMPERED', `The trust list ${path} does not have the expected shape.`, {
      path,
    });
  }
  return result.data;
}

function writeTrustFile(home: HomeLayout, file: TrustFile): void {
  writeJsonAtomic(trustFile(home), file, { mode: 0o600 });
}

/** Sink for one-time notices (the migration). Front doors print them on stderr, never on stdout. */
export type NoticeSink = (message: string) => void;
let noticeSink: NoticeSink = (message) => process.stderr.write(`${message}\n`);
export function setNoticeSink(sink: NoticeSink): void {
  noticeSink = sink;
}

/**
 * Creates the trust list of a home folder made before trust roots existed. Call holding the keys
 * lock. The current signing key is trusted (the home's own key), and so is every key already under
 * `keys/retired/`: those were put there by rotations of older versions, which wrote no rotation
 * statement, and nothing can tell them apart from a planted one any more (project-docs/DECISIONS.md).
 * From now on that folder is never read for trust again. Says so once, on stderr.
 */
export function migrateTrustLocked(
  home: HomeLayout,
  current: { keyId: string; pem: string } | null,
): TrustFile {
  const existing = readTrustFile(home);
  if (existing) return existing;
  const now = new Date().toISOString();
  const keys: TrustEntry[] = [];
  if (current)
    keys.push({ key_id: current.keyId, public_key_pem: current.pem, source: 'migrated', added_at: now });
  const retiredDir = home.retiredKeysDir;
  const retired: string[] = [];
  // Retired keys belong to a home that has its own key; without one there is nothing to migrate.
  if (current && existsSync(retiredDir)) {
    for (const name of readdirSync(retiredDir)
      .filter((f) => f.endsWith('.pub'))
      .sort()) {
      try {
        const parsed = parsePublicKeyPem(readFileSync(join(retiredDir, name), 'utf8'), name);
        if (keys.some((k) => k.key_id === parsed.keyId)) continue;
        keys.push({
          key_id: parsed.keyId,
          public_key_pem: parsed.pem,
          source: 'migrated',
          added_at: now,
          note: `keys/retired/${name}`,
        });
        retired.push(parsed.keyId);
      } catch {
        /* not a key: never trusted */
      }
    }
  }
  const file: TrustFile = { version: 1, keys, removed: [] };
  if (keys.length === 0) return file;
  writeTrustFile(home, file);
  noticeSink(
    `mcp-orchestration: created the trust list ${trustFile(home)}: trusted the signing key ${current?.keyId ?? '(none)'}` +
      (retired.length ? ` and the retired key(s) ${retired.join(', ')} found in keys/retired/` : '') +
      '. From now on only keys in "keys trust list" verify; review it with "mcp-orchestration keys trust list".',
  );
  return file;
}

/** Adds a key to the trust list (call holding the keys lock). Returns false when it was already there. */
export function addTrustLocked(
  home: HomeLayout,
  entry: { keyId: string; pem: string; source: TrustEntry['source']; note?: string },
  current: { keyId: string; pem: string } | null,
): boolean {
  const file = migrateTrustLocked(home, current);
  file.removed = file.removed.filter((id) => id !== entry.keyId);
  const had = file.keys.some((k) => k.key_id === entry.keyId);
  if (!had) {
    file.keys.push({
      key_id: entry.keyId,
      public_key_pem: entry.pem,
      source: entry.source,
      added_at: new Date().toISOString(),
      ...(entry.note === undefined ? {} : { note: entry.note }),
    });
  }
  writeTrustFile(home, file);
  return !had;
}

/** Removes a key from the trust list (call holding the keys lock); false when it was not there. */
export function removeTrustLocked(
  home: HomeLayout,
  keyId: string,
  current: { keyId: string; pem: string } | null,
): boolean {
  const file = migrateTrustLocked(home, current);
  const before = file.keys.length;
  const viaRotation = trustedKeys(home).has(keyId);
  file.keys = file.keys.filter((k) => k.key_id !== keyId);
  if (file.keys.length === before && !viaRotation) return false;
  if (!file.removed.includes(keyId)) file.removed.push(keyId);
  writeTrustFile(home, file);
  return true;
}

/** Writes the statement "OLD hands over to NEW", signed by the old key. */
export function writeRotationStatement(
  home: HomeLayout,
  old: { keyId: string; privateKey: KeyObject },
  next: { keyId: string; pem: string },
): RotationStatement {
  const unsigned = {
    type: ROTATION_TYPE,
    old_key_id: old.keyId,
    new_key_id: next.keyId,
    new_public_key_pem: next.pem,
    rotated_at: new Date().toISOString(),
  } as const;
  const statement: RotationStatement = {
    ...unsigned,
    signature: {
      algorithm: 'Ed25519',
      key_id: old.keyId,
      value: signBytes(canonicalJson(unsigned), old.privateKey),
    },
  };
  writeFileAtomic(
    join(rotationsDir(home), `${old.keyId}-${next.keyId}.json`),
    `${JSON.stringify(statement, null, 2)}\n`,
    { mode: 0o644 },
  );
  return statement;
}

function readRotations(home: HomeLayout): RotationStatement[] {
  const dir = rotationsDir(home);
  if (!existsSync(dir)) return [];
  const out: RotationStatement[] = [];
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    try {
      const parsed = RotationSchema.safeParse(JSON.parse(readFileSync(join(dir, name), 'utf8')));
      if (parsed.success) out.push(parsed.data);
    } catch {
      /* unreadable statements vouch for nothing */
    }
  }
  return out;
}

/** Checks a rotation statement against the key that must have signed it. */
export function rotationVerifies(statement: RotationStatement, oldKey: KeyObject): { key: KeyObject } | null {
  if (statement.signature.key_id !== statement.old_key_id) return null;
  const { signature, ...unsigned } = statement;
  if (!verifyBytes(canonicalJson(unsigned), signature.value, oldKey)) return null;
  try {
    const next = parsePublicKeyPem(statement.new_public_key_pem);
    return next.keyId === statement.new_key_id ? { key: next.key } : null;
  } catch {
    return null;
  }
}

export interface TrustedKey {
  key_id: string;
  key: KeyObject;
  public_key_pem: string;
  source: TrustEntry['source'];
  added_at: string;
  /** For keys trusted through a rotation statement: the key that vouched for it. */
  vouched_by?: string;
  note?: string;
}

const cache = new Map<string, { stamp: string; value: Map<string, TrustedKey> }>();

function stampOf(home: HomeLayout): string {
  return [trustFile(home), rotationsDir(home)].map((path) => fileStamp(path) ?? '-').join('|');
}

/**
 * Every key this machine trusts, by key id: the trust list plus keys vouched for by rotation
 * statements of trusted keys (transitively), minus removed keys. A home without a trust list has
 * no trusted keys until it is migrated (the signing key's loader does that).
 */
export function trustedKeys(home: HomeLayout): Map<string, TrustedKey> {
  const stamp = stampOf(home);
  const hit = cache.get(home.root);
  if (hit?.stamp === stamp) return hit.value;
  const file = readTrustFile(home);
  const out = new Map<string, TrustedKey>();
  if (file) {
    const removed = new Set(file.removed);
    for (const entry of file.keys) {
      if (removed.has(entry.key_id)) continue;
      try {
        const parsed = parsePublicKeyPem(entry.public_key_pem);
        if (parsed.keyId !== entry.key_id) continue;
        out.set(entry.key_id, {
          key_id: entry.key_id,
          key: parsed.key,
          public_key_pem: parsed.pem,
          source: entry.source,
          added_at: entry.added_at,
          ...(entry.note === undefined ? {} : { note: entry.note }),
        });
      } catch {
        /* a broken entry trusts nothing */
      }
    }
    const statements = readRotations(home);
    let grew = true;
    while (grew) {
      grew = false;
      for (const s of statements) {
        const old = out.get(s.old_key_id);
        if (!old || out.has(s.new_key_id) || removed.has(s.new_key_id)) continue;
        const next = rotationVerifies(s, old.key);
        if (!next) continue;
        out.set(s.new_key_id, {
          key_id: s.new_key_id,
          key: next.key,
          public_key_pem: s.new_public_key_pem,
          source: 'rotation',
          added_at: s.rotated_at,
          vouched_by: s.old_key_id,
        });
        grew = true;
      }
    }
  }
  cache.set(home.root, { stamp, value: out });
  return out;
}

export function hasTrustFile(home: HomeLayout): boolean {
  return existsSync(trustFile(home));
}
