/**
 * @module workflows/history-seal
 * Signed history entries and the freshness rule for a profile's head (issue #13): the head must
 * be the newest entry this machine has seen for the profile. Pure over keys and data.
 */
import type { KeyObject } from 'node:crypto';
import { canonicalJson } from '../core/canonical.js';
import { OrchestrationError } from '../core/errors.js';
import type { HistoryEntry } from '../core/schemas/artifact.js';
import type { SigningKey } from '../crypto/keys.js';
import { signBytes, verifyBytes } from '../crypto/sign.js';
import type { SeenHead } from '../store/seen-heads.js';

/** What a signed entry covers besides itself: the profile it belongs to, and what it is. */
const ENTRY_TYPE = 'mcp-orchestration/history-entry';

export interface ProfileRef {
  clientId: string;
  profileId: string;
}

function entryBytes(at: ProfileRef, entry: HistoryEntry): string {
  const { signature: _omit, ...unsigned } = entry;
  return canonicalJson({ type: ENTRY_TYPE, client_id: at.clientId, profile_id: at.profileId, ...unsigned });
}

/** The signature of a history entry (with its seq) of one profile. */
export function sealHistoryEntry(
  at: ProfileRef,
  entry: HistoryEntry,
  key: SigningKey,
): NonNullable<HistoryEntry['signature']> {
  return { algorithm: 'Ed25519', key_id: key.keyId, value: signBytes(entryBytes(at, entry), key.privateKey) };
}

/** `UNTRUSTED_KEY` or `TAMPERED` unless the entry's signature is by a trusted key and covers it as it is. */
export function verifyHistoryEntry(at: ProfileRef, entry: HistoryEntry, keys: Map<string, KeyObject>): void {
  const sig = entry.signature;
  if (!sig) return;
  const key = keys.get(sig.key_id);
  if (!key) {
    throw new OrchestrationError(
      'UNTRUSTED_KEY',
      `The head of ${at.clientId}/${at.profileId} (entry ${entry.seq}) was signed by key ${sig.key_id}, which is not trusted here. If you know that key, trust it with "mcp-orchestration keys trust add FILE".`,
      { client_id: at.clientId, profile_id: at.profileId, seq: entry.seq, key_id: sig.key_id },
    );
  }
  const bytes = entryBytes(at, entry);
  const memo = verifiedEntries.get(key);
  const known = `${sig.value}\u0000${bytes}`;
  if (memo?.has(known)) return;
  if (!verifyBytes(bytes, sig.value, key)) {
    throw new OrchestrationError(
      'TAMPERED',
      `The head of ${at.clientId}/${at.profileId} (entry ${entry.seq}, ${entry.artifact_id}) does not match its signature: the history was edited. Nothing was used.`,
      { client_id: at.clientId, profile_id: at.profileId, seq: entry.seq, artifact_id: entry.artifact_id },
    );
  }
  if (memo === undefined) verifiedEntries.set(key, new Set([known]));
  else {
    if (memo.size >= VERIFIED_LIMIT) memo.clear();
    memo.add(known);
  }
}

/**
 * Entry bytes and signatures that verified, by public key: a hub replica that did not publish a
 * head checks its signature on every read, and the Ed25519 check was most of a conditional sync's
 * work. The exact signed bytes are the key, so any change is checked again; failures are not kept.
 */
const verifiedEntries = new WeakMap<KeyObject, Set<string>>();
const VERIFIED_LIMIT = 1024;

function downgrade(
  at: ProfileRef,
  what: string,
  seen: SeenHead,
  head: HistoryEntry | null,
): OrchestrationError {
  return new OrchestrationError(
    'DOWNGRADE_DETECTED',
    `The head of ${at.clientId}/${at.profileId} ${what}, but this machine has already seen entry ${seen.seq} (${seen.artifact_id}): the history was cut back or edited, so it was refused and nothing was used. To use an older artifact on purpose, roll back to it or deploy it by its id.`,
    {
      client_id: at.clientId,
      profile_id: at.profileId,
      seen_seq: seen.seq,
      seen_artifact_id: seen.artifact_id,
      head_seq: head?.seq ?? null,
      head_artifact_id: head?.artifact_id ?? null,
    },
  );
}

/**
 * How the head stands against the newest one seen: `seen` (the same entry), `newer` (a later
 * entry, signed and verified, or the first one seen: trusted on first use) or an error: `DOWNGRADE_DETECTED` for an
 * older entry, another artifact under the seen number, a history gone, or a later entry nobody
 * signed; `TAMPERED`/`UNTRUSTED_KEY` for a signature that does not hold.
 * `keys` is called only when a signature has to be checked.
 */
export async function checkHeadFreshness(
  at: ProfileRef,
  head: HistoryEntry | null,
  seen: SeenHead | null,
  keys: () => Promise<Map<string, KeyObject>>,
): Promise<'none' | 'seen' | 'newer'> {
  if (head === null) {
    if (seen) throw downgrade(at, 'has no history any more', seen, head);
    return 'none';
  }
  if (seen && head.seq < seen.seq)
    throw downgrade(at, `is entry ${head.seq} (${head.artifact_id})`, seen, head);
  if (seen && head.seq === seen.seq) {
    if (head.artifact_id === seen.artifact_id) return 'seen';
    throw downgrade(at, `entry ${head.seq} now names ${head.artifact_id}`, seen, head);
  }
  if (!seen) {
    // First sight (a home from before signed history, or a store new to this machine) is trusted
    // as found, unless it carries a signature of a trusted key that does not hold.
    const known = await keys();
    if (head.signature && known.has(head.signature.key_id)) verifyHistoryEntry(at, head, known);
    return 'newer';
  }
  if (!head.signature)
    throw downgrade(at, `is an unsigned entry ${head.seq} (${head.artifact_id})`, seen, head);
  verifyHistoryEntry(at, head, await keys());
  return 'newer';
}
