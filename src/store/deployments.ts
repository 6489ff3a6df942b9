/**
 * @module store/deployments
 * The deployment log (append-only `deployments/log.jsonl`), the current deployment of each client
 * and profile (`deployments/<client>/<profile>.json`) and byte-exact backups of client files
 * (`backups/<client>/<time>-<hash>.bak` + `.json` metadata).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { sha256Hex } from '../core/canonical.js';
import { OrchestrationError } from '../core/errors.js';
import { assertId } from '../core/ids.js';
import { appendLine, removeFileDurably, writeFileAtomic, writeJsonAtomic } from './atomic.js';
import type { HomeLayout } from './home.js';
import { withLock } from './lock.js';

export const DeploymentRecordSchema = z.object({
  deployment_id: z.string(),
  action: z.enum(['deploy', 'rollback', 'restore-backup']),
  client_id: z.string(),
  profile_id: z.string(),
  /** The client whose profile the artifact was published in (deploy --clients can cross clients). */
  source_client_id: z.string(),
  artifact_id: z.string().nullable(),
  previous_artifact_id: z.string().nullable(),
  config_path: z.string(),
  scope: z.enum(['user', 'project']).default('user'),
  backup_id: z.string().nullable(),
  deployed_at: z.string(),
  deployed_by: z.string(),
  /**
   * Hash of each server entry exactly as written, to detect drift without storing secrets:
   * HMAC-SHA256 keyed with the store's salt when `hash_salt` is `store`, else (older records) SHA-256.
   */
  server_hashes: z.record(z.string(), z.string()),
  /** Hash of the whole file as written (salted as `server_hashes` are). */
  file_sha256: z.string().nullable(),
  /** `store`: the hashes are keyed with the store's salt (`Store.hashSalt`). Absent in older records. */
  hash_salt: z.literal('store').optional(),
  /**
   * Names of the servers this tool wrote into the file and manages there: a later deploy may
   * update or remove these, and no others (unless pruning). Absent in records written before
   * managed servers existed; see {@link managedServersOf}.
   */
  managed_servers: z.array(z.string()).optional(),
  /**
   * The `${env:NAME}` references this deploy wrote as values (clients that cannot expand variables),
   * as salted SHA-256 hashes: an import recognises such a value and reads it back as the reference,
   * so a resolved secret never becomes a literal in a profile. The values are never stored.
   */
  resolved_refs: z
    .object({ salt: z.string(), refs: z.array(z.object({ name: z.string(), hash: z.string() })) })
    .optional(),
});
export type DeploymentRecord = z.infer<typeof DeploymentRecordSchema>;

export const BackupSchema = z.object({
  backup_id: z.string(),
  client_id: z.string(),
  config_path: z.string(),
  created_at: z.string(),
  /** false: the file did not exist before the write; restoring removes it. */
  existed: z.boolean(),
  sha256: z.string().nullable(),
  size: z.number().int(),
});
export type Backup = z.infer<typeof BackupSchema>;

const logFile = (home: HomeLayout) => join(home.deploymentsDir, 'log.jsonl');
const stateFile = (home: HomeLayout, c: string, p: string) =>
  join(home.deploymentsDir, assertId('client', c), `${assertId('profile', p)}.json`);

export function whoAmI(): string {
  try {
    return `${userInfo().username}@${hostname()}`;
  } catch {
    return `unknown@${hostname()}`;
  }
}

/** A record with its id, time and author filled in (every store makes them the same way). */
export function newDeploymentRecord(
  record: Omit<DeploymentRecord, 'deployment_id' | 'deployed_at' | 'deployed_by'>,
): DeploymentRecord {
  return {
    deployment_id: `dep_${Date.now().toString(36)}${randomBytes(4).toString('hex')}`,
    deployed_at: new Date().toISOString(),
    deployed_by: whoAmI(),
    ...record,
  };
}

/** Records a deployment: appended to the log and made the current state of its client/profile. */
export async function recordDeployment(
  home: HomeLayout,
  record: Omit<DeploymentRecord, 'deployment_id' | 'deployed_at' | 'deployed_by'>,
): Promise<DeploymentRecord> {
  const full = newDeploymentRecord(record);
  await withLock(join(home.deploymentsDir, '.lock'), () => {
    appendLine(logFile(home), JSON.stringify(full));
    writeJsonAtomic(stateFile(home, full.client_id, full.profile_id), full, { mode: 0o600 });
  });
  return full;
}

/**
 * The servers a record says this tool manages. A record from before `managed_servers` existed
 * holds a hash for exactly the servers of the artifact it deployed (deploys then wrote the whole
 * server section), so those are the managed ones.
 */
export function managedServersOf(record: DeploymentRecord): string[] {
  return record.managed_servers ?? Object.keys(record.server_hashes);
}

export function readDeployment(
  home: HomeLayout,
  clientId: string,
  profileId: string,
): DeploymentRecord | null {
  const path = stateFile(home, clientId, profileId);
  if (!existsSync(path)) return null;
  const parsed = DeploymentRecordSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  return parsed.success ? parsed.data : null;
}

/** Every client/profile with a current deployment. */
export function listDeployments(home: HomeLayout): DeploymentRecord[] {
  if (!existsSync(home.deploymentsDir)) return [];
  const out: DeploymentRecord[] = [];
  for (const client of readdirSync(home.deploymentsDir, { withFileTypes: true })) {
    if (!client.isDirectory()) continue;
    for (const file of readdirSync(join(home.deploymentsDir, client.name))) {
      if (!file.endsWith('.json')) continue;
      const record = readDeployment(home, client.name, file.slice(0, -5));
      if (record) out.push(record);
    }
  }
  return out.sort((a, b) => `${a.client_id}/${a.profile_id}`.localeCompare(`${b.client_id}/${b.profile_id}`));
}

/** The log, newest first, optionally for one client/profile. */
export function readDeploymentLog(
  home: HomeLayout,
  filter: { client_id?: string; profile_id?: string } = {},
): DeploymentRecord[] {
  if (!existsSync(logFile(home))) return [];
  return readFileSync(logFile(home), 'utf8')
    .split('\n')
    .flatMap((line) => {
      try {
        const parsed = DeploymentRecordSchema.safeParse(JSON.parse(line));
        return parsed.success ? [parsed.data] : [];
      } catch {
        return [];
      }
    })
    .filter(
      (r) =>
        (!filter.client_id || r.client_id === filter.client_id) &&
        (!filter.profile_id || r.profile_id === filter.profile_id),
    )
    .reverse();
}

const backupDir = (home: HomeLayout, clientId: string) => join(home.backupsDir, assertId('client', clientId));

/** The metadata of a new backup of `bytes` (null: the file did not exist). */
export function newBackup(clientId: string, configPath: string, bytes: Buffer | null): Backup {
  const created = new Date();
  return {
    backup_id: `${created.toISOString().replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}`,
    client_id: assertId('client', clientId),
    config_path: configPath,
    created_at: created.toISOString(),
    existed: bytes !== null,
    sha256: bytes === null ? null : sha256Hex(bytes),
    size: bytes?.length ?? 0,
  };
}

/** Refuses a malformed backup id (`INVALID_ID`) before it is used in a path or a query. */
export function assertBackupId(backupId: string): string {
  if (!/^[0-9TZ]+-[0-9a-f]{6}$/.test(backupId)) {
    throw new OrchestrationError('INVALID_ID', `Invalid backup id "${String(backupId).slice(0, 80)}".`);
  }
  return backupId;
}

export function backupNotFound(clientId: string, backupId: string): OrchestrationError {
  return new OrchestrationError('BACKUP_NOT_FOUND', `No backup "${backupId}" for ${clientId}.`, {
    backup_id: backupId,
  });
}

/** Saves the bytes of a client file (or that it did not exist) before it is changed. */
export function saveBackup(
  home: HomeLayout,
  clientId: string,
  configPath: string,
  bytes: Buffer | null,
): Backup {
  const backup = newBackup(clientId, configPath, bytes);
  const dir = backupDir(home, clientId);
  if (bytes !== null) writeFileAtomic(join(dir, `${backup.backup_id}.bak`), bytes, { mode: 0o600 });
  writeJsonAtomic(join(dir, `${backup.backup_id}.json`), backup, { mode: 0o600 });
  pruneBackups(home, { keep: BACKUPS_KEPT, client_id: backup.client_id, config_path: configPath });
  return backup;
}

/** Backups kept of each client file after every new one; `backups prune` removes more on request. */
export const BACKUPS_KEPT = 20;

/** Which backups to remove: beyond the newest `keep` of each client file, or older than `older_than_ms`. */
export interface BackupRetention {
  keep?: number;
  older_than_ms?: number;
  /** Only the backups of this client (and of this file of it). */
  client_id?: string;
  config_path?: string;
}

/**
 * The backups a retention rule removes, oldest first. Pure, so every store prunes alike.
 * @example backupsToPrune(all, { keep: 20 }) // all but the newest 20 of each client file
 */
export function backupsToPrune(backups: Backup[], rule: BackupRetention, now = Date.now()): Backup[] {
  const newestFirst = backups
    .filter(
      (b) =>
        (rule.client_id === undefined || b.client_id === rule.client_id) &&
        (rule.config_path === undefined || b.config_path === rule.config_path),
    )
    .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.backup_id.localeCompare(a.backup_id));
  const seen = new Map<string, number>();
  const doomed = newestFirst.filter((b) => {
    const file = `${b.client_id}\u0000${b.config_path}`;
    const rank = (seen.get(file) ?? 0) + 1;
    seen.set(file, rank);
    const tooMany = rule.keep !== undefined && rank > rule.keep;
    const tooOld = rule.older_than_ms !== undefined && now - Date.parse(b.created_at) > rule.older_than_ms;
    return tooMany || tooOld;
  });
  return doomed.reverse();
}

/** Every backup's metadata (unreadable ones are left alone). */
export function listBackups(home: HomeLayout, clientId?: string): Backup[] {
  const dirs = clientId === undefined ? readdirOrEmpty(home.backupsDir) : [assertId('client', clientId)];
  return dirs.flatMap((client) =>
    readdirOrEmpty(join(home.backupsDir, client))
      .filter((name) => name.endsWith('.json'))
      .flatMap((name) => {
        try {
          const parsed = BackupSchema.safeParse(
            JSON.parse(readFileSync(join(home.backupsDir, client, name), 'utf8')),
          );
          return parsed.success && parsed.data.client_id === client ? [parsed.data] : [];
        } catch {
          return [];
        }
      }),
  );
}

function readdirOrEmpty(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Removes (or with `dryRun` only finds) the backups a retention rule removes; returns them. */
export function pruneBackups(home: HomeLayout, rule: BackupRetention, dryRun = false): Backup[] {
  const doomed = backupsToPrune(listBackups(home, rule.client_id), rule);
  if (dryRun) return doomed;
  for (const backup of doomed) {
    const dir = backupDir(home, backup.client_id);
    // The metadata first: killed in between, no listed backup is left without its bytes.
    removeFileDurably(join(dir, `${backup.backup_id}.json`));
    removeFileDurably(join(dir, `${backup.backup_id}.bak`));
  }
  return doomed;
}

export function readBackup(
  home: HomeLayout,
  clientId: string,
  backupId: string,
): { backup: Backup; bytes: Buffer | null } {
  assertBackupId(backupId);
  const meta = join(backupDir(home, clientId), `${backupId}.json`);
  if (!existsSync(meta)) throw backupNotFound(clientId, backupId);
  const backup = BackupSchema.parse(JSON.parse(readFileSync(meta, 'utf8')));
  const bytes = backup.existed ? readFileSync(join(backupDir(home, clientId), `${backupId}.bak`)) : null;
  return { backup, bytes };
}
