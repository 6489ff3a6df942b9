/**
 * @module store/file-store
 * The home-folder Store: the embedded default. The layout on disk is the one this tool always
 * used (homes made by earlier versions keep working); every write is atomic and locked, and every
 * lock wait is asynchronous.
 */
import type { Artifact, HistoryEntry } from '../core/schemas/artifact.js';
import type { Draft } from '../core/schemas/draft.js';
import type { StoredFleetReport } from '../core/schemas/fleet.js';
import type { ServerDefinition } from '../core/schemas/registry.js';
import { assertArtifactBelongs, loadArtifact, putArtifact } from './artifacts.js';
import * as audit from './audit.js';
import * as deployments from './deployments.js';
import * as drafts from './drafts.js';
import * as fleet from './fleet.js';
import * as settings from './governance.js';
import { hashSalt } from './hash-salt.js';
import type { HomeLayout } from './home.js';
import * as profiles from './profiles.js';
import type { AuditEntry, AuditInput, DeploymentInput, SealEntry, SettingName, Store } from './store.js';
import * as tokens from './tokens.js';
import * as userServers from './user-servers.js';

export class FileStore implements Store {
  readonly kind = 'file' as const;
  readonly location: string;

  constructor(readonly home: HomeLayout) {
    this.location = home.root;
  }

  async open(): Promise<void> {}
  async close(): Promise<void> {}

  // ---- artifacts and profile history ----------------------------------------------------------

  async loadArtifact(clientId: string, profileId: string, ref: string): Promise<unknown> {
    return loadArtifact(this.home, clientId, profileId, ref);
  }

  async readHead(clientId: string, profileId: string): Promise<HistoryEntry | null> {
    return profiles.readHead(this.home, clientId, profileId);
  }

  async readHistory(
    clientId: string,
    profileId: string,
    limit: number,
    offset: number,
  ): Promise<HistoryEntry[]> {
    return profiles.readHistory(this.home, clientId, profileId, limit, offset);
  }

  async listPublishedProfiles(clientId: string): Promise<string[]> {
    return profiles.listPublishedProfiles(this.home, clientId);
  }

  async publish(
    clientId: string,
    profileId: string,
    build: (head: HistoryEntry | null) => Artifact | Promise<Artifact>,
    seal?: SealEntry,
  ): Promise<{ artifact: Artifact; entry: HistoryEntry }> {
    this.home.ensureRoot();
    return profiles.withProfileLock(this.home, clientId, profileId, async () => {
      const head = profiles.readHead(this.home, clientId, profileId);
      const artifact = await build(head);
      assertArtifactBelongs(artifact, clientId, profileId);
      putArtifact(this.home, artifact);
      const entry: HistoryEntry = {
        seq: (head?.seq ?? 0) + 1,
        artifact_id: artifact.artifact_id,
        created_at: artifact.created_at,
        changelog: artifact.metadata.changelog,
        server_count: artifact.metadata.server_count,
        parent_artifact_id: artifact.metadata.parent_artifact_id,
      };
      const sealed = seal ? { ...entry, signature: seal(entry) } : entry;
      profiles.appendHistory(this.home, clientId, profileId, sealed);
      return { artifact, entry: sealed };
    });
  }

  // ---- drafts --------------------------------------------------------------------------------

  async readDraft(clientId: string, profileId: string): Promise<Draft> {
    return drafts.readDraft(this.home, clientId, profileId);
  }

  async updateDraft(clientId: string, profileId: string, change: (draft: Draft) => void): Promise<Draft> {
    this.home.ensureRoot();
    return drafts.updateDraft(this.home, clientId, profileId, change);
  }

  async deleteDraft(clientId: string, profileId: string): Promise<void> {
    return drafts.deleteDraft(this.home, clientId, profileId);
  }

  async listDraftProfiles(clientId: string): Promise<string[]> {
    return drafts.listDraftProfiles(this.home, clientId);
  }

  // ---- deployments and backups ---------------------------------------------------------------

  async recordDeployment(record: DeploymentInput): Promise<deployments.DeploymentRecord> {
    this.home.ensureRoot();
    return deployments.recordDeployment(this.home, record);
  }

  async readDeployment(clientId: string, profileId: string): Promise<deployments.DeploymentRecord | null> {
    return deployments.readDeployment(this.home, clientId, profileId);
  }

  async listDeployments(): Promise<deployments.DeploymentRecord[]> {
    return deployments.listDeployments(this.home);
  }

  async readDeploymentLog(filter?: {
    client_id?: string;
    profile_id?: string;
  }): Promise<deployments.DeploymentRecord[]> {
    return deployments.readDeploymentLog(this.home, filter);
  }

  async saveBackup(clientId: string, configPath: string, bytes: Buffer | null): Promise<deployments.Backup> {
    this.home.ensureRoot();
    return deployments.saveBackup(this.home, clientId, configPath, bytes);
  }

  async readBackup(
    clientId: string,
    backupId: string,
  ): Promise<{ backup: deployments.Backup; bytes: Buffer | null }> {
    return deployments.readBackup(this.home, clientId, backupId);
  }

  async pruneBackups(rule: deployments.BackupRetention, dryRun = false): Promise<deployments.Backup[]> {
    return deployments.pruneBackups(this.home, rule, dryRun);
  }

  // ---- API tokens ----------------------------------------------------------------------------

  async createToken(options?: tokens.CreateTokenOptions): Promise<tokens.TokenInfo & { token: string }> {
    return tokens.createToken(this.home, options);
  }

  async listTokens(): Promise<tokens.TokenInfo[]> {
    return tokens.listTokens(this.home);
  }

  async revokeToken(id: string): Promise<tokens.TokenInfo> {
    return tokens.revokeToken(this.home, id);
  }

  async verifyToken(presented: string, now?: Date): Promise<tokens.TokenInfo> {
    return tokens.verifyToken(this.home, presented, now);
  }

  async hasActiveToken(now?: Date): Promise<boolean> {
    return tokens.hasActiveToken(this.home, now);
  }

  async adoptLegacyTokens(): Promise<number> {
    return tokens.adoptLegacyTokens(this.home);
  }

  // ---- user registry servers -----------------------------------------------------------------

  async listUserServers(): Promise<ServerDefinition[]> {
    return userServers.listUserServers(this.home);
  }

  async putUserServer(def: ServerDefinition, options?: { replace?: boolean }): Promise<ServerDefinition> {
    this.home.ensureRoot();
    return userServers.putUserServer(this.home, def, options);
  }

  async removeUserServer(id: string): Promise<ServerDefinition | null> {
    return userServers.removeUserServer(this.home, id);
  }

  // ---- fleet reports -------------------------------------------------------------------------

  async putFleetReport(report: StoredFleetReport): Promise<StoredFleetReport> {
    this.home.ensureRoot();
    return fleet.putFleetReport(this.home, report);
  }

  async listFleetReports(): Promise<StoredFleetReport[]> {
    return fleet.listFleetReports(this.home);
  }

  async hashSalt(): Promise<string> {
    return hashSalt(this.home);
  }

  // ---- settings ------------------------------------------------------------------------------

  async readSetting(name: SettingName): Promise<unknown> {
    return settings.readSettingFile(this.home, name);
  }

  async writeSetting(name: SettingName, value: unknown): Promise<void> {
    this.home.ensureRoot();
    settings.writeSettingFile(this.home, name, value);
  }

  // ---- audit trail ---------------------------------------------------------------------------

  async appendAudit(entry: AuditInput): Promise<AuditEntry> {
    return audit.appendAudit(this.home, entry);
  }

  async listAudit(options?: { limit?: number; offset?: number }): Promise<AuditEntry[]> {
    return audit.listAudit(this.home, options);
  }
}
