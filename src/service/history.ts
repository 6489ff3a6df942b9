/**
 * @module service/history
 * The read side of publishing: profiles, their history and their artifacts as stored.
 */
import type { KeyObject } from 'node:crypto';
import { assertClientId } from '../clients/index.js';
import { OrchestrationError } from '../core/errors.js';
import type { Artifact, HistoryEntry } from '../core/schemas/artifact.js';
import { GetInput, HistoryInput, type In, type TargetInput } from '../core/schemas/operations.js';
import type { HistoryPage, ProfileList, VerifyResult } from '../core/schemas/results.js';
import { loadVerificationKeys } from '../crypto/keys.js';
import { assertArtifactAt, verifyArtifact } from '../workflows/artifact.js';
import { mayRead } from './access.js';
import type { ServiceContext } from './context.js';
import { target } from './context.js';
import { freshHead } from './freshness.js';

/** The head entry, or `PROFILE_NOT_FOUND` saying how to publish one. */
export async function requireHead(
  ctx: ServiceContext,
  client: string,
  profile: string,
): Promise<HistoryEntry> {
  const head = await freshHead(ctx, client, profile);
  if (head) return head;
  throw new OrchestrationError(
    'PROFILE_NOT_FOUND',
    `Nothing published for ${client}/${profile} yet. Add servers to the draft and run "mcp-orchestration publish --client ${client} --profile ${profile} --changelog TEXT".`,
    { client_id: client, profile_id: profile },
  );
}

/** The head entry of a profile (`PROFILE_NOT_FOUND` when nothing was published). */
export async function head(ctx: ServiceContext, input: In<typeof TargetInput> = {}): Promise<HistoryEntry> {
  const { client, profile } = target(input);
  return requireHead(ctx, client, profile);
}

export async function listProfiles(ctx: ServiceContext, clientId = 'claude-desktop'): Promise<ProfileList> {
  const client = assertClientId(clientId);
  const drafts = new Set(await ctx.store.listDraftProfiles(client));
  const ids = [...new Set([...(await ctx.store.listPublishedProfiles(client)), ...drafts])]
    .filter((id) => mayRead(id))
    .sort();
  return {
    client_id: client,
    profiles: await Promise.all(
      ids.map(async (id) => {
        const head = await ctx.store.readHead(client, id);
        return {
          profile_id: id,
          head: head?.artifact_id ?? null,
          count: head?.seq ?? 0,
          updated_at: head?.created_at ?? null,
          has_draft: drafts.has(id),
        };
      }),
    ),
  };
}

export async function history(
  ctx: ServiceContext,
  input: In<typeof HistoryInput> = {},
): Promise<HistoryPage> {
  const parsed = HistoryInput.parse(input);
  const { client, profile } = target(parsed);
  const head = await requireHead(ctx, client, profile);
  return {
    client_id: client,
    profile_id: profile,
    total: head.seq,
    entries: await ctx.store.readHistory(client, profile, parsed.limit, parsed.offset),
  };
}

/**
 * The profile head, or another artifact of the profile. By default it must be the artifact it is
 * asked for, of this profile, signed by a trusted key (`TAMPERED`, `UNTRUSTED_KEY`,
 * `SIGNATURE_INVALID`); with `verify: false` it is returned as stored, unchecked.
 */
export async function get(ctx: ServiceContext, input: In<typeof GetInput> = {}): Promise<Artifact> {
  const parsed = GetInput.parse(input);
  const { client, profile } = target(parsed);
  const ref = parsed.artifact_id ?? (await requireHead(ctx, client, profile)).artifact_id;
  if (!parsed.verify) return (await ctx.store.loadArtifact(client, profile, ref)) as Artifact;
  return (await loadVerified(ctx, client, profile, ref)).artifact;
}

/**
 * Checks that passed, by trusted key set (the same Map while the trust files are unchanged): the
 * stored text of an artifact with what it was asked as, and its result. Both checks are pure
 * functions of exactly those, so a hit skips the content hash and the Ed25519 verification, which
 * were most of a head read's time (user-docs/explanation/performance.md). Failures are never kept.
 */
const passed = new WeakMap<Map<string, KeyObject>, Map<string, VerifyResult>>();
const PASSED_LIMIT = 256;

/** Loads an artifact and checks that it is the one asked for, of this profile, signed by a trusted key. */
export async function loadVerified(
  ctx: ServiceContext,
  client: string,
  profile: string,
  ref: string,
): Promise<{ artifact: Artifact; result: VerifyResult }> {
  const raw = await ctx.store.loadArtifact(client, profile, ref);
  const keys = await loadVerificationKeys(ctx.home);
  let memo = passed.get(keys);
  if (!memo) {
    memo = new Map();
    passed.set(keys, memo);
  }
  const key = `${client}\u0000${profile}\u0000${ref}\u0000${JSON.stringify(raw)}`;
  const known = memo.get(key);
  if (known) return { artifact: raw as Artifact, result: structuredClone(known) };
  assertArtifactAt(raw, { clientId: client, profileId: profile, ref });
  const result = verifyArtifact(raw, keys);
  if (memo.size >= PASSED_LIMIT) memo.clear();
  memo.set(key, structuredClone(result));
  return { artifact: raw as Artifact, result };
}

/** The `get` input of an operation that names an artifact (its other fields are its own). */
export function artifactRef(parsed: In<typeof GetInput>): In<typeof GetInput> {
  const { client_id, profile_id, artifact_id, verify } = parsed;
  return {
    client_id,
    profile_id,
    ...(artifact_id === undefined ? {} : { artifact_id }),
    ...(verify === undefined ? {} : { verify }),
  };
}
