/**
 * @module service/importing
 * Import a client's existing config file into its draft, so nothing the user had is lost.
 */
import type { ClientAdapter } from '../clients/index.js';
import { OrchestrationError } from '../core/errors.js';
import { assertId } from '../core/ids.js';
import type { ImportResult } from '../core/schemas/deploy.js';
import { ImportInput, type In } from '../core/schemas/operations.js';
import type { Payload } from '../core/schemas/payload.js';
import { readClientBytes } from '../store/client-file.js';
import { readNeutralServers, resolveClientPath } from '../workflows/deploy.js';
import { type ResolvedRefs, restoreReferences } from '../workflows/resolved-refs.js';
import { adapterFor, listClients } from './clients.js';
import type { ServiceContext } from './context.js';
import { draftReplace } from './drafts.js';

/** Reads a client's existing config file into the draft (merged: same names are replaced). */
export async function importConfig(
  ctx: ServiceContext,
  { replace, ...input }: In<typeof ImportInput> & { replace?: boolean },
): Promise<ImportResult> {
  const parsed = ImportInput.parse(input);
  const adapter = adapterFor(parsed.client_id);
  const profile = assertId('profile', parsed.profile_id);
  let configPath = resolveClientPath(adapter, ctx.paths, parsed.scope, parsed.path);
  let bytes = readClientBytes(configPath);
  let reader = adapter;
  if (bytes === null && parsed.path === undefined && parsed.scope === 'user') {
    // An older version of the client kept its servers elsewhere: adopt them from there.
    for (const legacy of adapter.legacyFiles?.(ctx.paths) ?? []) {
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
      { path: configPath },
    );
  }
  const read = readNeutralServers(reader, bytes);
  const { skipped, warnings } = read;
  const payload = restoreReferences(read.payload, await resolvedRefsOf(ctx, adapter.id, configPath));
  const draft = parsed.dry_run
    ? await previewImport(ctx, adapter.id, profile, payload, !replace)
    : await draftReplace(ctx, adapter.id, profile, payload, !replace);
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

/**
 * The salted hashes of the values that deploys wrote for `${env:NAME}` references into this file
 * (newest deploys first), so reading the file gives the references back, never the secrets.
 */
export async function resolvedRefsOf(
  ctx: ServiceContext,
  clientId: string,
  configPath: string,
): Promise<ResolvedRefs[]> {
  const log = await ctx.store.readDeploymentLog({ client_id: clientId });
  return log
    .filter((r) => r.config_path === configPath)
    .slice(0, 50)
    .flatMap((r) => (r.resolved_refs ? [r.resolved_refs] : []));
}

/** The draft an import would leave, computed without writing it. */
async function previewImport(
  ctx: ServiceContext,
  clientId: string,
  profileId: string,
  payload: Payload,
  merge: boolean,
): Promise<{ server_count: number; payload: Payload }> {
  const current = merge ? (await ctx.store.readDraft(clientId, profileId)).mcpServers : {};
  const mcpServers = { ...current, ...payload.mcpServers };
  return { server_count: Object.keys(mcpServers).length, payload: { mcpServers } };
}

/** Imports every client config found on this machine into its client's draft. */
export async function importAll(
  ctx: ServiceContext,
  profileId = 'default',
  dryRun = false,
): Promise<{
  imported: Array<{ client_id: string; config_path: string; servers: string[] }>;
  failed: Array<{ client_id: string; error: string }>;
}> {
  const imported: Array<{ client_id: string; config_path: string; servers: string[] }> = [];
  const failed: Array<{ client_id: string; error: string }> = [];
  for (const client of (await listClients(ctx)).clients.filter((c) => c.exists)) {
    try {
      const r = await importConfig(ctx, {
        client_id: client.client_id,
        profile_id: profileId,
        dry_run: dryRun,
      });
      imported.push({ client_id: client.client_id, config_path: r.config_path, servers: r.imported });
    } catch (err) {
      failed.push({ client_id: client.client_id, error: (err as Error).message });
    }
  }
  return { imported, failed };
}
