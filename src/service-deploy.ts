/**
 * @module service-deploy
 * The Orchestrator's operations on real client config files: clients, deploy, status, rollback,
 * import and the one-shot add. Kept apart from service.ts only for size; front doors call them
 * on the Orchestrator like every other operation.
 */

import {
  assertClientId,
  assertClientIds,
  type ClientAdapter,
  getAdapter,
  listAdapters,
  type PathContext,
  type Scope,
} from './clients/index.js';
import { sha256Hex } from './core/canonical.js';
import { OrchestrationError, toOrchestrationError } from './core/errors.js';
import { assertId } from './core/ids.js';
import type { Artifact } from './core/schemas/artifact.js';
import type {
  ClientInfo,
  DeployManyResult,
  DeployResult,
  ImportResult,
  StatusEntry,
} from './core/schemas/deploy.js';
import type { DiffResult } from './core/schemas/diff.js';
import {
  DeployInput,
  DeployManyInput,
  type DraftAddInput,
  ImportInput,
  type In,
  RollbackInput,
  StatusInput,
  type TargetInput,
} from './core/schemas/operations.js';
import type { Payload } from './core/schemas/payload.js';
import type { ValidationResult } from './core/schemas/validation.js';
import { loadVerificationKeys } from './crypto/keys.js';
import { clientFileExists, editClientFile, readClientBytes } from './store/client-file.js';
import {
  type DeploymentRecord,
  listDeployments,
  managedInFile,
  managedServersOf,
  readBackup,
  readDeployment,
  readDeploymentLog,
  recordDeployment,
  saveBackup,
} from './store/deployments.js';
import type { HomeLayout } from './store/home.js';
import { listPublishedProfiles, readHead } from './store/profiles.js';
import { verifyArtifact } from './workflows/artifact.js';
import {
  type DeployOutcome,
  deployArtifact,
  detectDrift,
  diffAgainstFile,
  hashServers,
  readNeutralServers,
  resolveClientPath,
} from './workflows/deploy.js';
import { diffPayloads } from './workflows/diff.js';
import { assertPruneConfirmed, restoredOutcomes } from './workflows/managed.js';
import { invalidConfig } from './workflows/validate.js';

export type { ClientInfo, DeployResult, StatusEntry };

interface DraftViewLike {
  payload: Payload;
  server_count: number;
}

/** What the deploy operations need from the Orchestrator. */
export abstract class DeployOperations {
  abstract readonly home: HomeLayout;
  abstract readonly env: NodeJS.ProcessEnv;
  abstract readonly paths: PathContext;
  abstract get(input: { client_id?: string; profile_id?: string; artifact_id?: string }): Artifact;
  abstract draftShow(input: In<typeof TargetInput>): DraftViewLike;
  abstract draftReplace(
    clientId: string,
    profileId: string,
    payload: Payload,
    merge?: boolean,
  ): DraftViewLike;
  abstract draftAdd(input: In<typeof DraftAddInput>): DraftViewLike & { added: string };
  abstract validate(input: In<typeof TargetInput>): ValidationResult;
  abstract publish(input: In<typeof TargetInput> & { changelog?: string }): { artifact_id: string };

  /** Every supported client, with its config path on this machine and whether the file exists. */
  listClients(): { clients: ClientInfo[] } {
    return {
      clients: listAdapters().map((adapter) => {
        const path = resolveClientPath(adapter, this.paths, 'user');
        return {
          client_id: adapter.id,
          name: adapter.name,
          format: adapter.format,
          scopes: adapter.scopes,
          transports: adapter.transports,
          config_path: path,
          exists: clientFileExists(path),
          project_path: adapter.scopes.includes('project') ? adapter.configPath(this.paths, 'project') : null,
          profiles: listPublishedProfiles(this.home, adapter.id),
          docs: adapter.docs,
        };
      }),
    };
  }

  private adapterFor(clientId: string): ClientAdapter {
    return getAdapter(assertClientId(clientId));
  }

  /** Writes one artifact into one client's file and logs it. */
  private deployTo(
    adapter: ClientAdapter,
    artifact: Artifact,
    opts: {
      profile: string;
      path?: string | undefined;
      scope: Scope;
      dryRun: boolean;
      action: DeployResult['action'];
      wrapWindowsCmd?: boolean;
      prune?: boolean;
      adopt?: boolean;
      yes?: boolean;
    },
  ): DeployResult {
    assertPruneConfirmed(opts);
    const configPath = resolveClientPath(adapter, this.paths, opts.scope, opts.path);
    const previous = readDeployment(this.home, adapter.id, opts.profile);
    const outcome: DeployOutcome = deployArtifact({
      adapter,
      artifact,
      configPath,
      keys: loadVerificationKeys(this.home),
      env: this.env,
      ctx: this.paths,
      dryRun: opts.dryRun,
      wrapWindowsCmd: opts.wrapWindowsCmd ?? false,
      managed: managedInFile(this.home, adapter.id, opts.profile, configPath),
      prune: opts.prune ?? false,
      adopt: opts.adopt ?? false,
      backup: (bytes) => saveBackup(this.home, adapter.id, configPath, bytes),
      home: this.home,
    });
    let record: DeploymentRecord | null = null;
    const sameAsRecorded =
      previous?.artifact_id === artifact.artifact_id &&
      previous.config_path === configPath &&
      previous.managed_servers !== undefined &&
      outcome.status === 'unchanged';
    if (outcome.status !== 'dry-run' && !sameAsRecorded) {
      record = recordDeployment(this.home, {
        action: opts.action,
        client_id: adapter.id,
        profile_id: opts.profile,
        source_client_id: artifact.client_id,
        artifact_id: artifact.artifact_id,
        previous_artifact_id: previous?.artifact_id ?? null,
        config_path: configPath,
        scope: opts.scope,
        backup_id: outcome.backup?.backup_id ?? null,
        server_hashes: outcome.server_hashes,
        file_sha256: outcome.file_sha256,
        managed_servers: outcome.managed_servers,
      });
    }
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
      managed_servers: outcome.managed_servers,
      unreadable: outcome.unreadable,
      warnings: outcome.warnings,
    };
  }

  deploy(input: In<typeof DeployInput>): DeployResult {
    const parsed = DeployInput.parse(input);
    const adapter = this.adapterFor(parsed.client_id);
    const profile = assertId('profile', parsed.profile_id);
    if (!parsed.artifact_id && readHead(this.home, adapter.id, profile) === null) {
      // A common slip: publishing for the default client, then deploying to another one.
      const elsewhere = listAdapters().find(
        (a) => a.id !== adapter.id && readHead(this.home, a.id, profile) !== null,
      );
      if (elsewhere) {
        throw new OrchestrationError(
          'PROFILE_NOT_FOUND',
          `Nothing published for ${adapter.id}/${profile}. To deploy the ${elsewhere.id}/${profile} config to ${adapter.name}, run "mcp-orchestration deploy --client ${elsewhere.id} --profile ${profile} --clients ${adapter.id}".`,
          { client_id: adapter.id, profile_id: profile, published_for: elsewhere.id },
        );
      }
    }
    const artifact = this.get({
      client_id: adapter.id,
      profile_id: profile,
      ...(parsed.artifact_id ? { artifact_id: parsed.artifact_id } : {}),
    });
    return this.deployTo(adapter, artifact, {
      profile,
      path: parsed.path,
      scope: parsed.scope,
      dryRun: parsed.dry_run,
      wrapWindowsCmd: parsed.wrap_windows_cmd,
      prune: parsed.prune,
      adopt: parsed.adopt,
      yes: parsed.yes,
      action: 'deploy',
    });
  }

  /** One profile to several clients, each translated and backed up; one failure does not stop the rest. */
  deployMany(input: In<typeof DeployManyInput>): DeployManyResult {
    const parsed = DeployManyInput.parse(input);
    const source = assertClientId(parsed.source_client_id);
    // The whole list is checked before anything is written: a typo must not leave half a deploy.
    const targets = assertClientIds(parsed.clients);
    const profile = assertId('profile', parsed.profile_id);
    assertPruneConfirmed({ prune: parsed.prune, dryRun: parsed.dry_run, yes: parsed.yes });
    const artifact = this.get({
      client_id: source,
      profile_id: profile,
      ...(parsed.artifact_id ? { artifact_id: parsed.artifact_id } : {}),
    });
    const deployed: DeployResult[] = [];
    const failed: Array<{ client_id: string; error: { code: string; message: string } }> = [];
    for (const clientId of targets) {
      try {
        const adapter = this.adapterFor(clientId);
        deployed.push(
          this.deployTo(adapter, artifact, {
            profile,
            scope: parsed.scope,
            dryRun: parsed.dry_run,
            wrapWindowsCmd: parsed.wrap_windows_cmd,
            prune: parsed.prune,
            adopt: parsed.adopt,
            yes: parsed.yes,
            action: 'deploy',
          }),
        );
      } catch (err) {
        const e = err instanceof OrchestrationError ? err : toOrchestrationError(err);
        failed.push({ client_id: clientId, error: { code: e.code, message: e.message } });
      }
    }
    return { deployed, failed };
  }

  /** Per client and profile: the deployed artifact and whether the file still holds it. */
  status(input: In<typeof StatusInput> = {}): { entries: StatusEntry[] } {
    const parsed = StatusInput.parse(input);
    const client = parsed.client_id === undefined ? undefined : assertClientId(parsed.client_id);
    const profile = parsed.profile_id === undefined ? undefined : assertId('profile', parsed.profile_id);
    const records = listDeployments(this.home).filter(
      (r) => (!client || r.client_id === client) && (!profile || r.profile_id === profile),
    );
    const entries: StatusEntry[] = records.map((r) => this.statusOf(r));
    if (client && entries.length === 0) {
      const profileId = profile ?? 'default';
      const head = readHead(this.home, client, profileId);
      entries.push({
        client_id: client,
        profile_id: profileId,
        state: 'not-deployed',
        artifact_id: null,
        head_artifact_id: head?.artifact_id ?? null,
        head_is_deployed: false,
        config_path: resolveClientPath(this.adapterFor(client), this.paths, 'user'),
        deployed_at: null,
        missing_file: false,
        drift: null,
      });
    }
    return { entries };
  }

  private statusOf(record: DeploymentRecord): StatusEntry {
    const adapter = this.adapterFor(record.client_id);
    const head = readHead(this.home, record.source_client_id, record.profile_id);
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
      payload = this.get({
        client_id: record.source_client_id,
        profile_id: record.profile_id,
        artifact_id: record.artifact_id,
      }).payload;
    }
    try {
      const drift = detectDrift(adapter, record.config_path, record.server_hashes, payload);
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

  /** Deploys the previous artifact (or `to`) again, or restores the bytes saved before the last deploy. */
  rollback(input: In<typeof RollbackInput>): DeployResult {
    const parsed = RollbackInput.parse(input);
    const adapter = this.adapterFor(parsed.client_id);
    const profile = assertId('profile', parsed.profile_id);
    const current = readDeployment(this.home, adapter.id, profile);
    if (!current) {
      throw new OrchestrationError(
        'NOT_DEPLOYED',
        `Nothing was deployed for ${adapter.id}/${profile}, so there is nothing to roll back. Run "deploy" first.`,
        { client_id: adapter.id, profile_id: profile },
      );
    }
    if (parsed.restore_backup) return this.restoreBackup(adapter, profile, current, parsed.path);
    const source = current.source_client_id;
    const target = parsed.to ?? this.previousArtifact(current);
    const artifact = this.get({ client_id: source, profile_id: profile, artifact_id: target });
    return this.deployTo(adapter, artifact, {
      profile,
      path: parsed.path ?? current.config_path,
      scope: current.scope,
      dryRun: false,
      action: 'rollback',
    });
  }

  private previousArtifact(current: DeploymentRecord): string {
    const log = readDeploymentLog(this.home, {
      client_id: current.client_id,
      profile_id: current.profile_id,
    });
    const earlier = log.find((r) => r.artifact_id !== null && r.artifact_id !== current.artifact_id);
    if (earlier?.artifact_id) return earlier.artifact_id;
    const parent = current.artifact_id
      ? this.get({
          client_id: current.source_client_id,
          profile_id: current.profile_id,
          artifact_id: current.artifact_id,
        }).metadata.parent_artifact_id
      : null;
    if (parent) return parent;
    throw new OrchestrationError(
      'ARTIFACT_NOT_FOUND',
      `No earlier artifact to roll back to for ${current.client_id}/${current.profile_id}. Use --to ID or --restore-backup.`,
    );
  }

  private restoreBackup(
    adapter: ClientAdapter,
    profile: string,
    current: DeploymentRecord,
    path?: string,
  ): DeployResult {
    if (!current.backup_id) {
      throw new OrchestrationError(
        'BACKUP_NOT_FOUND',
        `The last deploy of ${adapter.id}/${profile} did not change the file, so no backup was kept. Use "rollback" without --restore-backup.`,
      );
    }
    const { backup, bytes } = readBackup(this.home, adapter.id, current.backup_id);
    const configPath = path ?? backup.config_path;
    let saved: string | null = null;
    const outcome = editClientFile(
      this.home,
      configPath,
      () => bytes ?? Buffer.alloc(0),
      (old) => {
        saved = saveBackup(this.home, adapter.id, configPath, old).backup_id;
      },
    );
    const restored = readNeutralServers(adapter, bytes);
    const replaced = readNeutralServers(adapter, outcome.before);
    // The restored file holds what the deploy before the current one managed.
    const earlier = readDeploymentLog(this.home, { client_id: adapter.id, profile_id: profile }).find(
      (r) => r.deployment_id !== current.deployment_id && r.config_path === configPath,
    );
    const managedNow = (earlier ? managedServersOf(earlier) : []).filter((n) =>
      Object.hasOwn(restored.raw, n),
    );
    const record = recordDeployment(this.home, {
      action: 'restore-backup',
      client_id: adapter.id,
      profile_id: profile,
      source_client_id: current.source_client_id,
      artifact_id: current.previous_artifact_id,
      previous_artifact_id: current.artifact_id,
      config_path: configPath,
      scope: current.scope,
      backup_id: saved,
      server_hashes: hashServers(adapter, Object.fromEntries(managedNow.map((n) => [n, restored.raw[n]]))),
      file_sha256: sha256Hex(outcome.after),
      managed_servers: managedNow,
    });
    return {
      status: outcome.changed ? 'deployed' : 'unchanged',
      action: 'restore-backup',
      client_id: adapter.id,
      profile_id: profile,
      artifact_id: current.previous_artifact_id,
      previous_artifact_id: current.artifact_id,
      config_path: configPath,
      backup_id: saved,
      deployment_id: record.deployment_id,
      changes: {
        ...diffPayloads(restored.payload, readNeutralServers(adapter, outcome.before).payload, {
          base: `backup ${backup.backup_id}`,
          target: configPath,
        }),
        recommendation: `Restored ${configPath} byte for byte from backup ${backup.backup_id}; the bytes it replaced are in backup ${saved ?? '(none: nothing changed)'}.`,
      },
      servers: restoredOutcomes(adapter, replaced.raw, restored.raw),
      managed_servers: managedNow,
      unreadable: restored.skipped,
      warnings: [],
    };
  }

  /** Reads a client's existing config file into the draft (merged: same names are replaced). */
  importConfig({ replace, ...input }: In<typeof ImportInput> & { replace?: boolean }): ImportResult {
    const parsed = ImportInput.parse(input);
    const adapter = this.adapterFor(parsed.client_id);
    const profile = assertId('profile', parsed.profile_id);
    let configPath = resolveClientPath(adapter, this.paths, parsed.scope, parsed.path);
    let bytes = readClientBytes(configPath);
    let reader = adapter;
    if (bytes === null && parsed.path === undefined && parsed.scope === 'user') {
      // An older version of the client kept its servers elsewhere: adopt them from there.
      for (const legacy of adapter.legacyFiles?.(this.paths) ?? []) {
        const legacyBytes = readClientBytes(legacy.path);
        const { detectServersKey: _ignored, ...base } = adapter;
        const legacyAdapter: ClientAdapter = { ...base, serversKey: legacy.serversKey };
        if (
          legacyBytes !== null &&
          Object.keys(readNeutralServers(legacyAdapter, legacyBytes).raw).length > 0
        ) {
          [configPath, bytes, reader] = [legacy.path, legacyBytes, legacyAdapter];
          break;
        }
      }
    }
    if (bytes === null) {
      throw new OrchestrationError(
        'FILE_NOT_FOUND',
        `No ${adapter.name} config at ${configPath}. Give the file with --path.`,
        {
          path: configPath,
        },
      );
    }
    const { payload, skipped, warnings } = readNeutralServers(reader, bytes);
    const draft = this.draftReplace(adapter.id, profile, payload, !replace);
    return {
      client_id: adapter.id,
      profile_id: profile,
      config_path: configPath,
      imported: Object.keys(payload.mcpServers),
      skipped,
      warnings,
      server_count: draft.server_count,
      payload: draft.payload,
    };
  }

  /** Imports every client config found on this machine into its client's draft. */
  importAll(profileId = 'default'): {
    imported: Array<{ client_id: string; config_path: string; servers: string[] }>;
    failed: Array<{ client_id: string; error: string }>;
  } {
    const imported: Array<{ client_id: string; config_path: string; servers: string[] }> = [];
    const failed: Array<{ client_id: string; error: string }> = [];
    for (const client of this.listClients().clients.filter((c) => c.exists)) {
      try {
        const r = this.importConfig({ client_id: client.client_id, profile_id: profileId });
        imported.push({ client_id: client.client_id, config_path: r.config_path, servers: r.imported });
      } catch (err) {
        failed.push({ client_id: client.client_id, error: (err as Error).message });
      }
    }
    return { imported, failed };
  }

  /**
   * One shot: add a registry server to the client's config. On first use the client's existing
   * servers are imported first, so nothing the user had is lost; then validate, publish, deploy.
   */
  addServer(
    input: In<typeof DraftAddInput> & {
      changelog?: string | undefined;
      path?: string | undefined;
      dry_run?: boolean;
    },
  ): DeployResult & {
    added: string;
    adopted: string[];
  } {
    const clientId = assertClientId(input.client_id ?? 'claude-desktop');
    const profile = assertId('profile', input.profile_id ?? 'default');
    const adopted: string[] = [];
    const neverPublished = readHead(this.home, clientId, profile) === null;
    if (neverPublished && this.draftShow({ client_id: clientId, profile_id: profile }).server_count === 0) {
      const configPath = resolveClientPath(this.adapterFor(clientId), this.paths, 'user', input.path);
      if (readClientBytes(configPath) !== null) {
        adopted.push(
          ...this.importConfig({
            client_id: clientId,
            profile_id: profile,
            ...(input.path ? { path: input.path } : {}),
          }).imported,
        );
      }
    }
    const { changelog: _changelog, path: _path, dry_run: _dryRun, ...draftInput } = input;
    const { added } = this.draftAdd({ ...draftInput, client_id: clientId, profile_id: profile });
    const validation = this.validate({ client_id: clientId, profile_id: profile });
    if (!validation.valid) {
      throw invalidConfig(validation, `"${added}" was added to the draft, but the draft does not validate:`);
    }
    this.publish({
      client_id: clientId,
      profile_id: profile,
      changelog: input.changelog ?? `add ${input.server_id}`,
    });
    const result = this.deploy({
      client_id: clientId,
      profile_id: profile,
      dry_run: input.dry_run ?? false,
      ...(input.path ? { path: input.path } : {}),
    });
    return { ...result, added, adopted };
  }
}

/** `diff --deployed`: the head against the client's file as it is now (the drift engine's answer). */
export function deployedDiff(
  svc: DeployOperations,
  clientId: string,
  profileId: string,
  head: Artifact,
  path?: string,
): DiffResult {
  const adapter = getAdapter(clientId);
  const record = readDeployment(svc.home, clientId, profileId);
  const configPath = path ?? record?.config_path ?? resolveClientPath(adapter, svc.paths, 'user');
  verifyArtifact(head, loadVerificationKeys(svc.home));
  const sameFile = record !== null && record.config_path === configPath;
  const deployedPayload =
    sameFile && record.artifact_id
      ? svc.get({
          client_id: record.source_client_id,
          profile_id: record.profile_id,
          artifact_id: record.artifact_id,
        }).payload
      : undefined;
  return diffAgainstFile({
    adapter,
    configPath,
    head,
    managed: managedInFile(svc.home, clientId, profileId, configPath),
    env: svc.env,
    platform: svc.paths.platform,
    deployed:
      deployedPayload && record ? { payload: deployedPayload, hashes: record.server_hashes } : undefined,
  });
}
