/**
 * @module workflows/deploy
 * Deploying an artifact into a client's config file, drift detection, rollback and import.
 * The artifact is the source of truth for the file's server section; every other byte of the
 * file stays as it was.
 */
import type { KeyObject } from 'node:crypto';
import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  type ClientAdapter,
  importEntry,
  keepClientSettings,
  managedPart,
  type PathContext,
  readClientServers,
  type Scope,
  type TranslationWarning,
  translateForClient,
  writeClientServers,
} from '../clients/index.js';
import { canonicalJson, sha256Hex } from '../core/canonical.js';
import { OrchestrationError } from '../core/errors.js';
import type { Artifact } from '../core/schemas/artifact.js';
import type { DiffResult } from '../core/schemas/diff.js';
import type { Payload, ServerEntry } from '../core/schemas/payload.js';
import { clientFileExists, editClientFile, readClientBytes } from '../store/client-file.js';
import type { Backup } from '../store/deployments.js';
import { verifyArtifact } from './artifact.js';
import { diffPayloads } from './diff.js';

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

export const serverHash = (entry: unknown) => sha256Hex(canonicalJson(entry));

/** Hashes of each server's managed fields (the user's own client settings are not ours to track). */
export function hashServers(
  adapter: ClientAdapter,
  servers: Record<string, unknown>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(servers).map(([name, entry]) => [name, serverHash(managedPart(adapter, entry))]),
  );
}

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
  /** Saves the old bytes before they are replaced; returns the backup. */
  backup: (bytes: Buffer | null) => Backup;
  home: Parameters<typeof editClientFile>[0];
}

export interface DeployOutcome {
  status: 'deployed' | 'unchanged' | 'dry-run';
  config_path: string;
  servers: Record<string, unknown>;
  server_hashes: Record<string, string>;
  file_sha256: string;
  backup: Backup | null;
  diff: DiffResult;
  warnings: TranslationWarning[];
  attempts: number;
}

/** Verifies, translates and writes one artifact into one client file (see store/client-file for the protocol). */
export function deployArtifact(plan: DeployPlan): DeployOutcome {
  verifyArtifact(plan.artifact, plan.keys);
  const { adapter, artifact } = plan;
  const { servers, warnings } = translateForClient(adapter, artifact.payload, {
    env: plan.env,
    platform: plan.ctx.platform,
    wrapWindowsCmd: plan.wrapWindowsCmd,
  });
  let backup: Backup | null = null;
  let written: Record<string, unknown> = servers;
  const outcome = editClientFile(
    plan.home,
    plan.configPath,
    (current) => {
      const text = decode(current);
      const existing = current === null ? {} : readClientServers(text, adapter);
      written = Object.fromEntries(
        Object.entries(servers).map(([name, entry]) => [
          name,
          keepClientSettings(adapter, existing[name], entry),
        ]),
      );
      return Buffer.from(writeClientServers(text, adapter, written), 'utf8');
    },
    (old) => {
      backup = plan.backup(old);
    },
    { dryRun: plan.dryRun },
  );
  const current = readNeutralServers(adapter, outcome.before);
  const diff = diffPayloads(artifact.payload, current.payload, {
    base: `artifact ${artifact.artifact_id.slice(0, 19)}`,
    target: plan.configPath,
  });
  if (!plan.dryRun && outcome.changed) assertWritten(adapter, plan.configPath, written, outcome.after);
  const { added, removed, modified } = diff.summary;
  const counts = `${added} added, ${removed} removed, ${modified} modified`;
  diff.recommendation = plan.dryRun
    ? `Deploying would change ${plan.configPath}: ${counts}. Run without --dry-run to write it.`
    : outcome.changed
      ? `Wrote ${plan.configPath}: ${counts}; the old bytes are in the backup.`
      : `${plan.configPath} already holds these servers; nothing was written.`;
  return {
    status: plan.dryRun ? 'dry-run' : outcome.changed ? 'deployed' : 'unchanged',
    config_path: plan.configPath,
    servers: written,
    server_hashes: hashServers(adapter, written),
    file_sha256: sha256Hex(outcome.after),
    backup,
    diff,
    warnings,
    attempts: outcome.attempts,
  };
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

/** Compares a client file now with what was written at deploy time. */
export function detectDrift(
  adapter: ClientAdapter,
  configPath: string,
  expectedHashes: Record<string, string>,
  deployedPayload: Payload,
): { state: DriftState; missing_file: boolean; drift: DiffResult | null } {
  const bytes = readClientBytes(configPath);
  if (bytes === null) {
    return {
      state: 'drifted',
      missing_file: true,
      drift: diffPayloads(
        deployedPayload,
        { mcpServers: {} },
        { base: 'deployed artifact', target: `${configPath} (missing)` },
      ),
    };
  }
  const current = readNeutralServers(adapter, bytes);
  const hashes = hashServers(adapter, current.raw);
  if (isDeepStrictEqual(hashes, expectedHashes))
    return { state: 'in-sync', missing_file: false, drift: null };
  const full = diffPayloads(deployedPayload, current.payload, {
    base: 'deployed artifact',
    target: configPath,
  });
  const touched = new Set(
    [...Object.keys(hashes), ...Object.keys(expectedHashes)].filter(
      (name) => hashes[name] !== expectedHashes[name],
    ),
  );
  const changes = full.changes.filter((c) => touched.has(c.server));
  // A server whose bytes changed but whose neutral form did not (e.g. a resolved secret) still counts.
  for (const name of touched) {
    if (!changes.some((c) => c.server === name))
      changes.push({ server: name, change: 'modified', fields: [] });
  }
  const count = (kind: string) => changes.filter((c) => c.change === kind).length;
  return {
    state: 'drifted',
    missing_file: false,
    drift: {
      ...full,
      status: count('removed') > 0 ? 'diverged' : 'outdated',
      changes,
      summary: {
        added: count('added'),
        removed: count('removed'),
        modified: count('modified'),
        unchanged: Object.keys(hashes).filter((name) => !touched.has(name)).length,
      },
      recommendation: `${configPath} was changed after the deploy: run "deploy" to restore the published servers, or "import" then "publish" to keep the changes.`,
    },
  };
}
