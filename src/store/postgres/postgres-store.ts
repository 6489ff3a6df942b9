/**
 * @module store/postgres/postgres-store
 * The Store over PostgreSQL (through `pg`), for a team hub whose `serve` replicas share one
 * database. Same contract, error codes and ids as the home folder. Publish is one transaction
 * holding the profile row's lock (`SELECT ... FOR UPDATE`), so publishers on several processes
 * take turns and every publish lands on the head the previous one left. Records whose shape grows
 * are JSONB (json for the signed artifacts, kept exactly as stored) and are parsed with the same
 * zod schemas as the files on read.
 */
import pg from 'pg';
import { OrchestrationError } from '../../core/errors.js';
import { assertId, parseArtifactRef } from '../../core/ids.js';
import { type Artifact, type HistoryEntry, HistoryEntrySchema } from '../../core/schemas/artifact.js';
import { type Draft, DraftSchema } from '../../core/schemas/draft.js';
import { FleetReportSchema, type StoredFleetReport } from '../../core/schemas/fleet.js';
import { type ServerDefinition, ServerDefinitionSchema } from '../../core/schemas/registry.js';
import { ambiguousArtifact, artifactNotFound, assertArtifactBelongs } from '../artifacts.js';
import { newAuditEntry } from '../audit.js';
import {
  assertBackupId,
  BACKUPS_KEPT,
  type Backup,
  type BackupRetention,
  BackupSchema,
  backupNotFound,
  backupsToPrune,
  type DeploymentRecord,
  DeploymentRecordSchema,
  newBackup,
  newDeploymentRecord,
} from '../deployments.js';
import { emptyDraft } from '../drafts.js';
import { checkHashSalt, newHashSalt } from '../hash-salt.js';
import type { AuditEntry, AuditInput, DeploymentInput, SealEntry, SettingName, Store } from '../store.js';
import { AuditEntrySchema } from '../store.js';
import {
  type CreateTokenOptions,
  hashToken,
  isTokenExpired,
  LAST_USED_RESOLUTION_MS,
  newTokenRecord,
  TOKEN_PREFIX,
  type TokenInfo,
  type TokenRecord,
  TokenRecordSchema,
  tokenInfo,
  tokenNotFound,
  tokenUnauthorized,
} from '../tokens.js';
import { migrate } from './migrations.js';
import { type PostgresTarget, parsePostgresUrl, redactPassword } from './url.js';

export interface PostgresStoreOptions {
  /** Connections per store (per process); default 10. */
  maxConnections?: number;
  /** How long to wait for a connection before `STORE_UNAVAILABLE`; default 10 s. */
  connectTimeoutMs?: number;
}

type Db = pg.Pool | pg.PoolClient;

/** Errors that mean "the database cannot be used from here", as opposed to a bug in a query. */
const UNAVAILABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ENOENT',
]);
const UNAVAILABLE_SQLSTATE = /^(08|28|3D000|57P0[1-3]|53300)/;

function isUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  if (UNAVAILABLE_ERRNO.has(code) || UNAVAILABLE_SQLSTATE.test(code)) return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|connection timeout/i.test(message);
}

const DUPLICATE_SERVER = (id: string) =>
  new OrchestrationError(
    'DUPLICATE_SERVER',
    `A user server "${id}" already exists. Remove it first or replace it (--replace).`,
    { serverId: id },
  );

/**
 * @example
 * const store = new PostgresStore('postgresql://mo:secret@db.internal:5432/orchestration');
 * await store.open(); // connects, applies migrations
 * await store.readHead('claude-desktop', 'default');
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly location: string;
  readonly target: PostgresTarget;
  private readonly url: string;
  private readonly options: PostgresStoreOptions;
  private pool: pg.Pool | undefined;
  private opening: Promise<void> | undefined;
  /** The drift hash salt once read (it never changes while the row stays). */
  private salt: string | undefined;

  /** Parses a store URL: `INVALID_INPUT` unless it is `postgresql://` or `postgres://`. */
  static parseUrl(url: string): PostgresTarget {
    return parsePostgresUrl(url);
  }

  constructor(url: string, options: PostgresStoreOptions = {}) {
    this.target = parsePostgresUrl(url);
    this.location = this.target.location;
    this.url = url.trim();
    this.options = options;
  }

  // ---- connection ------------------------------------------------------------------------------

  open(): Promise<void> {
    this.opening ??= this.connectAndMigrate().catch((err: unknown) => {
      this.opening = undefined;
      const pool = this.pool;
      this.pool = undefined;
      void pool?.end().catch(() => undefined);
      throw err;
    });
    return this.opening;
  }

  private async connectAndMigrate(): Promise<void> {
    const pool = new pg.Pool({
      connectionString: this.url,
      max: this.options.maxConnections ?? 10,
      connectionTimeoutMillis: this.options.connectTimeoutMs ?? 10_000,
      application_name: 'mcp-orchestration',
    });
    // An idle connection dropped by the server must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    this.pool = pool;
    const client = await this.connect(pool);
    try {
      await this.guard(() => migrate(client, this.location));
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    this.opening = undefined;
    await pool?.end();
  }

  private unavailable(err: unknown): OrchestrationError {
    const raw = err instanceof Error ? err.message : String(err);
    const reason = redactPassword(raw || (err as { code?: string }).code || 'unknown error', this.url);
    const { host, port, database } = this.target;
    return new OrchestrationError(
      'STORE_UNAVAILABLE',
      `The PostgreSQL store ${host}:${port}/${database} cannot be used: ${reason}. Check that the server runs and that the store URL (--store or MCP_ORCHESTRATION_STORE) is right.`,
      { host, port, database, reason },
    );
  }

  /** Runs `fn`, turning a lost or refused connection into `STORE_UNAVAILABLE`. */
  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof OrchestrationError) throw err;
      if (isUnavailable(err)) throw this.unavailable(err);
      throw err;
    }
  }

  private async connect(pool: pg.Pool): Promise<pg.PoolClient> {
    return this.guard(() => pool.connect());
  }

  private async db(): Promise<pg.Pool> {
    await this.open();
    if (!this.pool) throw this.unavailable(new Error('the store was closed'));
    return this.pool;
  }

  private async query<R extends pg.QueryResultRow>(
    sql: string,
    params: unknown[] = [],
    on?: Db,
  ): Promise<R[]> {
    const db = on ?? (await this.db());
    return this.guard(async () => (await db.query<R>(sql, params)).rows);
  }

  /** Runs `fn` in one transaction on one connection; rolls back on any throw. */
  private async transaction<T>(fn: (db: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.connect(await this.db());
    let broken = false;
    try {
      await this.query('BEGIN', [], client);
      const result = await fn(client);
      await this.query('COMMIT', [], client);
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw err;
    } finally {
      client.release(broken);
    }
  }

  // ---- artifacts and profile history ----------------------------------------------------------

  async loadArtifact(clientId: string, profileId: string, ref: string): Promise<unknown> {
    const c = assertId('client', clientId);
    const p = assertId('profile', profileId);
    const { hex, full } = parseArtifactRef(ref);
    const rows = full
      ? await this.query<{ artifact_id: string; body: unknown }>(
          'SELECT artifact_id, body FROM artifacts WHERE client_id = $1 AND profile_id = $2 AND artifact_id = $3',
          [c, p, `sha256:${hex}`],
        )
      : await this.query<{ artifact_id: string; body: unknown }>(
          'SELECT artifact_id, body FROM artifacts WHERE client_id = $1 AND profile_id = $2 AND artifact_id LIKE $3 ORDER BY artifact_id',
          [c, p, `sha256:${hex}%`],
        );
    if (rows.length === 0) throw artifactNotFound(c, p, ref);
    if (rows.length > 1)
      throw ambiguousArtifact(
        ref,
        rows.map((r) => r.artifact_id.slice('sha256:'.length)),
      );
    return (rows[0] as { body: unknown }).body;
  }

  async readHead(clientId: string, profileId: string): Promise<HistoryEntry | null> {
    const rows = await this.query<{ head: unknown }>(
      'SELECT head FROM profiles WHERE client_id = $1 AND profile_id = $2 AND head_seq > 0',
      [assertId('client', clientId), assertId('profile', profileId)],
    );
    return rows[0] ? HistoryEntrySchema.parse(rows[0].head) : null;
  }

  async readHistory(
    clientId: string,
    profileId: string,
    limit: number,
    offset: number,
  ): Promise<HistoryEntry[]> {
    const rows = await this.query<{ entry: unknown }>(
      'SELECT entry FROM history WHERE client_id = $1 AND profile_id = $2 ORDER BY seq DESC LIMIT $3 OFFSET $4',
      [assertId('client', clientId), assertId('profile', profileId), Math.max(0, limit), Math.max(0, offset)],
    );
    return rows.map((r) => HistoryEntrySchema.parse(r.entry));
  }

  async listPublishedProfiles(clientId: string): Promise<string[]> {
    const rows = await this.query<{ profile_id: string }>(
      'SELECT profile_id FROM profiles WHERE client_id = $1 AND head_seq > 0 ORDER BY profile_id',
      [assertId('client', clientId)],
    );
    return rows.map((r) => r.profile_id);
  }

  async publish(
    clientId: string,
    profileId: string,
    build: (head: HistoryEntry | null) => Artifact | Promise<Artifact>,
    seal?: SealEntry,
  ): Promise<{ artifact: Artifact; entry: HistoryEntry }> {
    const c = assertId('client', clientId);
    const p = assertId('profile', profileId);
    return this.transaction(async (db) => {
      // The row exists before it is locked; a first publish that aborts rolls it back again.
      await this.query(
        'INSERT INTO profiles (client_id, profile_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [c, p],
        db,
      );
      const [row] = await this.query<{ head: unknown }>(
        'SELECT head FROM profiles WHERE client_id = $1 AND profile_id = $2 FOR UPDATE',
        [c, p],
        db,
      );
      const head = row?.head ? HistoryEntrySchema.parse(row.head) : null;
      const artifact = await build(head);
      assertArtifactBelongs(artifact, c, p);
      const unsealed: HistoryEntry = {
        seq: (head?.seq ?? 0) + 1,
        artifact_id: artifact.artifact_id,
        created_at: artifact.created_at,
        changelog: artifact.metadata.changelog,
        server_count: artifact.metadata.server_count,
        parent_artifact_id: artifact.metadata.parent_artifact_id,
      };
      const entry = seal ? { ...unsealed, signature: seal(unsealed) } : unsealed;
      // Artifacts never change: the same content published again keeps its first copy.
      await this.query(
        `INSERT INTO artifacts (client_id, profile_id, artifact_id, body) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [c, p, artifact.artifact_id, JSON.stringify(artifact)],
        db,
      );
      await this.query(
        'INSERT INTO history (client_id, profile_id, seq, artifact_id, entry) VALUES ($1, $2, $3, $4, $5)',
        [c, p, entry.seq, entry.artifact_id, JSON.stringify(entry)],
        db,
      );
      await this.query(
        'UPDATE profiles SET head_seq = $3, head = $4, updated_at = now() WHERE client_id = $1 AND profile_id = $2',
        [c, p, entry.seq, JSON.stringify(entry)],
        db,
      );
      return { artifact, entry };
    });
  }

  // ---- drafts --------------------------------------------------------------------------------

  private parseDraft(c: string, p: string, body: unknown): Draft {
    const parsed = DraftSchema.safeParse(body);
    if (parsed.success) return parsed.data;
    throw new OrchestrationError(
      'VALIDATION_ERROR',
      `The draft of ${c}/${p} in ${this.location} is damaged (${parsed.error.message.slice(0, 200)}). Run "draft clear" to start it again.`,
      { client_id: c, profile_id: p },
    );
  }

  async readDraft(clientId: string, profileId: string): Promise<Draft> {
    const c = assertId('client', clientId);
    const p = assertId('profile', profileId);
    const [row] = await this.query<{ body: unknown }>(
      'SELECT body FROM drafts WHERE client_id = $1 AND profile_id = $2',
      [c, p],
    );
    return row ? this.parseDraft(c, p, row.body) : emptyDraft(c, p);
  }

  async updateDraft(clientId: string, profileId: string, change: (draft: Draft) => void): Promise<Draft> {
    const c = assertId('client', clientId);
    const p = assertId('profile', profileId);
    return this.transaction(async (db) => {
      await this.query(
        'INSERT INTO drafts (client_id, profile_id, body) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [c, p, JSON.stringify(emptyDraft(c, p))],
        db,
      );
      const [row] = await this.query<{ body: unknown }>(
        'SELECT body FROM drafts WHERE client_id = $1 AND profile_id = $2 FOR UPDATE',
        [c, p],
        db,
      );
      const draft = this.parseDraft(c, p, row?.body);
      change(draft);
      draft.updated_at = new Date().toISOString();
      const saved = DraftSchema.parse(draft);
      await this.query(
        'UPDATE drafts SET body = $3, updated_at = now() WHERE client_id = $1 AND profile_id = $2',
        [c, p, JSON.stringify(saved)],
        db,
      );
      return draft;
    });
  }

  async deleteDraft(clientId: string, profileId: string): Promise<void> {
    await this.query('DELETE FROM drafts WHERE client_id = $1 AND profile_id = $2', [
      assertId('client', clientId),
      assertId('profile', profileId),
    ]);
  }

  async listDraftProfiles(clientId: string): Promise<string[]> {
    const rows = await this.query<{ profile_id: string }>(
      'SELECT profile_id FROM drafts WHERE client_id = $1 ORDER BY profile_id',
      [assertId('client', clientId)],
    );
    return rows.map((r) => r.profile_id);
  }

  // ---- deployments and backups ---------------------------------------------------------------

  async recordDeployment(record: DeploymentInput): Promise<DeploymentRecord> {
    assertId('client', record.client_id);
    assertId('profile', record.profile_id);
    const full = newDeploymentRecord(record);
    const json = JSON.stringify(full);
    await this.transaction(async (db) => {
      await this.query(
        `INSERT INTO deployment_log (deployment_id, client_id, profile_id, deployed_at, record)
         VALUES ($1, $2, $3, $4, $5)`,
        [full.deployment_id, full.client_id, full.profile_id, full.deployed_at, json],
        db,
      );
      await this.query(
        `INSERT INTO deployments (client_id, profile_id, record) VALUES ($1, $2, $3)
         ON CONFLICT (client_id, profile_id) DO UPDATE SET record = EXCLUDED.record`,
        [full.client_id, full.profile_id, json],
        db,
      );
    });
    return full;
  }

  async readDeployment(clientId: string, profileId: string): Promise<DeploymentRecord | null> {
    const [row] = await this.query<{ record: unknown }>(
      'SELECT record FROM deployments WHERE client_id = $1 AND profile_id = $2',
      [assertId('client', clientId), assertId('profile', profileId)],
    );
    if (!row) return null;
    const parsed = DeploymentRecordSchema.safeParse(row.record);
    return parsed.success ? parsed.data : null;
  }

  async listDeployments(): Promise<DeploymentRecord[]> {
    const rows = await this.query<{ record: unknown }>('SELECT record FROM deployments');
    return rows
      .flatMap((r) => {
        const parsed = DeploymentRecordSchema.safeParse(r.record);
        return parsed.success ? [parsed.data] : [];
      })
      .sort((a, b) => `${a.client_id}/${a.profile_id}`.localeCompare(`${b.client_id}/${b.profile_id}`));
  }

  async readDeploymentLog(
    filter: { client_id?: string; profile_id?: string } = {},
  ): Promise<DeploymentRecord[]> {
    const rows = await this.query<{ record: unknown }>(
      `SELECT record FROM deployment_log
       WHERE ($1::text IS NULL OR client_id = $1) AND ($2::text IS NULL OR profile_id = $2)
       ORDER BY seq DESC`,
      [filter.client_id || null, filter.profile_id || null],
    );
    return rows.flatMap((r) => {
      const parsed = DeploymentRecordSchema.safeParse(r.record);
      return parsed.success ? [parsed.data] : [];
    });
  }

  async saveBackup(clientId: string, configPath: string, bytes: Buffer | null): Promise<Backup> {
    const backup = newBackup(clientId, configPath, bytes);
    await this.query('INSERT INTO backups (client_id, backup_id, meta, bytes) VALUES ($1, $2, $3, $4)', [
      backup.client_id,
      backup.backup_id,
      JSON.stringify(backup),
      bytes,
    ]);
    await this.pruneBackups({ keep: BACKUPS_KEPT, client_id: backup.client_id, config_path: configPath });
    return backup;
  }

  async pruneBackups(rule: BackupRetention, dryRun = false): Promise<Backup[]> {
    const rows =
      rule.client_id === undefined
        ? await this.query<{ meta: unknown }>('SELECT meta FROM backups')
        : await this.query<{ meta: unknown }>('SELECT meta FROM backups WHERE client_id = $1', [
            assertId('client', rule.client_id),
          ]);
    const doomed = backupsToPrune(
      rows.flatMap((r) => {
        const parsed = BackupSchema.safeParse(r.meta);
        return parsed.success ? [parsed.data] : [];
      }),
      rule,
    );
    if (!dryRun && doomed.length > 0) {
      await this.query(
        'DELETE FROM backups WHERE (client_id, backup_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))',
        [doomed.map((b) => b.client_id), doomed.map((b) => b.backup_id)],
      );
    }
    return doomed;
  }

  async readBackup(clientId: string, backupId: string): Promise<{ backup: Backup; bytes: Buffer | null }> {
    const c = assertId('client', clientId);
    assertBackupId(backupId);
    const [row] = await this.query<{ meta: unknown; bytes: Buffer | null }>(
      'SELECT meta, bytes FROM backups WHERE client_id = $1 AND backup_id = $2',
      [c, backupId],
    );
    if (!row) throw backupNotFound(c, backupId);
    const backup = BackupSchema.parse(row.meta);
    return { backup, bytes: backup.existed ? (row.bytes ?? Buffer.alloc(0)) : null };
  }

  // ---- API tokens (stored hashed) ------------------------------------------------------------

  async createToken(options: CreateTokenOptions = {}): Promise<TokenInfo & { token: string }> {
    const { record, token } = newTokenRecord(options);
    await this.query('INSERT INTO tokens (id, hash, expires_at, record) VALUES ($1, $2, $3, $4)', [
      record.id,
      record.hash,
      record.expires_at,
      JSON.stringify(record),
    ]);
    return { ...tokenInfo(record), token };
  }

  private async tokenRecords(sql: string, params: unknown[] = []): Promise<TokenRecord[]> {
    const rows = await this.query<{ record: unknown }>(sql, params);
    return rows.map((r) => TokenRecordSchema.parse(r.record));
  }

  async listTokens(): Promise<TokenInfo[]> {
    return (await this.tokenRecords('SELECT record FROM tokens ORDER BY seq')).map(tokenInfo);
  }

  async revokeToken(id: string): Promise<TokenInfo> {
    const tokenId = assertId('token', id);
    const [record] = await this.tokenRecords('DELETE FROM tokens WHERE id = $1 RETURNING record', [tokenId]);
    if (!record) throw tokenNotFound(tokenId);
    return tokenInfo(record);
  }

  /**
   * Looks the token up by its SHA-256 (a unique index): the hash of a random 256-bit secret gives
   * a timing observer nothing to aim at, so no constant-time scan over every record is needed.
   */
  async verifyToken(presented: string, now = new Date()): Promise<TokenInfo> {
    if (typeof presented !== 'string' || !presented.startsWith(TOKEN_PREFIX)) throw tokenUnauthorized();
    const hash = hashToken(presented).toString('hex');
    const [match] = await this.tokenRecords('SELECT record FROM tokens WHERE hash = $1', [hash]);
    if (!match || isTokenExpired(match, now)) throw tokenUnauthorized();
    const lastUsed = match.last_used_at === null ? 0 : Date.parse(match.last_used_at);
    if (now.getTime() - lastUsed >= LAST_USED_RESOLUTION_MS) {
      // Bookkeeping only: a failed write must not turn a valid request away.
      await this.query(
        `UPDATE tokens SET record = jsonb_set(record, '{last_used_at}', to_jsonb($2::text)) WHERE id = $1`,
        [match.id, now.toISOString()],
      ).catch(() => undefined);
    }
    return tokenInfo(match);
  }

  async adoptLegacyTokens(): Promise<number> {
    // One statement: a second replica doing the same waits on the row locks, then finds none left.
    const rows = await this.query(
      `UPDATE tokens SET record = record || '{"role": "admin"}'::jsonb
         || jsonb_build_object('profiles', COALESCE(record -> 'profiles', 'null'::jsonb))
       WHERE NOT (record ? 'role') RETURNING id`,
    );
    return rows.length;
  }

  async hasActiveToken(now = new Date()): Promise<boolean> {
    const [row] = await this.query<{ active: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM tokens WHERE expires_at IS NULL OR expires_at > $1) AS active',
      [now.toISOString()],
    );
    return row?.active === true;
  }

  // ---- user registry servers -----------------------------------------------------------------

  private parseServer(id: string, definition: unknown): ServerDefinition {
    const parsed = ServerDefinitionSchema.safeParse(definition);
    if (parsed.success) return parsed.data;
    throw new OrchestrationError(
      'VALIDATION_ERROR',
      `The user server "${id}" in ${this.location} is invalid: ${parsed.error.issues[0]?.message ?? 'bad value'}. Replace or remove it.`,
      { serverId: id },
    );
  }

  async listUserServers(): Promise<ServerDefinition[]> {
    const rows = await this.query<{ id: string; definition: unknown }>(
      'SELECT id, definition FROM user_servers ORDER BY id',
    );
    return rows.map((r) => this.parseServer(r.id, r.definition));
  }

  async putUserServer(def: ServerDefinition, options: { replace?: boolean } = {}): Promise<ServerDefinition> {
    const parsed = ServerDefinitionSchema.parse(def);
    const id = assertId('server', parsed.id);
    const json = JSON.stringify(parsed);
    const rows = options.replace
      ? await this.query(
          `INSERT INTO user_servers (id, definition) VALUES ($1, $2)
           ON CONFLICT (id) DO UPDATE SET definition = EXCLUDED.definition, updated_at = now() RETURNING id`,
          [id, json],
        )
      : await this.query(
          'INSERT INTO user_servers (id, definition) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id',
          [id, json],
        );
    if (rows.length === 0) throw DUPLICATE_SERVER(id);
    return parsed;
  }

  async removeUserServer(id: string): Promise<ServerDefinition | null> {
    const serverId = assertId('server', id);
    const [row] = await this.query<{ definition: unknown }>(
      'DELETE FROM user_servers WHERE id = $1 RETURNING definition',
      [serverId],
    );
    return row ? this.parseServer(serverId, row.definition) : null;
  }

  // ---- fleet reports -------------------------------------------------------------------------

  async putFleetReport(report: StoredFleetReport): Promise<StoredFleetReport> {
    const parsed = FleetReportSchema.parse(report) as StoredFleetReport;
    await this.query(
      `INSERT INTO fleet_reports (machine_id, client_id, profile_id, reported_at, report)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (machine_id, client_id, profile_id)
       DO UPDATE SET reported_at = EXCLUDED.reported_at, report = EXCLUDED.report`,
      [
        parsed.machine_id,
        assertId('client', parsed.client_id),
        assertId('profile', parsed.profile_id),
        parsed.reported_at,
        JSON.stringify(parsed),
      ],
    );
    return parsed;
  }

  async listFleetReports(): Promise<StoredFleetReport[]> {
    const rows = await this.query<{ report: unknown }>(
      'SELECT report FROM fleet_reports ORDER BY machine_id, client_id, profile_id',
    );
    return rows.map((r) => FleetReportSchema.parse(r.report) as StoredFleetReport);
  }

  async hashSalt(): Promise<string> {
    if (this.salt !== undefined) return this.salt;
    // The first process to ask makes it; any later one (or a racing one) reads that same row.
    await this.query(
      `INSERT INTO settings (name, value) VALUES ('hash_salt', $1) ON CONFLICT (name) DO NOTHING`,
      [JSON.stringify(newHashSalt())],
    );
    const [row] = await this.query<{ value: unknown }>(`SELECT value FROM settings WHERE name = 'hash_salt'`);
    this.salt = checkHashSalt(row?.value, `the settings table of ${this.location}`);
    return this.salt;
  }

  // ---- settings ------------------------------------------------------------------------------

  async readSetting(name: SettingName): Promise<unknown> {
    const [row] = await this.query<{ value: unknown }>('SELECT value FROM settings WHERE name = $1', [name]);
    return row ? row.value : null;
  }

  async writeSetting(name: SettingName, value: unknown): Promise<void> {
    if (value === null || value === undefined) {
      await this.query('DELETE FROM settings WHERE name = $1', [name]);
      return;
    }
    await this.query(
      `INSERT INTO settings (name, value) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [name, JSON.stringify(value)],
    );
  }

  // ---- audit trail ---------------------------------------------------------------------------

  async appendAudit(input: AuditInput): Promise<AuditEntry> {
    const entry = newAuditEntry(input);
    await this.query(
      `INSERT INTO audit (id, at, actor, action, target, artifact_id, entry)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [entry.id, entry.at, entry.actor, entry.action, entry.target, entry.artifact_id, JSON.stringify(entry)],
    );
    return entry;
  }

  async listAudit(options: { limit?: number; offset?: number } = {}): Promise<AuditEntry[]> {
    const rows = await this.query<{ entry: unknown }>(
      'SELECT entry FROM audit ORDER BY seq DESC LIMIT $1 OFFSET $2',
      [options.limit === undefined ? null : Math.max(0, options.limit), Math.max(0, options.offset ?? 0)],
    );
    return rows.map((r) => AuditEntrySchema.parse(r.entry));
  }
}
