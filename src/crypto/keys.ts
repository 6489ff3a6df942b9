/**
 * @module crypto/keys
 * The Ed25519 signing key pair: `keys/signing.key` (PKCS#8 PEM, 0600) and `keys/signing.pub`
 * (SPKI PEM). Rotated public keys are kept under `keys/retired/` so older artifacts still verify.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { sha256Hex } from '../core/canonical.js';
import { OrchestrationError } from '../core/errors.js';
import type { KeyInitResultSchema } from '../core/schemas/results.js';
import { writeFileAtomic } from '../store/atomic.js';
import type { HomeLayout } from '../store/home.js';
import { withLock } from '../store/lock.js';

export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
}

/** First 16 hex of SHA-256 of the public key's SPKI DER. */
export function keyIdOf(publicKey: KeyObject): string {
  return sha256Hex(publicKey.export({ type: 'spki', format: 'der' })).slice(0, 16);
}

/** What `initKeys` reports: the init result without `home`, which the service adds. */
export type KeyInitResult = Omit<z.infer<typeof KeyInitResultSchema>, 'home'>;

/** Creates the key pair if missing (idempotent); with `regenerate`, rotates it and retires the old public key. */
export function initKeys(home: HomeLayout, regenerate = false): KeyInitResult {
  home.ensureRoot();
  return withLock(join(home.root, 'keys.lock'), () => {
    const exists = existsSync(home.privateKey) && existsSync(home.publicKey);
    if (exists && !regenerate) {
      const key = loadSigningKey(home);
      return describe(home, key.keyId, false, false);
    }
    if (exists) {
      const old = loadSigningKey(home);
      writeFileAtomic(join(home.retiredKeysDir, `${old.keyId}.pub`), old.publicKeyPem, { mode: 0o644 });
    }
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileAtomic(home.privateKey, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, {
      mode: 0o600,
    });
    writeFileAtomic(home.publicKey, publicKey.export({ type: 'spki', format: 'pem' }) as string, {
      mode: 0o644,
    });
    return describe(home, keyIdOf(publicKey), true, exists);
  });
}

function describe(home: HomeLayout, keyId: string, created: boolean, rotated: boolean): KeyInitResult {
  return {
    created,
    rotated,
    key_id: keyId,
    private_key_path: home.privateKey,
    public_key_path: home.publicKey,
    retired_key_ids: listRetired(home),
  };
}

function listRetired(home: HomeLayout): string[] {
  if (!existsSync(home.retiredKeysDir)) return [];
  return readdirSync(home.retiredKeysDir)
    .filter((f) => f.endsWith('.pub'))
    .map((f) => f.slice(0, -4))
    .sort();
}

/**
 * Parsed keys, reused while their files are unchanged: parsing PEM costs more than the signature
 * itself, and a long-running server signs and verifies on every request. A rotation (by this or
 * another process) changes the files' stamps, so it is picked up at once.
 */
const keyCache = new Map<string, { stamp: string; value: unknown }>();

function stampOf(...paths: string[]): string | null {
  try {
    return paths
      .map((path) => {
        const st = statSync(path);
        return `${st.ino}:${st.size}:${st.mtimeMs}`;
      })
      .join('|');
  } catch {
    return null;
  }
}

function cached<T>(key: string, stamp: string | null, load: () => T): T {
  const hit = keyCache.get(key);
  if (stamp !== null && hit?.stamp === stamp) return hit.value as T;
  const value = load();
  if (stamp !== null) keyCache.set(key, { stamp, value });
  return value;
}

export function loadSigningKey(home: HomeLayout): SigningKey {
  const stamp = stampOf(home.privateKey, home.publicKey);
  if (stamp === null) {
    throw new OrchestrationError(
      'KEYS_NOT_INITIALIZED',
      'No signing key yet. Run "mcp-orchestration init" first.',
      {
        path: home.keysDir,
      },
    );
  }
  return cached(`sign:${home.privateKey}`, stamp, () => {
    const privateKey = createPrivateKey(readFileSync(home.privateKey, 'utf8'));
    const publicKeyPem = readFileSync(home.publicKey, 'utf8');
    const publicKey = createPublicKey(publicKeyPem);
    return { keyId: keyIdOf(publicKey), privateKey, publicKey, publicKeyPem };
  });
}

/** Every public key that may have signed an artifact here, by key id: current and retired. */
export function loadVerificationKeys(home: HomeLayout): Map<string, KeyObject> {
  const current = stampOf(home.publicKey);
  const stamp = current && `${current}|${stampOf(home.retiredKeysDir) ?? 'none'}`;
  return cached(`verify:${home.publicKey}`, stamp, () => readVerificationKeys(home));
}

function readVerificationKeys(home: HomeLayout): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  for (const id of listRetired(home)) {
    const key = createPublicKey(readFileSync(join(home.retiredKeysDir, `${id}.pub`), 'utf8'));
    keys.set(keyIdOf(key), key);
  }
  if (existsSync(home.publicKey)) {
    const key = createPublicKey(readFileSync(home.publicKey, 'utf8'));
    keys.set(keyIdOf(key), key);
  }
  return keys;
}
