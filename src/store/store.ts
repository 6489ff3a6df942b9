/**
 * @module store/store
 * The one storage contract of the service. Two backends implement it: the home folder (the
 * embedded default, `file-store.ts`) and PostgreSQL (`postgres/`). Every method is async, so no
 * lock wait or query blocks the event loop of a running `serve`.
 *
 * What is NOT in a Store: the signing keys (always in the home folder's `keys/`) and the clients'
 * own config files (always on the local disk of the machine that deploys).
 */
import { z } from 'zod';
import type { Artifact, HistoryEntry } from '../core/schemas/artifact.js';
import type { Draft } from '../core/schemas/draft.js';
import type { StoredFleetReport } from '../core/schemas/fleet.js';
import type { ServerDefinition } from '../core/schemas/registry.js';
import type { Backup, BackupRetention, DeploymentRecord } from './deployments.js';
import type { CreateTokenOptions, TokenInfo } from './tokens.js';

/** One write recorded in the audit trail: who did what to which record. */
export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  /** Token id of the caller over HTTP, or `local:<user>@<host>` for the CLI and stdio MCP. */
  actor: z.string(),
  /** Token name, or the local user name. */
  actor_name: z.string(),
  /** What was done, e.g. `publish`, `token.create`, `deploy`, `rollback`, `draft.update`. */
  action: z.string(),
  /** The record touched, e.g. `claude-desktop/default` or a token id. */
  target: z.string(),
  artifact_id: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).default({}),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type AuditInput = Omit<AuditEntry, 'id' | 'at' | 'details'> & { details?: Record<string, unknown> };

/** Signs a history entry of the profile being published (see workflows/history-seal). */
export type SealEntry = (entry: HistoryEntry) => NonNullable<HistoryEntry['signature']>;

export type DeploymentInput = Omit<DeploymentRecord, 'deployment_id' | 'deployed_at' | 'deployed_by'>;

/** The named settings a Store keeps: the policy in force, and the registry settings. */
export const SETTING_NAMES = ['policy', 'registry'] as const;
export type SettingName = (typeof SETTING_NAMES)[number];

export interface Store {
  /** `file` or `postgres`. */
  readonly kind: 'file' | 'postgres';
  /** Where the data is, safe to print: a folder, or `postgresql://host:port/db` (never a password). */
  readonly location: string;
  /** Connects and applies migrations (PostgreSQL); a no-op for the home folder. `STORE_UNAVAILABLE` when unreachable. */
  open(): Promise<void>;
  close(): Promise<void>;

  // ---- artifacts and profile history ----------------------------------------------------------
  /** The stored artifact (unchecked) for a full id or a unique prefix of 8+ hex, within one profile. */
  loadArtifact(clientId: string, profileId: string, ref: string): Promise<unknown>;
  readHead(clientId: string, profileId: string): Promise<HistoryEntry | null>;
  /** A page of history, newest first. */
  readHistory(clientId: string, profileId: string, limit: number, offset: number): Promise<HistoryEntry[]>;
  /** Profiles of a client that have a publish history, sorted. */
  listPublishedProfiles(clientId: string): Promise<string[]>;
  /**
   * The publish transaction: holding the profile's lock (or row lock), reads the head, lets `build`
   * make the artifact from it (it may throw, e.g. `NO_CHANGES`), stores the artifact and appends its
   * history entry, signed by `seal` when given (the entry has its final `seq` by then). Two
   * publishers on one profile both succeed in some order.
   */
  publish(
    clientId: string,
    profileId: string,
    build: (head: HistoryEntry | null) => Artifact | Promise<Artifact>,
    seal?: SealEntry,
  ): Promise<{ artifact: Artifact; entry: HistoryEntry }>;

  // ---- drafts --------------------------------------------------------------------------------
  readDraft(clientId: string, profileId: string): Promise<Draft>;
  /** Locked read-modify-write: `change` edits the draft in place (and may throw to abort). */
  updateDraft(clientId: string, profileId: string, change: (draft: Draft) => void): Promise<Draft>;
  deleteDraft(clientId: string, profileId: string): Promise<void>;
  listDraftProfiles(clientId: string): Promise<string[]>;

  // ---- deployments and backups ---------------------------------------------------------------
  recordDeployment(record: DeploymentInput): Promise<DeploymentRecord>;
  readDeployment(clientId: string, profileId: string): Promise<DeploymentRecord | null>;
  listDeployments(): Promise<DeploymentRecord[]>;
  /** The log, newest first, optionally for one client/profile. */
  readDeploymentLog(filter?: { client_id?: string; profile_id?: string }): Promise<DeploymentRecord[]>;
  saveBackup(clientId: string, configPath: string, bytes: Buffer | null): Promise<Backup>;
  readBackup(clientId: string, backupId: string): Promise<{ backup: Backup; bytes: Buffer | null }>;
  /**
   * Removes the backups a retention rule selects (`backupsToPrune`), or only finds them with
   * `dryRun`; returns them, oldest first. `saveBackup` applies `{ keep: BACKUPS_KEPT }` to its file.
   */
  pruneBackups(rule: BackupRetention, dryRun?: boolean): Promise<Backup[]>;
  /**
   * The random salt (64 hex) that keys the hashes of the deployment records, made on first need
   * and kept with the records, so every process and machine on this store reads them alike:
   * `hash-salt` (0600) in the store's folder, or a row of the `settings` table in PostgreSQL.
   */
  hashSalt(): Promise<string>;

  // ---- API tokens (stored hashed) ------------------------------------------------------------
  createToken(options?: CreateTokenOptions): Promise<TokenInfo & { token: string }>;
  listTokens(): Promise<TokenInfo[]>;
  revokeToken(id: string): Promise<TokenInfo>;
  /** The token's record, or `UNAUTHORIZED`. */
  verifyToken(presented: string, now?: Date): Promise<TokenInfo>;
  hasActiveToken(now?: Date): Promise<boolean>;
  /**
   * Gives tokens stored before roles existed (no `role`) the admin role they always had, in the
   * store itself; returns how many were changed (0 once done, whichever process did it).
   */
  adoptLegacyTokens(): Promise<number>;

  // ---- user registry servers -----------------------------------------------------------------
  listUserServers(): Promise<ServerDefinition[]>;
  /** Stores a validated definition; `DUPLICATE_SERVER` when it exists and `replace` is not set. */
  putUserServer(def: ServerDefinition, options?: { replace?: boolean }): Promise<ServerDefinition>;
  /** Removes and returns the user server, or null when there is none. */
  removeUserServer(id: string): Promise<ServerDefinition | null>;

  // ---- fleet reports (members' machines, after each sync) --------------------------------------
  /** Keeps the report as the last one of its machine, client and profile. */
  putFleetReport(report: StoredFleetReport): Promise<StoredFleetReport>;
  listFleetReports(): Promise<StoredFleetReport[]>;

  // ---- settings: one JSON value per name, the same for every process on this store -------------
  /** The stored value (unchecked; the caller parses it with its schema), or null when unset. */
  readSetting(name: SettingName): Promise<unknown>;
  /** Replaces the value; null removes it. */
  writeSetting(name: SettingName, value: unknown): Promise<void>;

  // ---- audit trail ---------------------------------------------------------------------------
  appendAudit(entry: AuditInput): Promise<AuditEntry>;
  /** Newest first. */
  listAudit(options?: { limit?: number; offset?: number }): Promise<AuditEntry[]>;
}
