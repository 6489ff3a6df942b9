/**
 * @module service/clients
 * The supported clients and where their files are on this machine.
 */
import { assertClientId, type ClientAdapter, getAdapter, listAdapters } from '../clients/index.js';
import type { ClientInfo } from '../core/schemas/deploy.js';
import { clientFileExists } from '../store/client-file.js';
import { resolveClientPath } from '../workflows/deploy.js';
import { mayRead } from './access.js';
import type { ServiceContext } from './context.js';

export function adapterFor(clientId: string): ClientAdapter {
  return getAdapter(assertClientId(clientId));
}

/** Every supported client, with its config path on this machine and whether the file exists. */
export async function listClients(ctx: ServiceContext): Promise<{ clients: ClientInfo[] }> {
  return {
    clients: await Promise.all(
      listAdapters().map(async (adapter) => {
        const path = resolveClientPath(adapter, ctx.paths, 'user');
        return {
          client_id: adapter.id,
          name: adapter.name,
          format: adapter.format,
          scopes: adapter.scopes,
          transports: adapter.transports,
          config_path: path,
          exists: clientFileExists(path),
          project_path:
            ctx.projectScope && adapter.scopes.includes('project')
              ? adapter.configPath(ctx.paths, 'project')
              : null,
          profiles: (await ctx.store.listPublishedProfiles(adapter.id)).filter((id) => mayRead(id)),
          docs: adapter.docs,
        };
      }),
    ),
  };
}
