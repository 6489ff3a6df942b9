/**
 * @module service/freshness
 * Downgrade protection for local heads (issue #13): every publish signs its history entry and
 * remembers it as the newest seen for the profile; every read of a head checks it against that
 * memory. The remote side (`sync`) keeps its own check against the hub's last head.
 */
import type { Artifact, HistoryEntry } from '../core/schemas/artifact.js';
import { loadSigningKey, loadVerificationKeys, type SigningKey } from '../crypto/keys.js';
import { markSeenHead, readSeenHead } from '../store/seen-heads.js';
import { checkHeadFreshness, sealHistoryEntry } from '../workflows/history-seal.js';
import type { ServiceContext } from './context.js';

/** The head of a profile, refused (`DOWNGRADE_DETECTED`, `TAMPERED`) when older than one seen here. */
export async function freshHead(
  ctx: ServiceContext,
  client: string,
  profile: string,
): Promise<HistoryEntry | null> {
  const head = await ctx.store.readHead(client, profile);
  await assertFresh(ctx, client, profile, head);
  return head;
}

const seenIn = (ctx: ServiceContext) => ({ home: ctx.home, storeLocation: ctx.store.location });

async function assertFresh(
  ctx: ServiceContext,
  client: string,
  profile: string,
  head: HistoryEntry | null,
): Promise<void> {
  const at = { clientId: client, profileId: profile };
  const state = await checkHeadFreshness(at, head, readSeenHead(seenIn(ctx), client, profile), () =>
    loadVerificationKeys(ctx.home),
  );
  if (state === 'newer' && head) markSeenHead(seenIn(ctx), client, profile, head);
}

function signingKeyIfAny(ctx: ServiceContext): SigningKey | null {
  try {
    return loadSigningKey(ctx.home);
  } catch {
    // A member's machine that only syncs has no key of its own: its entries stay unsigned.
    return null;
  }
}

/**
 * The Store's publish transaction, on top of a head that is not older than one seen here, with the
 * new entry signed (when this home has a key) and remembered as the newest seen.
 */
export async function publishSealed(
  ctx: ServiceContext,
  client: string,
  profile: string,
  build: (head: HistoryEntry | null) => Artifact | Promise<Artifact>,
  key: SigningKey | null = signingKeyIfAny(ctx),
): Promise<{ artifact: Artifact; entry: HistoryEntry }> {
  const at = { clientId: client, profileId: profile };
  const result = await ctx.store.publish(
    client,
    profile,
    async (head) => {
      await assertFresh(ctx, client, profile, head);
      return build(head);
    },
    key ? (entry) => sealHistoryEntry(at, entry, key) : undefined,
  );
  markSeenHead(seenIn(ctx), client, profile, result.entry);
  return result;
}
