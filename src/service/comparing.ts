/**
 * @module service/comparing
 * Diff the head with an artifact, a payload or the client's file as deployed, and export a
 * payload as JSON, YAML, TOML or the client's own file format.
 */
import { stringify as toToml } from 'smol-toml';
import { stringify as toYaml } from 'yaml';
import { getAdapter, translateForClient, writeClientServers } from '../clients/index.js';
import { OrchestrationError } from '../core/errors.js';
import { assertId } from '../core/ids.js';
import type { Artifact } from '../core/schemas/artifact.js';
import type { DiffResult } from '../core/schemas/diff.js';
import { DiffInput, ExportInput, type In } from '../core/schemas/operations.js';
import { PayloadSchema } from '../core/schemas/payload.js';
import type { ExportResult } from '../core/schemas/results.js';
import { newHashSalt, saltOfRecord } from '../store/hash-salt.js';
import { diffAgainstFile, resolveClientPath } from '../workflows/deploy.js';
import { diffPayloads } from '../workflows/diff.js';
import { registryOf, type ServiceContext, target } from './context.js';
import { artifactRef, get } from './history.js';
import { managedInFile } from './managed.js';
import { check } from './validation.js';

export async function diff(ctx: ServiceContext, input: In<typeof DiffInput>): Promise<DiffResult> {
  const parsed = DiffInput.parse(input);
  const { client, profile } = target(parsed);
  const head = await get(ctx, { client_id: client, profile_id: profile, verify: parsed.verify });
  const base = `head ${head.artifact_id.slice(0, 19)}`;
  if (parsed.artifact_id !== undefined) {
    const other = await get(ctx, {
      client_id: client,
      profile_id: profile,
      artifact_id: parsed.artifact_id,
      verify: parsed.verify,
    });
    return diffPayloads(head.payload, other.payload, {
      base,
      target: `artifact ${other.artifact_id.slice(0, 19)}`,
    });
  }
  if (parsed.payload !== undefined) {
    const validation = check(await registryOf(ctx), parsed.payload);
    const shapeErrors = validation.errors.filter((e) => e.code !== 'EMPTY_CONFIG');
    if (shapeErrors.length > 0) {
      throw new OrchestrationError(
        'VALIDATION_ERROR',
        `The config to compare is not valid: ${shapeErrors[0]?.message}`,
        { errors: shapeErrors },
      );
    }
    return diffPayloads(head.payload, PayloadSchema.parse(parsed.payload), {
      base,
      target: 'the given config',
    });
  }
  if (parsed.deployed) return deployedDiff(ctx, client, profile, head, parsed.verify, parsed.path);
  throw new OrchestrationError(
    'INVALID_INPUT',
    'Say what to compare the head with: a payload (--file), an artifact (--artifact) or --deployed.',
  );
}

/** `diff --deployed`: the head against the client's file as it is now (the drift engine's answer). */
async function deployedDiff(
  ctx: ServiceContext,
  clientId: string,
  profileId: string,
  head: Artifact,
  verify: boolean,
  path?: string,
): Promise<DiffResult> {
  const adapter = getAdapter(clientId);
  const record = await ctx.store.readDeployment(clientId, profileId);
  const configPath = path ?? record?.config_path ?? resolveClientPath(adapter, ctx.paths, 'user');
  const sameFile = record !== null && record.config_path === configPath;
  const deployedPayload =
    sameFile && record.artifact_id
      ? (
          await get(ctx, {
            client_id: record.source_client_id,
            profile_id: record.profile_id,
            artifact_id: record.artifact_id,
            verify,
          })
        ).payload
      : undefined;
  return diffAgainstFile({
    adapter,
    configPath,
    head,
    managed: await managedInFile(ctx, clientId, profileId, configPath, record),
    env: ctx.env,
    platform: ctx.paths.platform,
    deployed:
      deployedPayload && record ? { payload: deployedPayload, hashes: record.server_hashes } : undefined,
    // Recorded hashes are compared with their record's salt; fresh ones alone can take any salt.
    salt: deployedPayload && record ? await saltOfRecord(ctx.store, record) : newHashSalt(),
  });
}

/**
 * The head (or an artifact) payload as JSON, YAML or TOML; with `native`, as a fresh config file
 * of the client's own format and shape. Secret references stay references: nothing is resolved.
 */
export async function exportConfig(
  ctx: ServiceContext,
  input: In<typeof ExportInput> = {},
): Promise<ExportResult> {
  const parsed = ExportInput.parse(input);
  const artifact = await get(ctx, artifactRef(parsed));
  if (parsed.native) {
    const adapter = getAdapter(assertId('client', parsed.client_id));
    const keepReferences = new Proxy({}, { get: (_t, name) => `\${env:${String(name)}}` });
    const { servers } = translateForClient(adapter, artifact.payload, {
      env: keepReferences,
      platform: ctx.paths.platform,
    });
    return {
      format: adapter.format,
      content: writeClientServers('', adapter, servers),
      artifact_id: artifact.artifact_id,
    };
  }
  const data: unknown = artifact.payload;
  const content =
    parsed.format === 'yaml'
      ? toYaml(data)
      : parsed.format === 'toml'
        ? `${toToml(data as Record<string, unknown>)}\n`
        : `${JSON.stringify(data, null, 2)}\n`;
  return { format: parsed.format, content, artifact_id: artifact.artifact_id };
}
