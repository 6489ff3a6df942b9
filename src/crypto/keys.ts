/**
 * @module crypto/keys
 * The Ed25519 signing key pair: `keys/signing.key` (PKCS#8 PEM, 0600) and `keys/signing.pub`
 * (SPKI PEM). The public key used for signing is always derived from the private key, so a swapped
 * `signing.pub` cannot make this machine sign with one key and announce another. Which keys verify
 * is decided by the trust list (crypto/trust.ts), never by which files lie in `keys/`.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { OrchestrationError } from '../core/errors.js';
import type { KeyInitResultSchema } from '../core/schemas/results.js';
import { writeFileAtomic } from '../store/atomic.js';
import { fileStamp } from '../store/file-stamp.js';
import type { HomeLayout } from '../store/home.js';
import { withLock } from '../store/lock.js';
import {
  addTrustLocked,
  hasTrustFile,
  keyIdOf,
  migrateTrustLocked,
  parsePublicKeyPem,
  removeTrustLocked,
  type TrustedKey,
  trustedKeys,
  writeRotationStatement,
} from './trust.js';

export { keyIdOf };

export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
}

/** What `initKeys` reports: the init result without `home`, which the service adds. */
export type KeyInitResult = Omit<z.infer<typeof KeyInitResultSchema>, 'home'>;

const keysLock = (home: HomeLayout) => join(home.root, 'keys.lock');

/**
 * Creates the key pair if missing (idempotent) and trusts it. With `regenerate`, rotates it: the old
 * key signs a rotation statement naming the new one and stays trusted, so older artifacts still verify.
 */
export function initKeys(home: HomeLayout, regenerate = false): Promise<KeyInitResult> {
  home.ensureRoot();
  return withLock(keysLock(home), () => {
    const exists = existsSync(home.privateKey);
    const old = exists ? loadSigningKey(home) : null;
    const current = old && { keyId: old.keyId, pem: old.publicKeyPem };
    migrateTrustLocked(home, current);
    if (old && !regenerate) {
      // "init trusts its own key": also repairs a trust list that lost it.
      addTrustLocked(home, { keyId: old.keyId, pem: old.publicKeyPem, source: 'init' }, current);
      if (!existsSync(home.publicKey)) writeFileAtomic(home.publicKey, old.publicKeyPem, { mode: 0o644 });
      return describe(home, old.keyId, false, false);
    }
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const next = {
      keyId: keyIdOf(publicKey),
      pem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    };
    // Statement and trust first: a crash before the key files are replaced leaves the old key in
    // use and an unused new key trusted, never a signing key that nothing here trusts.
    if (old) writeRotationStatement(home, old, next);
    addTrustLocked(home, { keyId: next.keyId, pem: next.pem, source: 'init' }, current);
    writeFileAtomic(home.privateKey, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, {
      mode: 0o600,
    });
    writeFileAtomic(home.publicKey, next.pem, { mode: 0o644 });
    return describe(home, next.keyId, true, old !== null);
  });
}

function describe(home: HomeLayout, keyId: string, created: boolean, rotated: boolean): KeyInitResult {
  return {
    created,
    rotated,
    key_id: keyId,
    private_key_path: home.privateKey,
    public_key_path: home.publicKey,
    retired_key_ids: listRetired(home, keyId),
  };
}

function listRetired(home: HomeLayout, currentId: string): string[] {
  return [...trustedKeys(home).keys()].filter((id) => id !== currentId).sort();
}

/** Parsed signing keys, reused while the key file is unchanged: parsing PEM costs more than a signature. */
const keyCache = new Map<string, { stamp: string; value: SigningKey }>();

export function loadSigningKey(home: HomeLayout): SigningKey {
  const stamp = fileStamp(home.privateKey);
  if (stamp === null) {
    throw new OrchestrationError(
      'KEYS_NOT_INITIALIZED',
      'No signing key yet. Run "mcp-orchestration init" first.',
      { path: home.keysDir },
    );
  }
  const hit = keyCache.get(home.privateKey);
  if (hit?.stamp === stamp) return hit.value;
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(home.privateKey, 'utf8'));
  } catch (err) {
    throw new OrchestrationError(
      'TAMPERED',
      `The signing key ${home.privateKey} cannot be read as a private key: ${(err as Error).message}`,
      { path: home.privateKey },
    );
  }
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
  const value = { keyId: keyIdOf(publicKey), privateKey, publicKey, publicKeyPem };
  keyCache.set(home.privateKey, { stamp, value });
  return value;
}

/**
 * The trust list with its details, migrating a home folder made before trust roots existed (its
 * signing key, and the keys its older rotations left in `keys/retired/`) the first time it is used.
 */
export async function loadTrustedKeys(home: HomeLayout): Promise<Map<string, TrustedKey>> {
  if (!hasTrustFile(home) && existsSync(home.privateKey)) {
    home.ensureRoot();
    await withLock(keysLock(home), () => {
      const key = loadSigningKey(home);
      migrateTrustLocked(home, { keyId: key.keyId, pem: key.publicKeyPem });
    });
  }
  return trustedKeys(home);
}

/** Every public key whose signatures verify here, by key id: exactly the trusted keys. */
export async function loadVerificationKeys(home: HomeLayout): Promise<Map<string, KeyObject>> {
  const trusted = await loadTrustedKeys(home);
  // The same Map while the trust files are unchanged (trustedKeys caches by their stamp), so
  // callers may key their own caches on it.
  const hit = verificationKeys.get(trusted);
  if (hit) return hit;
  const out = new Map<string, KeyObject>();
  for (const [id, entry] of trusted) out.set(id, entry.key);
  verificationKeys.set(trusted, out);
  return out;
}
const verificationKeys = new WeakMap<Map<string, TrustedKey>, Map<string, KeyObject>>();

/** `keys trust add`: trusts the Ed25519 SPKI PEM public key in `pem`. */
export function trustKey(
  home: HomeLayout,
  pem: string,
  options: { source?: 'user' | 'init'; note?: string; where?: string } = {},
): Promise<{ key_id: string; added: boolean }> {
  const parsed = parsePublicKeyPem(pem, options.where);
  home.ensureRoot();
  return withLock(keysLock(home), () => {
    const current = currentKey(home);
    const added = addTrustLocked(
      home,
      {
        keyId: parsed.keyId,
        pem: parsed.pem,
        source: options.source ?? 'user',
        ...(options.note === undefined ? {} : { note: options.note }),
      },
      current,
    );
    return { key_id: parsed.keyId, added };
  });
}

/** `keys trust remove`: stops trusting a key (never the key this home signs with). */
export async function untrustKey(
  home: HomeLayout,
  keyId: string,
): Promise<{ key_id: string; removed: true }> {
  if (!/^[0-9a-f]{16}$/.test(keyId)) {
    throw new OrchestrationError(
      'INVALID_INPUT',
      `"${keyId}" is not a key id (16 lowercase hex characters). See "mcp-orchestration keys trust list".`,
    );
  }
  home.ensureRoot();
  return withLock(keysLock(home), () => {
    const current = currentKey(home);
    if (current?.keyId === keyId) {
      throw new OrchestrationError(
        'INVALID_INPUT',
        `Key ${keyId} is the key this home folder signs with; rotate it first ("mcp-orchestration init --regenerate"), then remove it.`,
        { key_id: keyId },
      );
    }
    if (!removeTrustLocked(home, keyId, current)) {
      throw new OrchestrationError(
        'INVALID_INPUT',
        `Key ${keyId} is not trusted here. See "mcp-orchestration keys trust list".`,
        { key_id: keyId },
      );
    }
    return { key_id: keyId, removed: true as const };
  });
}

function currentKey(home: HomeLayout): { keyId: string; pem: string } | null {
  if (!existsSync(home.privateKey)) return null;
  const key = loadSigningKey(home);
  return { keyId: key.keyId, pem: key.publicKeyPem };
}

export type { TrustedKey };
