/**
 * @module service/governance
 * The policy (set, show, check drafts and heads, export to the clients' managed settings) and the
 * MCP registry client (search, import, outdated) over the service context.
 */
import { contentId } from '../core/canonical.js';
import { OrchestrationError } from '../core/errors.js';
import { assertId } from '../core/ids.js';
import type { Draft } from '../core/schemas/draft.js';
import { type Payload, PayloadSchema } from '../core/schemas/payload.js';
import type { Policy } from '../core/schemas/policy.js';
import type { ServerDefinition } from '../core/schemas/registry.js';
import type { ValidationIssue } from '../core/schemas/validation.js';
import {
  fetchRegistryServer,
  parseServerRef,
  type RegistrySearchResult,
  registryBase,
  registryServerToDefinition,
  searchRegistry,
} from '../registry/api/client.js';
import { assertNamespace, DEFAULT_USER_NAMESPACE } from '../registry/api/names.js';
import { compareVersions } from '../registry/api/versions.js';
import type { Registry } from '../registry/registry.js';
import {
  type RegistrySettings,
  readPolicy,
  readRegistrySettings,
  writePolicy,
  writeRegistrySettings,
} from '../store/governance.js';
import { checkPolicy, type PolicyLookup, parsePolicy } from '../workflows/policy.js';
import {
  EXPORT_FORMATS,
  type ExportFormat,
  exportPolicy,
  type PolicyExport,
} from '../workflows/policy-export.js';
import { assertAllowed } from './access.js';
import { addUserServer } from './catalog.js';
import { audit, registryOf, type ServiceContext } from './context.js';

/** The policy in force in this store (one for every replica of a hub), if any. */
export function policyOf(ctx: ServiceContext): Promise<Policy | undefined> {
  return readPolicy(ctx.store);
}

/** The namespace of user servers in the registry API (admin-set, else the default). */
export async function namespaceOf(ctx: ServiceContext): Promise<string> {
  return (await readRegistrySettings(ctx.store)).namespace ?? DEFAULT_USER_NAMESPACE;
}

/** How the policy finds the catalog server behind each entry of a config. */
export async function lookupFor(
  ctx: ServiceContext,
  registry: Registry,
  origins: Draft['origins'] = {},
): Promise<PolicyLookup> {
  const namespace = await namespaceOf(ctx);
  return {
    origin: (name) => origins[name]?.server_id,
    server: (id) => registry.find(id),
    namespace,
  };
}

/**
 * Sets the policy from the text of a YAML or JSON file; `VALIDATION_ERROR` when it is not one.
 * On a hub this needs the admin role; the change is in the audit trail with the policy's digest.
 * @example await setPolicy(ctx, { text: 'deny:\n  - command: curl\n', source: 'policy.yaml' })
 */
export async function setPolicy(
  ctx: ServiceContext,
  input: { text: string; source?: string | undefined },
): Promise<{ policy: Policy }> {
  assertAllowed('admin');
  const policy = parsePolicy(input.text, input.source);
  await writePolicy(ctx.store, policy);
  await audit(ctx, 'policy.set', 'policy', {
    digest: contentId(policy),
    allow: policy.allow?.length ?? 0,
    deny: policy.deny?.length ?? 0,
  });
  return { policy };
}

/** Removes the policy (admin on a hub; audited). */
export async function clearPolicy(ctx: ServiceContext): Promise<{ policy: null }> {
  assertAllowed('admin');
  await writePolicy(ctx.store, null);
  await audit(ctx, 'policy.clear', 'policy');
  return { policy: null };
}

export async function showPolicy(ctx: ServiceContext): Promise<{ policy: Policy | null }> {
  return { policy: (await policyOf(ctx)) ?? null };
}

export interface PolicyCheck {
  client_id: string;
  profile_id: string;
  kind: 'draft' | 'head';
  errors: ValidationIssue[];
}

/**
 * Checks the drafts and published heads of a client (or one profile) against the policy.
 * @example (await checkProfiles(ctx, { client_id: 'cursor' })).valid
 */
export async function checkProfiles(
  ctx: ServiceContext,
  input: { client_id?: string; profile_id?: string } = {},
): Promise<{ valid: boolean; checked: PolicyCheck[] }> {
  const policy = await policyOf(ctx);
  if (!policy) {
    throw new OrchestrationError('INVALID_INPUT', 'No policy is set. Set one with "policy set FILE".');
  }
  const client = assertId('client', input.client_id ?? 'claude-desktop');
  const registry = await registryOf(ctx);
  const profiles = input.profile_id
    ? [assertId('profile', input.profile_id)]
    : [
        ...new Set([
          ...(await ctx.store.listDraftProfiles(client)),
          ...(await ctx.store.listPublishedProfiles(client)),
        ]),
      ].sort();
  const checked: PolicyCheck[] = [];
  for (const profile of profiles) {
    const draft = await ctx.store.readDraft(client, profile);
    if (Object.keys(draft.mcpServers).length > 0) {
      const errors = checkPolicy(
        { mcpServers: draft.mcpServers },
        policy,
        await lookupFor(ctx, registry, draft.origins),
      );
      checked.push({ client_id: client, profile_id: profile, kind: 'draft', errors });
    }
    const head = await ctx.store.readHead(client, profile);
    if (head) {
      const artifact = (await ctx.store.loadArtifact(client, profile, head.artifact_id)) as {
        payload?: unknown;
      };
      const errors = checkPolicy(artifact.payload, policy, await lookupFor(ctx, registry));
      checked.push({ client_id: client, profile_id: profile, kind: 'head', errors });
    }
  }
  return { valid: checked.every((c) => c.errors.length === 0), checked };
}

/**
 * The policy (and a profile's head) in one client's managed-settings format.
 * @example await exportGovernance(ctx, { format: 'claude-code-managed-settings' })
 */
export async function exportGovernance(
  ctx: ServiceContext,
  input: { format: ExportFormat; client_id?: string; profile_id?: string; registry_url?: string },
): Promise<PolicyExport> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(input.format)) {
    throw new OrchestrationError(
      'INVALID_INPUT',
      `Unknown export format "${String(input.format).slice(0, 60)}". Use one of: ${EXPORT_FORMATS.join(', ')}.`,
      { formats: [...EXPORT_FORMATS] },
    );
  }
  const policy = await policyOf(ctx);
  let payload: Payload | undefined;
  if (input.format === 'claude-code-managed-mcp') {
    const client = assertId('client', input.client_id ?? 'claude-desktop');
    const profile = assertId('profile', input.profile_id ?? 'default');
    const head = await ctx.store.readHead(client, profile);
    if (!head) {
      throw new OrchestrationError(
        'PROFILE_NOT_FOUND',
        `Nothing is published for ${client}/${profile}; publish it first, or pick one with --client and --profile.`,
        { client_id: client, profile_id: profile },
      );
    }
    const artifact = (await ctx.store.loadArtifact(client, profile, head.artifact_id)) as {
      payload?: unknown;
    };
    payload = PayloadSchema.parse(artifact.payload);
  }
  const registry = await registryOf(ctx);
  const registryUrl = input.registry_url ?? (await readRegistrySettings(ctx.store)).url;
  return exportPolicy(input.format, {
    ...(policy ? { policy } : {}),
    ...(payload ? { payload } : {}),
    ...(registryUrl ? { registryUrl } : {}),
    lookup: await lookupFor(ctx, registry),
  });
}

/** Sets the default registry URL and/or the namespace of user servers (admin on a hub; audited). */
export async function setRegistry(
  ctx: ServiceContext,
  input: { url?: string; namespace?: string },
): Promise<RegistrySettings> {
  assertAllowed('admin');
  const settings = { ...(await readRegistrySettings(ctx.store)) };
  if (input.url !== undefined) settings.url = registryBase(input.url);
  if (input.namespace !== undefined) settings.namespace = assertNamespace(input.namespace);
  await writeRegistrySettings(ctx.store, settings);
  await audit(ctx, 'registry.set', 'registry', { ...settings });
  return settings;
}

async function registryUrlOf(ctx: ServiceContext, given: string | undefined): Promise<string> {
  const url = given ?? (await readRegistrySettings(ctx.store)).url;
  if (url) return url;
  throw new OrchestrationError(
    'INVALID_INPUT',
    'No registry given: pass --registry URL, or set a default with "registry set URL" (e.g. https://registry.modelcontextprotocol.io).',
  );
}

export async function searchServers(
  ctx: ServiceContext,
  input: { query?: string; registry?: string; token?: string; limit?: number },
): Promise<RegistrySearchResult> {
  return searchRegistry(
    await registryUrlOf(ctx, input.registry),
    { ...(input.query ? { search: input.query } : {}), ...(input.limit ? { limit: input.limit } : {}) },
    input.token ? { token: input.token } : {},
  );
}

/**
 * Brings `NAME[@VERSION]` from a registry into the catalog as a user server.
 * @example await importFromRegistry(ctx, { ref: 'io.github.acme/weather@1.2.0', registry: 'https://r.acme.com' })
 */
export async function importFromRegistry(
  ctx: ServiceContext,
  input: { ref: string; registry?: string; token?: string; id?: string; replace?: boolean },
): Promise<ServerDefinition> {
  const { name, version } = parseServerRef(input.ref);
  const response = await fetchRegistryServer(
    await registryUrlOf(ctx, input.registry),
    name,
    version,
    input.token ? { token: input.token } : {},
  );
  const def = registryServerToDefinition(response, input.id === undefined ? {} : { id: input.id });
  return addUserServer(ctx, def, { replace: input.replace ?? false });
}

/** The policy in force with its lookup, for validation; undefined when no policy is set. */
export async function governed(
  ctx: ServiceContext,
  registry: Registry,
  origins: Draft['origins'] = {},
): Promise<{ policy: Policy; lookup: PolicyLookup } | undefined> {
  const policy = await policyOf(ctx);
  return policy ? { policy, lookup: await lookupFor(ctx, registry, origins) } : undefined;
}

export interface OutdatedServer {
  id: string;
  registry_name: string;
  version: string | null;
  latest: string | null;
  status: 'outdated' | 'up-to-date' | 'not-in-registry';
}

/** Compares the versions of imported catalog servers with the registry's latest. */
export async function outdatedServers(
  ctx: ServiceContext,
  input: { registry?: string; token?: string } = {},
): Promise<{ registry: string; servers: OutdatedServer[] }> {
  const url = await registryUrlOf(ctx, input.registry);
  const imported = (await ctx.store.listUserServers()).filter((d) => d.registry_name);
  const servers: OutdatedServer[] = [];
  for (const def of imported) {
    const name = def.registry_name ?? '';
    let latest: string | null = null;
    try {
      latest = (await fetchRegistryServer(url, name, 'latest', input.token ? { token: input.token } : {}))
        .server.version;
    } catch (err) {
      if ((err as OrchestrationError).code !== 'UNKNOWN_SERVER') throw err;
    }
    const version = def.version ?? null;
    const status =
      latest === null
        ? 'not-in-registry'
        : version === null || compareVersions(latest, version) > 0
          ? 'outdated'
          : 'up-to-date';
    servers.push({ id: def.id, registry_name: name, version, latest, status });
  }
  return { registry: registryBase(url), servers };
}

/** What the Registry API v0.1 serves: the whole catalog, and the namespace of its user servers. */
export async function registryApiCatalog(
  ctx: ServiceContext,
): Promise<{ servers: ServerDefinition[]; namespace: string }> {
  return { servers: (await registryOf(ctx)).list(), namespace: await namespaceOf(ctx) };
}
