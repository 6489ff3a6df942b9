/**
 * @module service/deployment
 * Deploy artifacts into the clients' real config files, touching only the servers this tool
 * manages; roll back to an earlier artifact or to the bytes saved before the last deploy.
 */
import {
  assertClientId,
  assertClientIds,
  type ClientAdapter,
  listAdapters,
  type Scope,
} from '../clients/index.js';
import { sha256Hex } from '../core/canonical.js';
import { OrchestrationError, toOrchestrationError } from '../core/errors.js';
import { assertId } from '../core/ids.js';
import type { Artifact } from '../core/schemas/artifact.js';
import type { DeployManyResult, DeployResult } from '../core/schemas/deploy.js';
import { DeployInput, DeployManyInput, type In, RollbackInput } from '../core/schemas/operations.js';
import { loadVerificationKeys } from '../crypto/keys.js';
import { editClientFile, readClientBytes, sweepLeftoverTemps } from '../store/client-file.js';
import { type Backup, type DeploymentRecord, managedServersOf } from '../store/deployments.js';
import { newHashSalt } from '../store/hash-salt.js';
import {
  type DeployIntent,
  deployArtifact,
  hashServers,
  readNeutralServers,
  resolveClientPath,
} from '../workflows/deploy.js';
import { diffPayloads } from '../workflows/diff.js';
import { saltedHash } from '../workflows/drift.js';
import { assertPruneConfirmed, countActions, restoredOutcomes } from '../workflows/managed.js';
import { adapterFor } from './clients.js';
import { audit, type ServiceContext } from './context.js';
import { get } from './history.js';
import { type KeptIntent, keepIntent, settleIntents } from './intents.js';
import { managedInFile } from './managed.js';
import { restoreTarget, rollbackTarget } from './write-targets.js';

export interface DeployOptions {
  profile: string;
  path?: string | undefined;
  scope: Scope;
  dryRun: boolean;
  action: DeployResult['action'];
  wrapWindowsCmd?: boolean;
  prune?: boolean;
  adopt?: boolean;
  allowWidening?: boolean;
  yes?: boolean;
  /** Names to remove from the file if the artifact lacks them, even if this tool did not write them. */
  forget?: readonly string[];
  /** The caller settled the intents of earlier deploys itself (a one-shot: its own wait for its records). */
  intentsSettled?: boolean;
}

/** Writes one artifact into one client's file and logs it. */
export async function deployTo(
  ctx: ServiceContext,
  adapter: ClientAdapter,
  artifact: Artifact,
  opts: DeployOptions,
): Promise<DeployResult> {
  return (await writeTo(ctx, adapter, artifact, opts)).record();
}

/** A client file written, its deployment record not made yet. */
export interface WrittenFile {
  configPath: string;
  /** The backup of the bytes the write replaced; null when nothing was written. */
  backup: Backup | null;
  /** Records the deployment (and audits it): from then on `status` and `rollback` know of it. */
  record(): Promise<DeployResult>;
  /** Forgets the write without a record, for a caller that puts the file's old bytes back. */
  abandon(): void;
}

/**
 * The first half of a deploy: writes the file, keeping the record as an intent only. A caller that
 * writes many files (the one-shots) records them once all are written, so no record ever names a
 * write that was undone.
 */
export async function writeTo(
  ctx: ServiceContext,
  adapter: ClientAdapter,
  artifact: Artifact,
  opts: DeployOptions,
): Promise<WrittenFile> {
  assertPruneConfirmed(opts);
  const configPath = resolveClientPath(adapter, ctx.paths, opts.scope, opts.path);
  if (!opts.dryRun && !opts.intentsSettled) await settleIntents(ctx);
  const previous = await ctx.store.readDeployment(adapter.id, opts.profile);
  const recordOf = (intent: DeployIntent) => ({
    action: opts.action,
    client_id: adapter.id,
    profile_id: opts.profile,
    source_client_id: artifact.client_id,
    artifact_id: artifact.artifact_id,
    previous_artifact_id: previous?.artifact_id ?? null,
    config_path: configPath,
    scope: opts.scope,
    ...intent,
  });
  let kept: KeptIntent | null = null;
  const outcome = await deployArtifact({
    adapter,
    artifact,
    configPath,
    keys: await loadVerificationKeys(ctx.home),
    env: ctx.env,
    ctx: ctx.paths,
    dryRun: opts.dryRun,
    wrapWindowsCmd: opts.wrapWindowsCmd ?? false,
    // A dry run records nothing, so it makes no salt file either.
    hashSalt: opts.dryRun ? newHashSalt() : await ctx.store.hashSalt(),
    managed: new Set([
      ...(await managedInFile(ctx, adapter.id, opts.profile, configPath, previous)),
      ...(opts.forget ?? []),
    ]),
    prune: opts.prune ?? false,
    adopt: opts.adopt ?? false,
    allowWidening: opts.allowWidening ?? false,
    backup: (bytes) => ctx.store.saveBackup(adapter.id, configPath, bytes),
    beforeRename: async (intent) => {
      kept?.release();
      kept = keepIntent(ctx, recordOf(intent));
    },
    home: ctx.home,
  });
  const sameAsRecorded =
    previous?.artifact_id === artifact.artifact_id &&
    previous.config_path === configPath &&
    previous.managed_servers !== undefined &&
    outcome.status === 'unchanged';
  const settle = async (): Promise<DeployResult> => {
    try {
      return await recordIt();
    } finally {
      (kept as KeptIntent | null)?.release();
    }
  };
  const recordIt = async (): Promise<DeployResult> => {
    let record: DeploymentRecord | null = null;
    if (outcome.status !== 'dry-run' && !sameAsRecorded) {
      record = await ctx.store.recordDeployment(
        recordOf({
          backup_id: outcome.backup?.backup_id ?? null,
          server_hashes: outcome.server_hashes,
          file_sha256: outcome.file_sha256,
          hash_salt: 'store',
          managed_servers: outcome.managed_servers,
          ...(outcome.resolved_refs ? { resolved_refs: outcome.resolved_refs } : {}),
        }),
      );
      await audit(
        ctx,
        opts.action,
        `${adapter.id}/${opts.profile}`,
        { config_path: configPath, status: outcome.status, deployment_id: record.deployment_id },
        artifact.artifact_id,
      );
    }
    (kept as KeptIntent | null)?.drop();
    await sweepLeftoverTemps(configPath, async (bytes) => {
      await ctx.store.saveBackup(adapter.id, configPath, bytes);
    });
    return {
      status: outcome.status,
      action: opts.action,
      client_id: adapter.id,
      profile_id: opts.profile,
      artifact_id: artifact.artifact_id,
      previous_artifact_id: previous?.artifact_id ?? null,
      config_path: configPath,
      backup_id: outcome.backup?.backup_id ?? null,
      deployment_id: record?.deployment_id ?? previous?.deployment_id ?? null,
      changes: outcome.diff,
      servers: outcome.outcomes,
      counts: countActions(outcome.outcomes),
      managed_servers: outcome.managed_servers,
      unreadable: outcome.unreadable,
      warnings: outcome.warnings,
    };
  };
  return {
    configPath,
    backup: outcome.backup ?? null,
    record: settle,
    abandon: () => {
      (kept as KeptIntent | null)?.drop();
      void sweepLeftoverTemps(configPath);
    },
  };
}

/** The options a deploy request (to one client or many) gives every client it writes. */
function deployOptionsOf(
  parsed: Pick<
    ReturnType<typeof DeployManyInput.parse>,
    'scope' | 'dry_run' | 'wrap_windows_cmd' | 'prune' | 'adopt' | 'allow_widening' | 'yes'
  >,
  profile: string,
): DeployOptions {
  return {
    profile,
    scope: parsed.scope,
    dryRun: parsed.dry_run,
    wrapWindowsCmd: parsed.wrap_windows_cmd,
    prune: parsed.prune,
    adopt: parsed.adopt,
    allowWidening: parsed.allow_widening,
    yes: parsed.yes,
    action: 'deploy',
  };
}

export async function deploy(ctx: ServiceContext, input: In<typeof DeployInput>): Promise<DeployResult> {
  const parsed = DeployInput.parse(input);
  const adapter = adapterFor(parsed.client_id);
  const profile = assertId('profile', parsed.profile_id);
  if (!parsed.artifact_id && (await ctx.store.readHead(adapter.id, profile)) === null) {
    // A common slip: publishing for the default client, then deploying to another one.
    for (const a of listAdapters()) {
      if (a.id === adapter.id || (await ctx.store.readHead(a.id, profile)) === null) continue;
      throw new OrchestrationError(
        'PROFILE_NOT_FOUND',
        `Nothing published for ${adapter.id}/${profile}. To deploy the ${a.id}/${profile} config to ${adapter.name}, run "mcp-orchestration deploy --client ${a.id} --profile ${profile} --clients ${adapter.id}".`,
        { client_id: adapter.id, profile_id: profile, published_for: a.id },
      );
    }
  }
  const artifact = await get(ctx, {
    client_id: adapter.id,
    profile_id: profile,
    ...(parsed.artifact_id ? { artifact_id: parsed.artifact_id } : {}),
  });
  return deployTo(ctx, adapter, artifact, { ...deployOptionsOf(parsed, profile), path: parsed.path });
}

/** One profile to several clients, each translated and backed up; one failure does not stop the rest. */
export async function deployMany(
  ctx: ServiceContext,
  input: In<typeof DeployManyInput>,
): Promise<DeployManyResult> {
  const parsed = DeployManyInput.parse(input);
  const source = assertClientId(parsed.source_client_id);
  // The whole list is checked before anything is written: a typo must not leave half a deploy.
  const targets = assertClientIds(parsed.clients);
  const profile = assertId('profile', parsed.profile_id);
  assertPruneConfirmed({ prune: parsed.prune, dryRun: parsed.dry_run, yes: parsed.yes });
  const artifact = await get(ctx, {
    client_id: source,
    profile_id: profile,
    ...(parsed.artifact_id ? { artifact_id: parsed.artifact_id } : {}),
  });
  const deployed: DeployResult[] = [];
  const failed: Array<{ client_id: string; error: { code: string; message: string } }> = [];
  for (const clientId of targets) {
    try {
      deployed.push(await deployTo(ctx, adapterFor(clientId), artifact, deployOptionsOf(parsed, profile)));
    } catch (err) {
      const e = err instanceof OrchestrationError ? err : toOrchestrationError(err);
      failed.push({ client_id: clientId, error: { code: e.code, message: e.message } });
    }
  }
  return { deployed, failed };
}

/** Deploys the previous artifact (or `to`) again, or restores the bytes saved before the last deploy. */
export async function rollback(ctx: ServiceContext, input: In<typeof RollbackInput>): Promise<DeployResult> {
  const parsed = RollbackInput.parse(input);
  const adapter = adapterFor(parsed.client_id);
  const profile = assertId('profile', parsed.profile_id);
  const current = await ctx.store.readDeployment(adapter.id, profile);
  if (!current) {
    throw new OrchestrationError(
      'NOT_DEPLOYED',
      `Nothing was deployed for ${adapter.id}/${profile}, so there is nothing to roll back. Run "deploy" first.`,
      { client_id: adapter.id, profile_id: profile },
    );
  }
  if (parsed.restore_backup)
    return restoreBackup(ctx, adapter, profile, current, parsed.path, parsed.dry_run);
  const source = current.source_client_id;
  const to = parsed.to ?? (await previousArtifact(ctx, current));
  const artifact = await get(ctx, { client_id: source, profile_id: profile, artifact_id: to });
  return deployTo(ctx, adapter, artifact, {
    profile,
    path: rollbackTarget(adapter, ctx.paths, current, parsed.path),
    scope: current.scope,
    dryRun: parsed.dry_run,
    action: 'rollback',
  });
}

async function previousArtifact(ctx: ServiceContext, current: DeploymentRecord): Promise<string> {
  const log = await ctx.store.readDeploymentLog({
    client_id: current.client_id,
    profile_id: current.profile_id,
  });
  const earlier = log.find((r) => r.artifact_id !== null && r.artifact_id !== current.artifact_id);
  if (earlier?.artifact_id) return earlier.artifact_id;
  const parent = current.artifact_id
    ? (
        await get(ctx, {
          client_id: current.source_client_id,
          profile_id: current.profile_id,
          artifact_id: current.artifact_id,
        })
      ).metadata.parent_artifact_id
    : null;
  if (parent) return parent;
  throw new OrchestrationError(
    'ARTIFACT_NOT_FOUND',
    `No earlier artifact to roll back to for ${current.client_id}/${current.profile_id}. Use --to ID or --restore-backup.`,
  );
}

/** `BACKUP_TAMPERED` unless the bytes are exactly the ones the backup's metadata recorded. */
function assertBackupIntact(adapter: ClientAdapter, backup: Backup, bytes: Buffer | null): void {
  const actual = bytes === null ? null : sha256Hex(bytes);
  if (backup.existed === (bytes !== null) && actual === backup.sha256 && (bytes?.length ?? 0) === backup.size)
    return;
  throw new OrchestrationError(
    'BACKUP_TAMPERED',
    `Backup ${backup.backup_id} of ${adapter.id} does not match its recorded sha256 (${backup.sha256 ?? 'none'}; its bytes hash to ${actual ?? 'nothing'}). Nothing was written. Run "mcp-orchestration rollback" without --restore-backup to deploy the previous artifact instead.`,
    { backup_id: backup.backup_id, expected_sha256: backup.sha256, actual_sha256: actual },
  );
}

async function restoreBackup(
  ctx: ServiceContext,
  adapter: ClientAdapter,
  profile: string,
  current: DeploymentRecord,
  path?: string,
  dryRun = false,
): Promise<DeployResult> {
  if (!current.backup_id) {
    throw new OrchestrationError(
      'BACKUP_NOT_FOUND',
      `The last deploy of ${adapter.id}/${profile} did not change the file, so no backup was kept. Use "rollback" without --restore-backup.`,
    );
  }
  const { backup, bytes } = await ctx.store.readBackup(adapter.id, current.backup_id);
  assertBackupIntact(adapter, backup, bytes);
  const configPath = restoreTarget(adapter, ctx.paths, current, backup.config_path, path);
  // Parse before writing: bytes that are not the client's format are never put in its place.
  const restored = readNeutralServers(adapter, bytes);
  if (dryRun) return restorePreview(adapter, profile, current, configPath, backup, bytes);
  let saved: string | null = null;
  const outcome = await editClientFile(
    ctx.home,
    configPath,
    // A backup of a file that did not exist restores its absence, not an empty file.
    () => bytes,
    async (old) => {
      saved = (await ctx.store.saveBackup(adapter.id, configPath, old)).backup_id;
    },
  );
  const replaced = readNeutralServers(adapter, outcome.before);
  // The restored file holds what the deploy before the current one managed.
  const earlier = (await ctx.store.readDeploymentLog({ client_id: adapter.id, profile_id: profile })).find(
    (r) => r.deployment_id !== current.deployment_id && r.config_path === configPath,
  );
  const managedNow = (earlier ? managedServersOf(earlier) : []).filter((n) => Object.hasOwn(restored.raw, n));
  const salt = await ctx.store.hashSalt();
  const record = await ctx.store.recordDeployment({
    action: 'restore-backup',
    client_id: adapter.id,
    profile_id: profile,
    source_client_id: current.source_client_id,
    artifact_id: current.previous_artifact_id,
    previous_artifact_id: current.artifact_id,
    config_path: configPath,
    scope: current.scope,
    backup_id: saved,
    server_hashes: hashServers(
      adapter,
      Object.fromEntries(managedNow.map((n) => [n, restored.raw[n]])),
      salt,
    ),
    file_sha256: outcome.after === null ? null : saltedHash(salt, outcome.after),
    hash_salt: 'store',
    managed_servers: managedNow,
  });
  await audit(ctx, 'restore-backup', `${adapter.id}/${profile}`, {
    config_path: configPath,
    backup_id: backup.backup_id,
    deployment_id: record.deployment_id,
  });
  return restoreResult(adapter, profile, current, configPath, backup, restored, replaced, {
    status: outcome.changed ? 'deployed' : 'unchanged',
    backup_id: saved,
    deployment_id: record.deployment_id,
    managed_servers: managedNow,
    recommendation: `Restored ${configPath} byte for byte from backup ${backup.backup_id}; the bytes it replaced are in backup ${saved ?? '(none: nothing changed)'}.`,
  });
}

/** What restoring the backup would do, read without writing or locking anything. */
function restorePreview(
  adapter: ClientAdapter,
  profile: string,
  current: DeploymentRecord,
  configPath: string,
  backup: Backup,
  bytes: Buffer | null,
): DeployResult {
  const restored = readNeutralServers(adapter, bytes);
  const replaced = readNeutralServers(adapter, readClientBytes(configPath));
  return restoreResult(adapter, profile, current, configPath, backup, restored, replaced, {
    status: 'dry-run',
    backup_id: null,
    deployment_id: current.deployment_id,
    managed_servers: current.managed_servers ?? [],
    recommendation: `Restoring would put back ${configPath} byte for byte from backup ${backup.backup_id}. Nothing was written; run without --dry-run to restore it.`,
  });
}

/** The result of a restore (or of its dry run): the backup's servers against the file's. */
function restoreResult(
  adapter: ClientAdapter,
  profile: string,
  current: DeploymentRecord,
  configPath: string,
  backup: Backup,
  restored: ReturnType<typeof readNeutralServers>,
  replaced: ReturnType<typeof readNeutralServers>,
  outcome: Pick<DeployResult, 'status' | 'backup_id' | 'deployment_id' | 'managed_servers'> & {
    recommendation: string;
  },
): DeployResult {
  const { recommendation, ...rest } = outcome;
  const servers = restoredOutcomes(adapter, replaced.raw, restored.raw);
  return {
    ...rest,
    action: 'restore-backup',
    client_id: adapter.id,
    profile_id: profile,
    artifact_id: current.previous_artifact_id,
    previous_artifact_id: current.artifact_id,
    config_path: configPath,
    changes: {
      ...diffPayloads(restored.payload, replaced.payload, {
        base: `backup ${backup.backup_id}`,
        target: configPath,
      }),
      recommendation,
    },
    servers,
    counts: countActions(servers),
    unreadable: restored.skipped,
    warnings: [],
  };
}
