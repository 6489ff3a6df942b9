/**
 * @module service/freshness
 * Downgrade protection for local heads (issue #13): every publish, whichever module makes it,
 * checks its artifact against the trusted keys, signs its history entry and is remembered as the
 * newest head seen for the profile in this store; every read of a head by the service checks it
 * against that memory. The remote side (`sync`)
 * keeps its own check against the hub's last head.
 */
import type { Artifact, HistoryEntry } from '../core/schemas/artifact.js';
import { loadSigningKey, loadVerificationKeys, type SigningKey } from '../crypto/keys.js';
import type { HomeLayout } from '../store/home.js';
import { markSeenHead, readSeenHead } from '../store/seen-heads.js';
import type { SealEntry, Store } from '../store/store.js';
import { verifyArtifact } from '../workflows/artifact.js';
import { checkHeadFreshness, sealHistoryEntry } from '../workflows/history-seal.js';

interface Where {
  home: HomeLayout;
  store: Store;
}

/** `DOWNGRADE_DETECTED` / `TAMPERED` / `UNTRUSTED_KEY` when `head` is older than one published here. */
async function assertFresh(where: Where, client: string, profile: string, head: HistoryEntry | null) {
  const seen = readSeenHead({ home: where.home, storeLocation: where.store.location }, client, profile);
  await checkHeadFreshness({ clientId: client, profileId: profile }, head, seen, () =>
    loadVerificationKeys(where.home),
  );
}

/** The head of a profile, refused when it is older than the newest one this machine published. */
export async function freshHead(where: Where, client: string, profile: string): Promise<HistoryEntry | null> {
  const head = await where.store.readHead(client, profile);
  await assertFresh(where, client, profile, head);
  return head;
}

function signingKeyIfAny(home: HomeLayout): SigningKey | null {
  try {
    return loadSigningKey(home);
  } catch {
    // A member's machine that only syncs has no key of its own: its entries stay unsigned.
    return null;
  }
}

/**
 * The Store as the service uses it: its publish transaction runs only on a head that is not older
 * than one published here, signs the new entry (when this home has a key) and remembers it. It is
 * the Store itself, not a helper, so no module can publish around it; reads pass straight through
 * and write nothing.
 */
export function guardPublishes(store: Store, home: HomeLayout): Store {
  const where = { home, store };
  const publish: Store['publish'] = async (client, profile, build, seal?: SealEntry) => {
    const key = seal ? null : signingKeyIfAny(home);
    const at = { clientId: client, profileId: profile };
    const result = await store.publish(
      client,
      profile,
      async (head): Promise<Artifact> => {
        await assertFresh(where, client, profile, head);
        const artifact = await build(head);
        // Check our own output before it is stored: a signing key swapped for one nothing here
        // trusts fails the publish (UNTRUSTED_KEY) instead of storing an artifact every read refuses.
        verifyArtifact(artifact, await loadVerificationKeys(home));
        return artifact;
      },
      seal ?? (key ? (entry) => sealHistoryEntry(at, entry, key) : undefined),
    );
    markSeenHead({ home, storeLocation: store.location }, client, profile, result.entry);
    return result;
  };
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'publish') return publish;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
