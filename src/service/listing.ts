/**
 * @module service/listing
 * `list`: every server of every client config file found on this machine (user and project
 * scope), each with its state. Whether a managed server is in sync is the drift engine's answer
 * (workflows/drift `compareServers` against the hashes recorded at deploy time), the same one
 * `status` and `diff --deployed` give, so the three never disagree.
 */
import { assertClientId, type ClientAdapter, listAdapters, type Scope } from '../clients/index.js';
import { OrchestrationError, toOrchestrationError } from '../core/errors.js';
import { type ListedFile, type ListedServer, ListInput, type Listing } from '../core/schemas/listing.js';
import type { In } from '../core/schemas/operations.js';
import { transportOf } from '../core/schemas/payload.js';
import { clientFileExists, readClientBytes } from '../store/client-file.js';
import { type DeploymentRecord, managedServersOf } from '../store/deployments.js';
import { saltOfRecord } from '../store/hash-salt.js';
import { readNeutralServers, resolveClientPath } from '../workflows/deploy.js';
import { compareServers } from '../workflows/drift.js';
import { checkPolicy } from '../workflows/policy.js';
import { mayRead } from './access.js';
import { adapterFor } from './clients.js';
import { registryOf, type ServiceContext } from './context.js';
import { governed } from './governance.js';
import { settleIntents } from './intents.js';

/** The client's own switch for a server that is configured but off (`disabled: true`, `enabled: false`). */
export function isSwitchedOff(entry: unknown): boolean {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return false;
  const e = entry as Record<string, unknown>;
  return e.disabled === true || e.enabled === false;
}

/** Every client file that exists, with each of its servers and their state. */
export async function listInstalled(ctx: ServiceContext, input: In<typeof ListInput> = {}): Promise<Listing> {
  const parsed = ListInput.parse(input);
  // A deploy killed between writing a file and recording it is finished first.
  await settleIntents(ctx);
  const adapters =
    parsed.client_id === undefined ? listAdapters() : [adapterFor(assertClientId(parsed.client_id))];
  const clients: ListedFile[] = [];
  const rules = await governed(ctx, await registryOf(ctx));
  for (const adapter of adapters) {
    for (const { path, scope } of filesOf(ctx, adapter)) {
      const file = await listFile(ctx, adapter, path, scope, rules);
      // A token limited to some profiles is not shown the servers the others manage.
      clients.push({
        ...file,
        servers: file.servers.filter((s) => s.profile_id === undefined || mayRead(s.profile_id)),
      });
    }
  }
  return { clients };
}

/** The client's user file and, where it has one, the project file of the current folder: those that exist. */
function filesOf(ctx: ServiceContext, adapter: ClientAdapter): Array<{ path: string; scope: Scope }> {
  const files: Array<{ path: string; scope: Scope }> = [];
  for (const scope of ['user', 'project'] as const) {
    if (!adapter.scopes.includes(scope) || (scope === 'project' && !ctx.projectScope)) continue;
    const path = resolveClientPath(adapter, ctx.paths, scope);
    if (clientFileExists(path) && !files.some((f) => f.path === path)) files.push({ path, scope });
  }
  return files;
}

/** Per managed server of this file: the latest deployment of each profile that wrote this file. */
async function managersOf(
  ctx: ServiceContext,
  clientId: string,
  path: string,
): Promise<Map<string, DeploymentRecord>> {
  const byServer = new Map<string, DeploymentRecord>();
  const seenProfiles = new Set<string>();
  // Newest first: the first record of a profile for this file is what that profile manages now.
  for (const record of await ctx.store.readDeploymentLog({ client_id: clientId })) {
    if (record.config_path !== path || seenProfiles.has(record.profile_id)) continue;
    seenProfiles.add(record.profile_id);
    for (const name of managedServersOf(record)) if (!byServer.has(name)) byServer.set(name, record);
  }
  return byServer;
}

async function listFile(
  ctx: ServiceContext,
  adapter: ClientAdapter,
  path: string,
  scope: Scope,
  rules?: Awaited<ReturnType<typeof governed>>,
): Promise<ListedFile> {
  const base = { client_id: adapter.id, name: adapter.name, path, scope, format: adapter.format };
  let file: ReturnType<typeof readNeutralServers>;
  try {
    file = readNeutralServers(adapter, readClientBytes(path));
  } catch (err) {
    const e = err instanceof OrchestrationError ? err : toOrchestrationError(err);
    return { ...base, servers: [], error: { code: e.code, message: e.message } };
  }
  const managers = await managersOf(ctx, adapter.id, path);
  const unreadable = new Map(file.skipped.map((s) => [s.server, s.reason]));
  const servers: ListedServer[] = [];
  for (const [name, raw] of Object.entries(file.raw)) {
    const record = managers.get(name);
    const managed = record !== undefined;
    const owner = record ? { profile_id: record.profile_id } : {};
    const neutral = file.payload.mcpServers[name];
    const transport = neutral ? { transport: transportOf(neutral) } : {};
    if (isSwitchedOff(raw)) {
      servers.push({ name, state: 'disabled', managed, ...owner, ...transport });
    } else if (unreadable.has(name)) {
      servers.push({ name, state: 'unreadable', managed, ...owner, reason: unreadable.get(name) ?? '' });
    } else if (!record) {
      servers.push({ name, state: 'unmanaged', managed, ...transport });
    } else {
      const hash = record.server_hashes[name];
      const same =
        hash === undefined ||
        compareServers(adapter, { [name]: hash }, file.raw, await saltOfRecord(ctx.store, record))[name] ===
          'unchanged';
      servers.push({
        name,
        state: same ? 'managed' : 'drifted',
        managed,
        ...owner,
        ...transport,
        ...(same ? {} : { reason: `changed in the file since profile "${record.profile_id}" deployed it` }),
      });
    }
  }
  // A managed server deleted from the file by hand is drift too (status says so as well).
  for (const [name, record] of managers) {
    if (Object.hasOwn(file.raw, name) || record.server_hashes[name] === undefined) continue;
    servers.push({
      name,
      state: 'drifted',
      managed: true,
      profile_id: record.profile_id,
      reason: `missing from the file; profile "${record.profile_id}" deployed it`,
    });
  }
  // Servers `disable` took out of a client without an off switch: remembered in the profile's draft.
  if (scope === 'user') {
    const log = await ctx.store.readDeploymentLog({ client_id: adapter.id });
    for (const profile of new Set(log.filter((r) => r.config_path === path).map((r) => r.profile_id))) {
      const { parked } = await ctx.store.readDraft(adapter.id, profile);
      for (const [name, { entry }] of Object.entries(parked)) {
        if (Object.hasOwn(file.raw, name)) continue;
        servers.push({
          name,
          state: 'disabled',
          managed: true,
          profile_id: profile,
          transport: transportOf(entry),
          reason: `switched off by "disable" (${adapter.name} has no off switch, so it is out of the file); "enable ${name}" puts it back`,
        });
      }
    }
  }
  if (rules) markBreaches(servers, checkPolicy(file.payload, rules.policy, rules.lookup));
  servers.sort((a, b) => a.name.localeCompare(b.name));
  return { ...base, servers };
}

/** Marks each server with the policy rules it breaks (`list` shows them beside its state). */
function markBreaches(servers: ListedServer[], issues: ReturnType<typeof checkPolicy>): void {
  for (const issue of issues) {
    const server = servers.find((s) => s.name === issue.server);
    if (!server) continue;
    server.policy_violations ??= [];
    server.policy_violations.push({ rule: issue.rule ?? '', path: issue.path, message: issue.message });
  }
}
