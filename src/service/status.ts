/**
 * @module service/status
 * Per client and profile: the deployed artifact, the head, and whether the file still holds what
 * was written (the one drift engine that `diff --deployed` also uses).
 */
import { assertClientId } from '../clients/index.js';
import { OrchestrationError } from '../core/errors.js';
import { assertId } from '../core/ids.js';
import type { StatusEntry } from '../core/schemas/deploy.js';
import { type In, StatusInput } from '../core/schemas/operations.js';
import type { Payload } from '../core/schemas/payload.js';
import type { DeploymentRecord } from '../store/deployments.js';
import { saltOfRecord } from '../store/hash-salt.js';
import { detectDrift, resolveClientPath } from '../workflows/deploy.js';
import { mayRead } from './access.js';
import { adapterFor } from './clients.js';
import type { ServiceContext } from './context.js';
import { get } from './history.js';
import { settleIntents } from './intents.js';

export async function status(
  ctx: ServiceContext,
  input: In<typeof StatusInput> = {},
): Promise<{ entries: StatusEntry[] }> {
  const parsed = StatusInput.parse(input);
  // A deploy killed between writing a file and recording it is finished first.
  await settleIntents(ctx);
  const client = parsed.client_id === undefined ? undefined : assertClientId(parsed.client_id);
  const profile = parsed.profile_id === undefined ? undefined : assertId('profile', parsed.profile_id);
  // A token limited to some profiles is not shown the deployments of the others.
  const records = (await ctx.store.listDeployments()).filter(
    (r) =>
      (!client || r.client_id === client) && (!profile || r.profile_id === profile) && mayRead(r.profile_id),
  );
  const entries: StatusEntry[] = await Promise.all(records.map((r) => statusOf(ctx, r)));
  if (client && entries.length === 0) {
    const profileId = profile ?? 'default';
    const head = await ctx.store.readHead(client, profileId);
    entries.push({
      client_id: client,
      profile_id: profileId,
      state: 'not-deployed',
      artifact_id: null,
      head_artifact_id: head?.artifact_id ?? null,
      head_is_deployed: false,
      config_path: resolveClientPath(adapterFor(client), ctx.paths, 'user'),
      deployed_at: null,
      missing_file: false,
      drift: null,
    });
  }
  return { entries };
}

async function statusOf(ctx: ServiceContext, record: DeploymentRecord): Promise<StatusEntry> {
  const adapter = adapterFor(record.client_id);
  const head = await ctx.store.readHead(record.source_client_id, record.profile_id);
  const base = {
    client_id: record.client_id,
    profile_id: record.profile_id,
    artifact_id: record.artifact_id,
    head_artifact_id: head?.artifact_id ?? null,
    head_is_deployed: head !== null && head.artifact_id === record.artifact_id,
    config_path: record.config_path,
    deployed_at: record.deployed_at,
  };
  let payload: Payload = { mcpServers: {} };
  if (record.artifact_id) {
    payload = (
      await get(ctx, {
        client_id: record.source_client_id,
        profile_id: record.profile_id,
        artifact_id: record.artifact_id,
        // Shown, not written: a status must still answer when the store was changed.
        verify: false,
      })
    ).payload;
  }
  try {
    const drift = detectDrift(
      adapter,
      record.config_path,
      record.server_hashes,
      payload,
      await saltOfRecord(ctx.store, record),
    );
    return { ...base, state: drift.state, missing_file: drift.missing_file, drift: drift.drift };
  } catch (err) {
    if (err instanceof OrchestrationError && err.code === 'CLIENT_CONFIG_INVALID') {
      return {
        ...base,
        state: 'drifted',
        missing_file: false,
        drift: {
          status: 'diverged',
          base: 'deployed artifact',
          target: record.config_path,
          changes: [],
          summary: { added: 0, removed: 0, modified: 0, unchanged: 0 },
          recommendation: `${record.config_path} no longer parses (${err.message}); fix it or restore it with "rollback --restore-backup".`,
        },
      };
    }
    throw err;
  }
}
