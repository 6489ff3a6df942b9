/**
 * @module http/routes/clients
 * Supported MCP clients and the profiles of one client.
 */
import { z } from '@hono/zod-openapi';
import { ListInput } from '../../core/schemas/listing.js';
import type { Orchestrator } from '../../service/index.js';
import { type App, operation } from '../route.js';
import { ClientList, Listing, ProfileList } from '../schemas.js';

const TAG = 'Clients';

export function registerClientRoutes(app: App, svc: Orchestrator): void {
  operation(
    app,
    {
      method: 'get',
      path: '/v1/clients',
      operationId: 'listClients',
      summary: 'Supported clients: id, name, format, config path on the server machine, whether found',
      tag: TAG,
      response: ClientList,
    },
    () => svc.listClients(),
  );

  operation(
    app,
    {
      method: 'get',
      path: '/v1/clients/servers',
      operationId: 'listClientServers',
      summary:
        'Every server in every client config file on the server machine (user and project scope), with its state: managed, drifted, unmanaged, disabled or unreadable',
      tag: TAG,
      query: ListInput,
      response: Listing,
      errors: [404],
    },
    ({ query }) => svc.listInstalled(query),
  );

  operation(
    app,
    {
      method: 'get',
      path: '/v1/clients/{client_id}/profiles',
      operationId: 'listProfiles',
      summary: 'Profiles of a client with their head artifact and whether a draft exists',
      description: 'A token limited to some profiles sees only the profiles its pattern matches.',
      tag: TAG,
      params: z.object({ client_id: z.string() }),
      response: ProfileList,
      errors: [404],
    },
    (input) => svc.listProfiles(input.params.client_id),
  );
}
