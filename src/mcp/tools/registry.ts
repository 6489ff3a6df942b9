/**
 * @module mcp/tools/registry
 * Browsing the server registry: `list_available_servers`, `describe_server`.
 */
import { z } from 'zod';
import { inputObject, ListServersInput } from '../../core/schemas/operations.js';
import { ServerDescriptionSchema, ServerListResultSchema } from '../../core/schemas/results.js';
import { defineTool, READ_ONLY, type ToolContext } from './define.js';

export const DescribeServerInput = inputObject({
  server_id: z
    .string()
    .max(64)
    .describe('Registry server id, e.g. "filesystem" (see list_available_servers)'),
});

export function registerRegistryTools(ctx: ToolContext): void {
  defineTool(ctx, {
    name: 'list_available_servers',
    title: 'List available MCP servers',
    description:
      'Browse the registry of MCP servers that can be added to a client config (built-in catalog plus servers the user added). ' +
      'Use it first when the user wants a capability ("a database server", "GitHub access") to find the server id. ' +
      'Filter with `search` (matches id, name, description, tags), `transport` (stdio, http, sse) or `tag`. ' +
      'Returns each server with its id, description, transport, required params and env vars. Then call describe_server or add_server_to_config.',
    input: ListServersInput,
    output: ServerListResultSchema,
    annotations: READ_ONLY,
    run: async (input, svc) => {
      const servers = await svc.listServers(input);
      return { count: servers.length, servers };
    },
    summary: (r) =>
      r.count === 0
        ? 'No server matches; try a broader search.'
        : `${r.count} server(s): ${r.servers
            .slice(0, 30)
            .map((s) => s.id)
            .join(', ')}${r.count > 30 ? ', ...' : ''}`,
  });

  defineTool(ctx, {
    name: 'describe_server',
    title: 'Describe an MCP server',
    description:
      'Full details of one registry server: what it does, how it runs (command or URL), the params it needs (e.g. a folder path) and ' +
      'its environment variables (which are secrets), plus the exact config entry and CLI command that would add it. ' +
      'Use it before add_server_to_config to learn which `params` and `env` to pass. Unknown ids fail with UNKNOWN_SERVER and suggestions.',
    input: DescribeServerInput,
    output: ServerDescriptionSchema,
    annotations: READ_ONLY,
    run: async ({ server_id }, svc) => {
      const { usage, ...server } = await svc.describeServer(server_id);
      return { server, usage };
    },
    summary: (r) => {
      const needs = [
        ...r.server.params.filter((p) => p.required).map((p) => `param ${p.name}`),
        ...r.server.env.filter((e) => e.required).map((e) => `env ${e.name}`),
      ];
      return `${r.server.id} (${r.server.transport}): ${r.server.description}${needs.length ? ` Needs: ${needs.join(', ')}.` : ''}`;
    },
  });
}
