/**
 * @module workflows/deploy
 * Deploying an artifact into a client's config file, drift detection, rollback and import.
 * A deploy changes only the servers this tool manages in the file (workflows/managed); every other
 * entry and every other byte of the file stays as it was.
 */
import type { KeyObject } from 'node:crypto';
import { resolve } from 'node:path';
import {
  type ClientAdapter,
  importEntry,
  type PathContext,
  readClientServers,
  type Scope,
  type TranslationWarning,
  translateForClient,
  writeClientServers,
} from '../clients/index.js';
import { canonicalJson } from '../core/canonical.js';
import { OrchestrationError } from '../core/errors.js';
import type { Artifact } from '../core/schemas/artifact.js';
import type { DiffResult } from '../core/schemas/diff.js';
import type { Payload, ServerEntry } from '../core/schemas/payload.js';
import { clientFileExists, editClientFile, readClientBytes } from '../store/client-file.js';
import type { Backup } from '../store/deployments.js';
import { verifyArtifact } from './artifact.js';
import { diffPayloads } from './diff.js';
import { driftReport, expectedHashes, type HashSalt, hashEntries, saltedHash } from './drift.js';
import { countActions, type ManagedPlan, planManagedServers, type ServerOutcome } from './managed.js';
import { hashResolved, type ResolvedRefs } from './resolved-refs.js';

/** Where a client's file is: an explicit path, else the first existing candidate, else the default. */
export function resolveClientPath(
  adapter: ClientAdapter,
  ctx: PathContext,
  scope: Scope,
  explicit?: string,
): string {
  if (explicit) return resolve(ctx.cwd, explicit);
  if (scope === 'user') {
    const found = adapter.candidatePaths(ctx).find((p) => clientFileExists(p));
    if (found) return found;
  }
  return adapter.configPath(ctx, scope);
}

/** Hashes of each server's managed fields (the user's own client settings are not ours to track). */
export const hashServers = hashEntries;

const decode = (bytes: Buffer | null) => (bytes === null ? '' : bytes.toString('utf8'));

/** The servers of a client file in neutral form; entries this tool cannot read are reported, not dropped silently. */
export function readNeutralServers(
  adapter: ClientAdapter,
  bytes: Buffer | null,
): {
  payload: Payload;
  raw: Record<string, unknown>;
  skipped: Array<{ server: string; reason: string }>;
  warnings: TranslationWarning[];
} {
  const raw = bytes === null ? {} : readClientServers(decode(bytes), adapter);
  const mcpServers: Record<string, ServerEntry> = {};
  const skipped: Array<{ server: string; reason: string }> = [];
  const warnings: TranslationWarning[] = [];
  for (const [name, entry] of Object.entries(raw)) {
    try {
      const read = importEntry(adapter, name, entry);
      mcpServers[name] = read.entry;
      warnings.push(...read.warnings);
    } catch (err) {
      skipped.push({ server: name, reason: (err as Error).message });
    }
  }
  return { payload: { mcpServers }, raw, skipped, warnings };
}

export interface DeployPlan {
  adapter: ClientAdapter;
  artifact: Artifact;
  configPath: string;
  keys: Map<string, KeyObject>;
  env: Record<string, string | undefined>;
  ctx: PathContext;
  dryRun: boolean;
  wrapWindowsCmd: boolean;
  /** The store's salt (`Store.hashSalt`): the record's hashes are keyed with it. */
  hashSalt: string;
  /** Names this tool wrote into this file before (from the deployment record). */
  managed: ReadonlySet<string>;
  /** Remove every server that is not in the artifact, also ones this tool did not write. */
  prune: boolean;
  /** Replace same-named entries this tool did not write instead of refusing (UNMANAGED_CONFLICT). */
  adopt: boolean;
  /** Write servers whose restriction the client cannot express (else UNSUPPORTED_RESTRICTION). */
  allowWidening?: boolean;
  /**
   * Called with what the deployment record will hold once the new bytes are on disk, right before
   * they replace the file: the deploy's intent, kept so a kill or a full disk after the rename
   * cannot leave the record behind the file.
   */
  beforeRename?: (intent: DeployIntent) => Promise<void>;
  /** Saves the old bytes before they are replaced; returns the backup. */
  backup: (bytes: Buffer | null) => Promise<Backup>;
  home: Parameters<typeof editClientFile>[0];
}

/** The fields of a deployment record that the write itself decides. */
export interface DeployIntent {
  file_sha256: string;
  server_hashes: Record<string, string>;
  /** The hashes are keyed with the store's salt (`DeployPlan.hashSalt`). */
  hash_salt: 'store';
  managed_servers: string[];
  backup_id: string | null;
  resolved_refs?: ResolvedRefs;
}

export interface DeployOutcome {
  status: 'deployed' | 'unchanged' | 'dry-run';
  config_path: string;
  /** Every server of the file after the deploy, in the client's shape. */
  servers: Record<string, unknown>;
  /** Hashes of the managed servers as written, keyed with `DeployPlan.hashSalt` (what drift is measured against). */
  server_hashes: Record<string, string>;
  /** The servers this tool manages in the file after the deploy. */
  managed_servers: string[];
  /** Salted hashes of the values written for `${env:NAME}` references (workflows/resolved-refs). */
  resolved_refs: ResolvedRefs | undefined;
  /** What happened to each server of the file. */
  outcomes: ServerOutcome[];
  unreadable: Array<{ server: string; reason: string }>;
  file_sha256: string;
  backup: Backup | null;
  diff: DiffResult;
  warnings: TranslationWarning[];
  attempts: number;
}

/**
 * Verifies, translates and writes one artifact into one client file (see store/client-file for
 * the protocol). Only the artifact's servers and the managed ones that left it are touched.
 */
export async function deployArtifact(plan: DeployPlan): Promise<DeployOutcome> {
  verifyArtifact(plan.artifact, plan.keys);
  const { adapter, artifact } = plan;
  const {
    servers: next,
    warnings,
    resolved,
  } = translateForClient(adapter, artifact.payload, {
    env: plan.env,
    platform: plan.ctx.platform,
    wrapWindowsCmd: plan.wrapWindowsCmd,
    ...(plan.allowWidening ? { allowWidening: true } : {}),
  });
  let backup: Backup | null = null;
  let newBytes = Buffer.alloc(0);
  const refs = hashResolved(resolved);
  let managed: ManagedPlan = { servers: next, outcomes: [], managed: Object.keys(next), unreadable: [] };
  const outcome = await editClientFile(
    plan.home,
    plan.configPath,
    (current) => {
      const text = decode(current);
      const existing = current === null ? {} : readClientServers(text, adapter);
      managed = planManagedServers({
        adapter,
        existing,
        next,
        managed: plan.managed,
        prune: plan.prune,
        adopt: plan.adopt,
      });
      newBytes = Buffer.from(writeClientServers(text, adapter, managed.servers), 'utf8');
      return newBytes;
    },
    async (old) => {
      backup = await plan.backup(old);
    },
    {
      dryRun: plan.dryRun,
      ...(plan.beforeRename
        ? {
            // What the deployment record will say, known before the file is replaced.
            beforeRename: () =>
              plan.beforeRename?.({
                file_sha256: saltedHash(plan.hashSalt, newBytes),
                server_hashes: managedHashes(adapter, managed, plan.hashSalt),
                hash_salt: 'store',
                managed_servers: managed.managed,
                backup_id: (backup as Backup | null)?.backup_id ?? null,
                ...(refs ? { resolved_refs: refs } : {}),
              }),
          }
        : {}),
    },
  );
  const written = managed.servers;
  const current = readNeutralServers(adapter, outcome.before);
  const diff = restrictDiff(
    diffPayloads(artifact.payload, current.payload, {
      base: `artifact ${artifact.artifact_id.slice(0, 19)}`,
      target: plan.configPath,
    }),
    managed.outcomes,
  );
  if (!plan.dryRun && outcome.changed) assertWritten(adapter, plan.configPath, written, outcome.after);
  const counts = countActions(managed.outcomes);
  const summary = `${counts.added} added, ${counts.updated} updated, ${counts.removed} removed, ${counts.kept} kept${counts.unreadable_kept ? `, ${counts.unreadable_kept} unreadable kept` : ''}`;
  diff.recommendation = plan.dryRun
    ? `Deploying would change ${plan.configPath}: ${summary}. Nothing was written; run without --dry-run to write it.`
    : outcome.changed
      ? `Wrote ${plan.configPath}: ${summary}; the old bytes are in the backup.`
      : `${plan.configPath} already holds these servers; nothing was written.`;
  return {
    status: plan.dryRun ? 'dry-run' : outcome.changed ? 'deployed' : 'unchanged',
    config_path: plan.configPath,
    servers: written,
    server_hashes: managedHashes(adapter, managed, plan.hashSalt),
    managed_servers: managed.managed,
    resolved_refs: refs,
    outcomes: managed.outcomes,
    unreadable: managed.unreadable,
    file_sha256: saltedHash(plan.hashSalt, outcome.after),
    backup,
    diff,
    warnings,
    attempts: outcome.attempts,
  };
}

/** Hashes of the servers this tool manages in the file after the write (what drift is measured against). */
function managedHashes(adapter: ClientAdapter, plan: ManagedPlan, salt: string): Record<string, string> {
  return hashEntries(
    adapter,
    Object.fromEntries(plan.managed.map((name) => [name, plan.servers[name]])),
    salt,
  );
}

/** The diff cut down to the servers the deploy changes (kept servers are not a change). */
function restrictDiff(diff: DiffResult, outcomes: readonly ServerOutcome[]): DiffResult {
  const action = new Map(outcomes.map((o) => [o.name, o.action]));
  const changes = diff.changes.filter((c) => {
    const a = action.get(c.server);
    return a === 'added' || a === 'updated' || a === 'removed';
  });
  for (const o of outcomes) {
    if (changes.some((c) => c.server === o.name)) continue;
    if (o.action === 'removed') changes.push({ server: o.name, change: 'removed', fields: [] });
    // Same neutral form, different bytes (e.g. a secret resolved to a new value): still a change.
    if (o.action === 'updated') changes.push({ server: o.name, change: 'modified', fields: [] });
  }
  const count = (kind: string) => changes.filter((c) => c.change === kind).length;
  const summary = {
    added: count('added'),
    removed: count('removed'),
    modified: count('modified'),
    unchanged: outcomes.filter((o) => o.action === 'unchanged').length,
  };
  const status = changes.length === 0 ? 'up-to-date' : summary.removed > 0 ? 'diverged' : 'outdated';
  return { ...diff, changes, summary, status };
}

/** Re-reads what was written and checks the servers are exactly the artifact's. */
function assertWritten(
  adapter: ClientAdapter,
  path: string,
  servers: Record<string, unknown>,
  written: Buffer,
): void {
  const onDisk = readClientBytes(path);
  const reparsed = readClientServers(decode(onDisk), adapter);
  if (!onDisk?.equals(written) || canonicalJson(reparsed) !== canonicalJson(servers)) {
    throw new OrchestrationError(
      'WRITE_FAILED',
      `After writing ${path}, its servers are not the artifact's (another program changed it at the same moment?). Run "status" and deploy again.`,
      { path },
    );
  }
}

export type DriftState = 'in-sync' | 'drifted' | 'not-deployed';

/**
 * Compares the managed servers of a client file now with what was written at deploy time
 * (`expectedHashes`, one per managed server). Servers this tool does not manage are not drift.
 */
export function detectDrift(
  adapter: ClientAdapter,
  configPath: string,
  expectedHashes: Record<string, string | null>,
  deployedPayload: Payload,
  salt: HashSalt,
): { state: DriftState; missing_file: boolean; drift: DiffResult | null } {
  const bytes = readClientBytes(configPath);
  const file = bytes === null ? { payload: { mcpServers: {} }, raw: {} } : readNeutralServers(adapter, bytes);
  const drift = driftReport(adapter, {
    expected: expectedHashes,
    payload: deployedPayload,
    file,
    salt,
    labels: { base: 'deployed artifact', target: bytes === null ? `${configPath} (missing)` : configPath },
  });
  if (drift.changes.length === 0) return { state: 'in-sync', missing_file: bytes === null, drift: null };
  drift.recommendation = `${configPath} was changed after the deploy: run "deploy" to restore the published servers, or "import" then "publish" to keep the changes.`;
  return { state: 'drifted', missing_file: bytes === null, drift };
}

/**
 * The head against a client file as it is now: what a deploy of the head would change in the
 * servers this tool manages there. Unmanaged servers are not a difference (a deploy keeps them).
 */
export function diffAgainstFile(input: {
  adapter: ClientAdapter;
  configPath: string;
  head: Artifact;
  managed: ReadonlySet<string>;
  env: Record<string, string | undefined>;
  platform: PathContext['platform'];
  deployed?: { payload: Payload; hashes: Record<string, string> } | undefined;
  /** The salt of `deployed`'s hashes (its record's), or the home's when nothing was deployed. */
  salt: HashSalt;
}): DiffResult {
  const { adapter, head } = input;
  const file = readNeutralServers(adapter, readClientBytes(input.configPath));
  return driftReport(adapter, {
    expected: expectedHashes(adapter, head.payload, {
      env: input.env,
      platform: input.platform,
      deployed: input.deployed,
      salt: input.salt,
    }),
    payload: head.payload,
    file,
    salt: input.salt,
    removed: [...input.managed].filter((n) => !Object.hasOwn(head.payload.mcpServers, n)),
    labels: { base: `head ${head.artifact_id.slice(0, 19)}`, target: input.configPath },
  });
}
