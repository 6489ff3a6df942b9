/**
 * @module service/keys
 * The signing key and the trust list of this home folder (keys never leave the home folder,
 * whichever Store holds the artifacts).
 */
import type { KeyInfo, TrustAddResult, TrustList, TrustRemoveResult } from '../core/schemas/results.js';
import {
  initKeys,
  type KeyInitResult,
  loadSigningKey,
  loadTrustedKeys,
  trustKey,
  untrustKey,
} from '../crypto/keys.js';
import { audit, type ServiceContext } from './context.js';

export async function init(
  ctx: ServiceContext,
  options: { regenerate?: boolean } = {},
): Promise<KeyInitResult & { home: string }> {
  const result = await initKeys(ctx.home, options.regenerate ?? false);
  if (result.created) await audit(ctx, result.rotated ? 'keys.rotate' : 'keys.create', result.key_id);
  return { home: ctx.home.root, ...result };
}

export async function keysShow(ctx: ServiceContext): Promise<KeyInfo> {
  const key = loadSigningKey(ctx.home);
  const retired = [...(await loadTrustedKeys(ctx.home)).keys()].filter((id) => id !== key.keyId).sort();
  return {
    key_id: key.keyId,
    public_key_pem: key.publicKeyPem,
    public_key_path: ctx.home.publicKey,
    retired_key_ids: retired,
  };
}

/** The keys whose signatures verify here (crypto/trust.ts). */
export async function trustList(ctx: ServiceContext): Promise<TrustList> {
  const current = loadSigningKey(ctx.home).keyId;
  const keys = [...(await loadTrustedKeys(ctx.home)).values()].map((k) => ({
    key_id: k.key_id,
    source: k.source,
    added_at: k.added_at,
    current: k.key_id === current,
    ...(k.vouched_by === undefined ? {} : { vouched_by: k.vouched_by }),
    ...(k.note === undefined ? {} : { note: k.note }),
    public_key_pem: k.public_key_pem,
  }));
  return {
    keys: keys.sort((a, b) => Number(b.current) - Number(a.current) || a.key_id.localeCompare(b.key_id)),
  };
}

export async function trustAdd(ctx: ServiceContext, pem: string, where?: string): Promise<TrustAddResult> {
  const result = await trustKey(ctx.home, pem, where === undefined ? {} : { where, note: where });
  if (result.added) await audit(ctx, 'trust.add', result.key_id, where === undefined ? {} : { from: where });
  return result;
}

export async function trustRemove(ctx: ServiceContext, keyId: string): Promise<TrustRemoveResult> {
  const result = await untrustKey(ctx.home, keyId);
  await audit(ctx, 'trust.remove', keyId);
  return result;
}
