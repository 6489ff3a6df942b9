/**
 * @module mcp/resources
 * Read-only views for a client to attach as context: what this server can do, the supported
 * clients, the registry, one server, and a profile's draft, latest publish and deployed state.
 */

import { ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Variables } from '@modelcontextprotocol/sdk/shared/uriTemplate.js';
import {
  ErrorCode,
  type ListResourcesResult,
  McpError,
  type ReadResourceResult,
} from '@modelcontextprotocol/sdk/types.js';
import { toOrchestrationError } from '../core/errors.js';
import { DEFAULT_CLIENT, DEFAULT_PROFILE } from '../core/schemas/operations.js';
import type { Orchestrator } from '../service/index.js';
import { VERSION } from '../version.js';
import type { ToolContext } from './tools/define.js';

const JSON_TYPE = 'application/json';
const MAX_COMPLETIONS = 100;

export const RESOURCE_URIS = [
  'capabilities://server',
  'capabilities://clients',
  'server://registry',
  'server://{server_id}',
  'config://{client_id}/{profile_id}/draft',
  'config://{client_id}/{profile_id}/latest',
  'config://{client_id}/{profile_id}/deployed',
] as const;

export const PROMPT_NAMES = ['setup-client', 'review-drift'] as const;

function json(uri: URL, value: unknown): ReadResourceResult {
  return { contents: [{ uri: uri.href, mimeType: JSON_TYPE, text: JSON.stringify(value, null, 2) }] };
}

/** Runs a read; a failure becomes a protocol error carrying the error code, never a stack. */
async function read(uri: URL, produce: () => unknown): Promise<ReadResourceResult> {
  try {
    return json(uri, await produce());
  } catch (err) {
    const error = toOrchestrationError(err);
    throw new McpError(ErrorCode.InvalidParams, `${error.code}: ${error.message}`, error.toJSON().error);
  }
}

const one = (value: string | string[] | undefined, fallback: string): string =>
  (Array.isArray(value) ? value[0] : value) ?? fallback;

function target(vars: Variables): { client_id: string; profile_id: string } {
  return {
    client_id: one(vars.client_id, DEFAULT_CLIENT),
    profile_id: one(vars.profile_id, DEFAULT_PROFILE),
  };
}

const startingWith = (values: string[], prefix: string) =>
  values.filter((v) => v.startsWith(prefix)).slice(0, MAX_COMPLETIONS);

async function safely<T>(produce: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await produce();
  } catch {
    return fallback;
  }
}

function clientIds(svc: Orchestrator): Promise<string[]> {
  return safely(async () => (await svc.listClients()).clients.map((c) => c.client_id), []);
}

async function profileIds(svc: Orchestrator, clientId: string | undefined): Promise<string[]> {
  const ids = await safely(
    async () => (await svc.listProfiles(clientId ?? DEFAULT_CLIENT)).profiles.map((p) => p.profile_id),
    [],
  );
  return ids.includes(DEFAULT_PROFILE) ? ids : [DEFAULT_PROFILE, ...ids];
}

/** The deployed state of one profile: the status entry and, when deployed, the artifact's payload. */
async function deployedView(
  svc: Orchestrator,
  t: { client_id: string; profile_id: string },
): Promise<unknown> {
  const entry = (await svc.status(t)).entries.find(
    (e) => e.client_id === t.client_id && e.profile_id === t.profile_id,
  );
  if (!entry?.artifact_id) return { ...t, state: 'not-deployed', artifact_id: null };
  const artifact = await svc.get({ ...t, artifact_id: entry.artifact_id });
  return { ...entry, payload: artifact.payload };
}

/** `config://` resources of every profile that has one, for clients that list resources. */
async function listConfigs(svc: Orchestrator, kind: 'draft' | 'latest'): Promise<ListResourcesResult> {
  const resources: ListResourcesResult['resources'] = [];
  for (const clientId of await clientIds(svc)) {
    for (const p of await safely(async () => (await svc.listProfiles(clientId)).profiles, [])) {
      if (kind === 'draft' ? p.has_draft : p.head !== null) {
        resources.push({
          uri: `config://${clientId}/${p.profile_id}/${kind}`,
          name: `${clientId}/${p.profile_id} ${kind}`,
          mimeType: JSON_TYPE,
        });
      }
    }
  }
  return { resources };
}

export function registerResources(ctx: ToolContext): void {
  const { server, orchestrator: svc } = ctx;
  const completeConfig = {
    client_id: async (value: string) => startingWith(await clientIds(svc), value),
    profile_id: async (value: string, context?: { arguments?: Record<string, string> }) =>
      startingWith(await profileIds(svc, context?.arguments?.client_id), value),
  };

  server.registerResource(
    'server-capabilities',
    'capabilities://server',
    {
      title: 'Server capabilities',
      description: 'What this MCP server offers, its version, home folder and key status',
      mimeType: JSON_TYPE,
    },
    (uri) =>
      read(uri, async () => ({
        name: 'mcp-orchestration',
        version: VERSION,
        home: svc.home.root,
        keys: await safely<{ initialized: boolean; key_id: string | null }>(
          async () => ({ initialized: true, key_id: (await svc.keysShow()).key_id }),
          {
            initialized: false,
            key_id: null,
          },
        ),
        defaults: { client_id: DEFAULT_CLIENT, profile_id: DEFAULT_PROFILE },
        tools: [...ctx.tools],
        resources: [...RESOURCE_URIS],
        prompts: [...PROMPT_NAMES],
        transports: ['stdio', 'streamable-http'],
      })),
  );

  server.registerResource(
    'client-capabilities',
    'capabilities://clients',
    {
      title: 'Supported clients',
      description:
        'Every supported MCP client: id, config format and path on this machine, transports, whether its config file exists',
      mimeType: JSON_TYPE,
    },
    (uri) => read(uri, () => svc.listClients()),
  );

  server.registerResource(
    'server-registry',
    'server://registry',
    {
      title: 'Server registry',
      description: 'All servers that can be added to a config',
      mimeType: JSON_TYPE,
    },
    (uri) =>
      read(uri, async () => {
        const servers = await svc.listServers();
        return { count: servers.length, servers };
      }),
  );

  server.registerResource(
    'server',
    new ResourceTemplate('server://{server_id}', {
      list: async () => ({
        resources: (await svc.listServers()).map((s) => ({
          uri: `server://${s.id}`,
          name: s.id,
          title: s.name,
          description: s.description,
          mimeType: JSON_TYPE,
        })),
      }),
      complete: {
        server_id: async (value) =>
          startingWith(
            (await svc.listServers()).map((s) => s.id),
            value,
          ),
      },
    }),
    {
      title: 'Registry server',
      description: 'One registry server with the config entry and CLI command that add it',
      mimeType: JSON_TYPE,
    },
    (uri, vars) => read(uri, () => svc.describeServer(one(vars.server_id, ''))),
  );

  server.registerResource(
    'config-draft',
    new ResourceTemplate('config://{client_id}/{profile_id}/draft', {
      list: () => listConfigs(svc, 'draft'),
      complete: completeConfig,
    }),
    { title: 'Draft config', description: 'The unpublished draft of a client profile', mimeType: JSON_TYPE },
    (uri, vars) => read(uri, () => svc.draftShow(target(vars))),
  );

  server.registerResource(
    'config-latest',
    new ResourceTemplate('config://{client_id}/{profile_id}/latest', {
      list: () => listConfigs(svc, 'latest'),
      complete: completeConfig,
    }),
    {
      title: 'Latest published config',
      description: 'The head artifact of a client profile, signed, as stored',
      mimeType: JSON_TYPE,
    },
    (uri, vars) => read(uri, () => svc.get(target(vars))),
  );

  server.registerResource(
    'config-deployed',
    new ResourceTemplate('config://{client_id}/{profile_id}/deployed', {
      list: undefined,
      complete: completeConfig,
    }),
    {
      title: 'Deployed config',
      description:
        "What is deployed to the client's config file: artifact, sync state (in-sync, drifted, not-deployed) and payload",
      mimeType: JSON_TYPE,
    },
    (uri, vars) => read(uri, () => deployedView(svc, target(vars))),
  );
}
