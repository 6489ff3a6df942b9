/**
 * @module http/routes/servers
 * The server registry: built-in servers plus the ones users add.
 */
import { z } from '@hono/zod-openapi';
import { ListServersInput } from '../../core/schemas/operations.js';
import type { Orchestrator } from '../../service/index.js';
import { type App, operation } from '../route.js';
import { ServerDefinition, ServerList, ServerRemoved } from '../schemas.js';

const TAG = 'Servers';
const ServerParams = z.object({ server_id: z.string() });

export function registerServerRoutes(app: App, svc: Orchestrator): void {
  operation(
    app,
    {
      method: 'get',
      path: '/v1/servers',
      operationId: 'listServers',
      summary: 'Browse the registry, optionally filtered',
      tag: TAG,
      query: ListServersInput,
      response: ServerList,
    },
    ({ query }) => svc.listServers(query),
  );

  operation(
    app,
    {
      method: 'post',
      path: '/v1/servers',
      operationId: 'addServer',
      summary: 'Add a user server definition to the registry',
      tag: TAG,
      query: z.object({
        replace: z.enum(['true', 'false']).optional().describe('Replace a user server with the same id'),
      }),
      body: ServerDefinition,
      bodyRequired: true,
      response: ServerDefinition,
      status: 201,
      errors: [409],
    },
    ({ query, body }) => svc.addUserServer(body, { replace: query.replace === 'true' }),
  );

  operation(
    app,
    {
      method: 'post',
      path: '/v1/servers/import',
      operationId: 'importServerJson',
      summary: 'Add a user server from an MCP registry server.json document',
      tag: TAG,
      query: z.object({ id: z.string().max(64).optional().describe('Registry id to give the server') }),
      body: z.record(z.string(), z.unknown()).openapi('ServerJson'),
      bodyRequired: true,
      response: ServerDefinition,
      status: 201,
      errors: [409, 422],
    },
    ({ query, body }) => svc.importServerJson(body, typeof query.id === 'string' ? { id: query.id } : {}),
  );

  operation(
    app,
    {
      method: 'get',
      path: '/v1/servers/{server_id}',
      operationId: 'describeServer',
      summary: 'Full definition of a server and an example of how to add it',
      tag: TAG,
      params: ServerParams,
      response: ServerDefinition,
      errors: [404],
    },
    ({ params }) => svc.describeServer(params.server_id ?? ''),
  );

  operation(
    app,
    {
      method: 'delete',
      path: '/v1/servers/{server_id}',
      operationId: 'removeServer',
      summary: 'Remove a user server from the registry',
      tag: TAG,
      params: ServerParams,
      response: ServerRemoved,
      errors: [404],
    },
    ({ params }) => svc.removeUserServer(params.server_id ?? ''),
  );
}
