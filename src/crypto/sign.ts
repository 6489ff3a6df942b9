/**
 * @module crypto/sign
 * Ed25519 signatures over the JCS bytes of an artifact without its `signature` field.
 */
import { type KeyObject, sign, verify } from 'node:crypto';
import { canonicalJson } from '../core/canonical.js';

export function signBytes(data: string, privateKey: KeyObject): string {
  return sign(null, Buffer.from(data, 'utf8'), privateKey).toString('base64');
}

export function verifyBytes(data: string, signatureB64: string, publicKey: KeyObject): boolean {
  try {
    return verify(null, Buffer.from(data, 'utf8'), publicKey, Buffer.from(signatureB64, 'base64'));
  } catch {
    return false;
  }
}

/** The bytes a signature covers: the canonical artifact minus its signature. */
export function signingInput(artifact: Record<string, unknown>): string {
  const { signature: _omit, ...unsigned } = artifact;
  return canonicalJson(unsigned);
}
