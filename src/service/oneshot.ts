/**
 * @module service/oneshot
 * One-shot commands over the whole flow: add a registry server to a client's config in one step.
 */
import { assertClientId } from '../clients/index.js';
import { assertId } from '../core/ids.js';
import type { DeployResult } from '../core/schemas/deploy.js';
import type { DraftAddInput, In } from '../core/schemas/operations.js';
import { readClientBytes } from '../store/client-file.js';
import { resolveClientPath } from '../workflows/deploy.js';
import { invalidConfig } from '../workflows/validate.js';
import { adapterFor } from './clients.js';
import type { ServiceContext } from './context.js';
import { deploy } from './deployment.js';
import { draftAdd, draftShow } from './drafts.js';
import { importConfig } from './importing.js';
import { publish } from './publishing.js';
import { validate } from './validation.js';

export type AddServerInput = In<typeof DraftAddInput> & {
  changelog?: string | undefined;
  path?: string | undefined;
  dry_run?: boolean;
};

/**
 * Adds a registry server to the client's config. On first use the client's existing servers are
 * imported first, so nothing the user had is lost; then validate, publish, deploy.
 */
export async function addServer(
  ctx: ServiceContext,
  input: AddServerInput,
): Promise<DeployResult & { added: string; adopted: string[] }> {
  const clientId = assertClientId(input.client_id ?? 'claude-desktop');
  const profile = assertId('profile', input.profile_id ?? 'default');
  const adopted: string[] = [];
  const neverPublished = (await ctx.store.readHead(clientId, profile)) === null;
  if (
    neverPublished &&
    (await draftShow(ctx, { client_id: clientId, profile_id: profile })).server_count === 0
  ) {
    const configPath = resolveClientPath(adapterFor(clientId), ctx.paths, 'user', input.path);
    if (readClientBytes(configPath) !== null) {
      const imported = await importConfig(ctx, {
        client_id: clientId,
        profile_id: profile,
        ...(input.path ? { path: input.path } : {}),
      });
      adopted.push(...imported.imported);
    }
  }
  const { changelog: _changelog, path: _path, dry_run: _dryRun, ...draftInput } = input;
  const { added } = await draftAdd(ctx, { ...draftInput, client_id: clientId, profile_id: profile });
  const validation = await validate(ctx, { client_id: clientId, profile_id: profile });
  if (!validation.valid) {
    throw invalidConfig(validation, `"${added}" was added to the draft, but the draft does not validate:`);
  }
  await publish(ctx, {
    client_id: clientId,
    profile_id: profile,
    changelog: input.changelog ?? `add ${input.server_id}`,
  });
  const result = await deploy(ctx, {
    client_id: clientId,
    profile_id: profile,
    dry_run: input.dry_run ?? false,
    ...(input.path ? { path: input.path } : {}),
  });
  return { ...result, added, adopted };
}
