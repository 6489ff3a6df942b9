/**
 * @module service/catalog
 * The server registry: built-in servers plus the user's own, kept by the Store.
 */
import { OrchestrationError } from '../core/errors.js';
import { assertId } from '../core/ids.js';
import { type In, ListServersInput } from '../core/schemas/operations.js';
import type { ServerDefinition } from '../core/schemas/registry.js';
import type { ServerRemoved, ServerUsage } from '../core/schemas/results.js';
import { serverJsonToDefinition } from '../registry/import-server-json.js';
import { buildServerEntry, isBuiltinServer, parseUserServer } from '../registry/registry.js';
import { audit, registryOf, type ServiceContext } from './context.js';

export async function listServers(
  ctx: ServiceContext,
  input: In<typeof ListServersInput> = {},
): Promise<ServerDefinition[]> {
  const filter = ListServersInput.parse(input);
  return (await registryOf(ctx)).list({
    ...(filter.search === undefined ? {} : { search: filter.search }),
    ...(filter.transport === undefined ? {} : { transport: filter.transport }),
    ...(filter.tag === undefined ? {} : { tag: filter.tag }),
  });
}

/** One server, with the CLI line and the entry that adding it would make. */
export async function describeServer(
  ctx: ServiceContext,
  serverId: string,
): Promise<ServerDefinition & { usage: ServerUsage }> {
  const def = (await registryOf(ctx)).get(assertId('server', serverId));
  const params: Record<string, string> = {};
  for (const p of def.params) params[p.name] = p.default ?? p.example ?? `<${p.name}>`;
  const env: Record<string, string> = {};
  for (const e of def.env) if (e.required) env[e.name] = `\${env:${e.name}}`;
  const { entry } = buildServerEntry(def, { params, env });
  const flags = [
    ...def.params.filter((p) => p.required).map((p) => `--param ${p.name}=${params[p.name]}`),
    ...def.env.filter((e) => e.required).map((e) => `--env ${e.name}='\${env:${e.name}}'`),
  ];
  return { ...def, usage: { cli: ['mcp-orchestration draft add', def.id, ...flags].join(' '), entry } };
}

/** Adds (or with `replace`, replaces) a user server, validated first. */
export async function addUserServer(
  ctx: ServiceContext,
  definition: unknown,
  options: { replace?: boolean } = {},
): Promise<ServerDefinition> {
  const def = await ctx.store.putUserServer(parseUserServer(definition), options);
  await audit(ctx, 'server.add', def.id, { replace: options.replace ?? false });
  return def;
}

/** Removes a user server; built-in servers cannot be removed. */
export async function removeUserServer(ctx: ServiceContext, serverId: string): Promise<ServerRemoved> {
  const id = assertId('server', serverId);
  const removed = await ctx.store.removeUserServer(id);
  if (removed === null) {
    if (isBuiltinServer(id)) {
      throw new OrchestrationError(
        'INVALID_INPUT',
        `"${id}" is a built-in server: built-in servers cannot be removed.`,
        { serverId: id },
      );
    }
    (await registryOf(ctx)).get(id); // UNKNOWN_SERVER with suggestions
    throw new OrchestrationError('UNKNOWN_SERVER', `No user server "${id}".`, { serverId: id });
  }
  await audit(ctx, 'server.remove', id);
  return { removed: id };
}

/** Converts an MCP registry `server.json` and stores it as a user server. */
export function importServerJson(
  ctx: ServiceContext,
  document: unknown,
  options: { id?: string; replace?: boolean } = {},
): Promise<ServerDefinition> {
  const def = serverJsonToDefinition(document, options.id === undefined ? {} : { id: options.id });
  return addUserServer(ctx, def, options.replace === undefined ? {} : { replace: options.replace });
}
