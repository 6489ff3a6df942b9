/**
 * @module service/remotes
 * A member's machine and its team hubs: `remote add/list/remove`, and `sync`, which pulls a
 * profile head from a hub, verifies it against the keys pinned for that hub, keeps it locally,
 * deploys it into this machine's clients (touching only managed servers) and reports back.
 */

import type { KeyObject } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { assertClientId, assertClientIds } from '../clients/index.js';
import { OrchestrationError } from '../core/errors.js';
import { assertId } from '../core/ids.js';
import { type Artifact, ArtifactSchema } from '../core/schemas/artifact.js';
import type { DeployResult } from '../core/schemas/deploy.js';
import type { FleetView } from '../core/schemas/fleet.js';
import { SyncInput, type SyncResult } from '../core/schemas/governance.js';
import type { In } from '../core/schemas/operations.js';
import { trustKey } from '../crypto/keys.js';
import { parsePublicKeyPem } from '../crypto/trust.js';
import { writeJsonAtomic } from '../store/atomic.js';
import { verifyArtifact } from '../workflows/artifact.js';
import { checkPolicy } from '../workflows/policy.js';
import { audit, localActor, registryOf, type ServiceContext } from './context.js';
import { deployMany } from './deployment.js';
import { machineId } from './fleet.js';
import { governed } from './governance.js';
import { status } from './status.js';

const RemoteSchema = z.object({
  name: z.string(),
  url: z.string(),
  token: z.string(),
  /** The hub's publisher keys, pinned at `remote add`: only these verify what `sync` pulls. */
  keys: z.array(z.object({ key_id: z.string(), public_key_pem: z.string() })).min(1),
  added_at: z.string(),
  /** Per `client/profile`: the last artifact synced (its time guards against downgrades). */
  synced: z.record(z.string(), z.object({ artifact_id: z.string(), created_at: z.string() })).default({}),
});
type Remote = z.infer<typeof RemoteSchema>;

export interface RemoteInfo {
  name: string;
  url: string;
  key_ids: string[];
  added_at: string;
}

const remotesDir = (ctx: ServiceContext) => join(ctx.home.root, 'remotes');
const remoteFile = (ctx: ServiceContext, name: string) =>
  join(remotesDir(ctx), `${assertId('remote', name)}.json`);
const info = (r: Remote): RemoteInfo => ({
  name: r.name,
  url: r.url,
  key_ids: r.keys.map((k) => k.key_id),
  added_at: r.added_at,
});

function hubUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new OrchestrationError(
      'INVALID_INPUT',
      `"${text.slice(0, 200)}" is not a URL; give the hub as http(s)://HOST:PORT.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new OrchestrationError('INVALID_INPUT', `A hub URL is http:// or https://, not ${url.protocol}.`);
  }
  if (url.username || url.password) {
    throw new OrchestrationError('INVALID_INPUT', 'Give the token with --token, not inside the URL.');
  }
  return url.href.replace(/\/+$/, '');
}

function loadRemote(ctx: ServiceContext, name: string): Remote {
  const path = remoteFile(ctx, name);
  if (!existsSync(path)) {
    throw new OrchestrationError(
      'INVALID_INPUT',
      `No remote "${name}". Add it with "mcp-orchestration remote add ${name} URL --token TOKEN --trust KEYFILE" (see "remote list").`,
      { remote: name },
    );
  }
  return RemoteSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

const saveRemote = (ctx: ServiceContext, remote: Remote) =>
  writeJsonAtomic(remoteFile(ctx, remote.name), remote, { mode: 0o600 });

/** Saves a hub: its URL, a token (kept 0600, never printed) and its publisher keys, pinned. */
export async function addRemote(
  ctx: ServiceContext,
  input: { name: string; url: string; token: string; trust_pem: string; trust_source?: string },
): Promise<RemoteInfo> {
  const name = assertId('remote', input.name);
  const url = hubUrl(input.url);
  if (!input.token.trim()) throw new OrchestrationError('INVALID_INPUT', 'A remote needs --token.');
  const pems = input.trust_pem.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [];
  if (pems.length === 0) {
    throw new OrchestrationError(
      'INVALID_INPUT',
      `${input.trust_source ?? 'The trust file'} holds no PEM public key. Ask the hub's admin for its publisher key ("mcp-orchestration keys export > hub.pub" on the hub).`,
    );
  }
  const keys = pems.map((pem) => {
    const parsed = parsePublicKeyPem(pem, input.trust_source);
    return { key_id: parsed.keyId, public_key_pem: parsed.pem };
  });
  // Artifacts synced from the hub are kept and deployed here, so its keys join the trust list.
  for (const key of keys) await trustKey(ctx.home, key.public_key_pem, { note: `remote ${name}` });
  ctx.home.ensureRoot();
  // Adding a saved remote again (a new token, new keys) keeps what was synced from it: the
  // downgrade guard must not be reset by a token rotation.
  const before = existsSync(remoteFile(ctx, name)) ? loadRemote(ctx, name) : undefined;
  const remote: Remote = {
    name,
    url,
    token: input.token.trim(),
    keys,
    added_at: new Date().toISOString(),
    synced: before?.synced ?? {},
  };
  saveRemote(ctx, remote);
  await audit(ctx, 'remote.add', name, { url, key_ids: keys.map((k) => k.key_id) });
  return info(remote);
}

export async function listRemotes(ctx: ServiceContext): Promise<{ remotes: RemoteInfo[] }> {
  if (!existsSync(remotesDir(ctx))) return { remotes: [] };
  const names = readdirSync(remotesDir(ctx))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
  return { remotes: names.map((n) => info(loadRemote(ctx, n))) };
}

export async function removeRemote(ctx: ServiceContext, name: string): Promise<{ removed: string }> {
  loadRemote(ctx, name);
  rmSync(remoteFile(ctx, name), { force: true });
  await audit(ctx, 'remote.remove', name);
  return { removed: name };
}

/** One request to a hub; network failures and 5xx are REMOTE_UNAVAILABLE, 401/403 keep their code. */
async function hubFetch(remote: Remote, path: string, init: RequestInit = {}): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`${remote.url}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${remote.token}`, ...(init.headers ?? {}) },
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    throw new OrchestrationError(
      'REMOTE_UNAVAILABLE',
      `The hub ${remote.url} cannot be reached (${(err as Error).message}). Nothing was changed here; try again when it is up.`,
      { remote: remote.name },
    );
  }
  if (res.status === 304 || res.ok) return res;
  let body: { error?: { code?: string; message?: string } } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    /* not our API's error shape */
  }
  const code = res.status >= 500 || !body.error?.code ? 'REMOTE_UNAVAILABLE' : body.error.code;
  const known = [
    'UNAUTHORIZED',
    'FORBIDDEN',
    'PROFILE_NOT_FOUND',
    'UNKNOWN_CLIENT',
    'INVALID_INPUT',
    'INVALID_ID',
    // The hub checks its own store too: a changed artifact there is refused before it is sent.
    'TAMPERED',
    'SIGNATURE_INVALID',
    'UNTRUSTED_KEY',
    'DOWNGRADE_DETECTED',
  ];
  throw new OrchestrationError(
    (known.includes(code) ? code : 'REMOTE_UNAVAILABLE') as 'REMOTE_UNAVAILABLE',
    `The hub ${remote.url} answered ${res.status}: ${(body.error?.message ?? res.statusText).replace(/\.$/, '')}. Nothing was changed here.`,
    { remote: remote.name, status: res.status },
  );
}

export type { SyncResult };

/**
 * Pull, verify, keep, deploy, report. A hub that is down, an artifact that does not verify
 * against the pinned keys (or is older than the last one synced), or one that breaks this
 * machine's policy changes nothing here.
 */
export async function sync(ctx: ServiceContext, input: In<typeof SyncInput>): Promise<SyncResult> {
  const parsed = SyncInput.parse(input);
  const remote = loadRemote(ctx, parsed.remote);
  const client = assertClientId(parsed.client_id);
  const profile = assertId('profile', parsed.profile_id);
  const targets = assertClientIds(parsed.clients && parsed.clients.length > 0 ? parsed.clients : [client]);
  const dryRun = parsed.dry_run;
  const key = `${client}/${profile}`;
  const local = await ctx.store.readHead(client, profile);
  const known = remote.synced[key];
  const conditional = local !== null && known?.artifact_id === local.artifact_id;
  const res = await hubFetch(
    remote,
    `/v1/config/${encodeURIComponent(client)}/${encodeURIComponent(profile)}`,
    {
      headers: conditional ? { 'If-None-Match': `"${local.artifact_id}"` } : {},
    },
  );
  let artifact: Artifact;
  let head: SyncResult['head'] = 'fetched';
  if (res.status === 304 && local) {
    head = 'unchanged';
    artifact = ArtifactSchema.parse(await ctx.store.loadArtifact(client, profile, local.artifact_id));
    await assertPolicyAllows(ctx, remote, artifact, targets, dryRun);
  } else {
    const raw: unknown = await res.json();
    artifact = checkPulled(raw, remote, client, profile, known);
    await assertPolicyAllows(ctx, remote, artifact, targets, dryRun);
    if (!dryRun && local?.artifact_id !== artifact.artifact_id) {
      await ctx.store.publish(client, profile, () => artifact);
      remote.synced[key] = { artifact_id: artifact.artifact_id, created_at: artifact.created_at };
      saveRemote(ctx, remote);
      await audit(ctx, 'sync', key, { remote: remote.name }, artifact.artifact_id);
    }
  }
  const deployed: DeployResult[] = [];
  const failed: SyncResult['failed'] = [];
  const drifted = new Set<string>();
  let note: string | undefined;
  if (dryRun && head === 'fetched' && local?.artifact_id !== artifact.artifact_id) {
    // A dry run keeps nothing, so there is no local artifact to plan a deploy from yet.
    note = `Would keep ${artifact.artifact_id} (verified against the keys pinned for ${remote.name}) and deploy it to ${targets.join(', ')}. Nothing was written.`;
  } else {
    if (!dryRun) for (const c of await handEdited(ctx, targets, profile)) drifted.add(c);
    const many = await deployMany(ctx, {
      source_client_id: client,
      profile_id: profile,
      clients: targets,
      artifact_id: artifact.artifact_id,
      dry_run: dryRun,
      adopt: parsed.adopt,
    });
    deployed.push(...many.deployed);
    failed.push(...many.failed);
  }
  const reported = dryRun
    ? 0
    : await reportBack(ctx, remote, client, profile, artifact, deployed, failed, drifted);
  return {
    remote: remote.name,
    client_id: client,
    profile_id: profile,
    artifact_id: artifact.artifact_id,
    head,
    deployed,
    failed,
    reported,
    dry_run: dryRun,
    ...(note === undefined ? {} : { note }),
  };
}

/**
 * Refuses (`POLICY_VIOLATION`) an artifact that breaks the policy this machine holds, before it
 * is kept or deployed; the hub hears of it as a failed report for each target client.
 */
async function assertPolicyAllows(
  ctx: ServiceContext,
  remote: Remote,
  artifact: Artifact,
  targets: string[],
  dryRun: boolean,
): Promise<void> {
  const rules = await governed(ctx, await registryOf(ctx));
  if (!rules) return;
  const violations = checkPolicy(artifact.payload, rules.policy, rules.lookup);
  const first = violations[0];
  if (!first) return;
  const error = new OrchestrationError(
    'POLICY_VIOLATION',
    `The hub's head for ${artifact.client_id}/${artifact.profile_id} (${artifact.artifact_id.slice(0, 19)}) breaks this machine's policy: ${first.message}${violations.length > 1 ? ` (and ${violations.length - 1} more)` : ''} It was not kept or deployed here; see "policy show", or ask the hub's admin.`,
    { artifact_id: artifact.artifact_id, errors: violations },
  );
  if (!dryRun) {
    const failed = targets.map((c) => ({
      client_id: c,
      error: { code: error.code, message: error.message },
    }));
    await reportBack(ctx, remote, artifact.client_id, artifact.profile_id, artifact, [], failed);
  }
  throw error;
}

/**
 * The targets whose file no longer holds what the last deploy wrote there, by the drift check
 * `status` makes: the deploy that follows repairs them, and the hub hears they had drifted.
 */
async function handEdited(ctx: ServiceContext, targets: string[], profile: string): Promise<string[]> {
  const out: string[] = [];
  for (const c of targets) {
    try {
      const { entries } = await status(ctx, { client_id: c, profile_id: profile });
      if (entries.some((e) => e.state === 'drifted')) out.push(c);
    } catch {
      // A drift check that cannot run only changes what is reported; the deploy says what is wrong.
    }
  }
  return out;
}

/** Verifies what the hub sent: pinned keys only, the requested profile, never older than the last sync. */
function checkPulled(
  raw: unknown,
  remote: Remote,
  client: string,
  profile: string,
  known: { artifact_id: string; created_at: string } | undefined,
): Artifact {
  const keys = new Map<string, KeyObject>(
    remote.keys.map((k) => [k.key_id, parsePublicKeyPem(k.public_key_pem).key]),
  );
  try {
    verifyArtifact(raw, keys);
  } catch (err) {
    // Only the keys pinned for this hub count, so "keys trust add" would not help here.
    if (!(err instanceof OrchestrationError) || err.code !== 'UNTRUSTED_KEY') throw err;
    throw new OrchestrationError(
      'UNTRUSTED_KEY',
      `The hub ${remote.name} sent an artifact signed by key ${String(err.details.key_id)}, which is not pinned for it; it was refused and nothing was changed. If the hub's admin rotated its key, add the remote again with the new key: "mcp-orchestration remote add ${remote.name} ${remote.url} --token TOKEN --trust KEYFILE".`,
      err.details,
    );
  }
  const artifact = ArtifactSchema.parse(raw);
  if (artifact.client_id !== client || artifact.profile_id !== profile) {
    throw new OrchestrationError(
      'TAMPERED',
      `The hub sent an artifact of ${artifact.client_id}/${artifact.profile_id} for ${client}/${profile}; it was refused and nothing was changed.`,
      { artifact_id: artifact.artifact_id },
    );
  }
  if (known && known.artifact_id !== artifact.artifact_id && artifact.created_at < known.created_at) {
    throw new OrchestrationError(
      'DOWNGRADE_DETECTED',
      `The hub's head for ${client}/${profile} (${artifact.artifact_id.slice(0, 19)}, ${artifact.created_at}) is older than the one synced here before (${known.artifact_id.slice(0, 19)}, ${known.created_at}). It was refused; ask the hub's admin to publish again.`,
      { artifact_id: artifact.artifact_id, synced_artifact_id: known.artifact_id },
    );
  }
  return artifact;
}

async function reportBack(
  ctx: ServiceContext,
  remote: Remote,
  client: string,
  profile: string,
  artifact: Artifact,
  deployed: DeployResult[],
  failed: SyncResult['failed'],
  drifted: ReadonlySet<string> = new Set(),
): Promise<number> {
  const base = {
    machine_id: machineId(ctx.home),
    hostname: hostname(),
    user: localActor().name,
    source_client_id: client,
    profile_id: profile,
  };
  const reports = [
    ...deployed.map((d) => ({
      ...base,
      client_id: d.client_id,
      artifact_id: artifact.artifact_id,
      state: drifted.has(d.client_id) ? ('drifted' as const) : ('in-sync' as const),
      error: null,
    })),
    ...failed.map((f) => ({
      ...base,
      client_id: f.client_id,
      artifact_id: null,
      // A same-named server written by hand kept the file as it was: it differs from the head.
      state: f.error.code === 'UNMANAGED_CONFLICT' ? ('drifted' as const) : ('failed' as const),
      error: f.error,
    })),
  ];
  let sent = 0;
  for (const report of reports) {
    try {
      await hubFetch(remote, '/v1/fleet/reports', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(report),
      });
      sent++;
    } catch {
      // The deploy is done; a report that does not arrive is sent again by the next sync.
    }
  }
  return sent;
}

/** The hub's fleet view, with this machine's token (an admin token). */
export async function remoteFleet(
  ctx: ServiceContext,
  name: string,
  options: { stale_after_seconds?: number } = {},
): Promise<FleetView> {
  const remote = loadRemote(ctx, name);
  const query =
    options.stale_after_seconds === undefined ? '' : `?stale_after_seconds=${options.stale_after_seconds}`;
  return (await (await hubFetch(remote, `/v1/fleet${query}`)).json()) as FleetView;
}
