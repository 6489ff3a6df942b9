/**
 * @module service/oneshot
 * The everyday one-shots over the whole flow: `add`, `remove`, `enable` and `disable` a server in
 * one or many clients at once. Each is all or nothing:
 *  1. plan: for every client, the new config is computed in memory, validated (and checked
 *     against the policy) and deployed as a dry run, so every mistake a user can make (a missing
 *     parameter, a typo, a file that does not parse, a conflict) is found before anything is written;
 *  2. write: each client's file is deployed, then each profile is published with exactly the
 *     artifact deployed, then the drafts follow. If a write fails, the files already written are
 *     restored from their backups, so the clients are as before.
 * A dry run stops after the plan: nothing is written anywhere, not even a key.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { assertClientIds, type ClientAdapter, listAdapters } from '../clients/index.js';
import { contentId } from '../core/canonical.js';
import { OrchestrationError, toOrchestrationError } from '../core/errors.js';
import { assertId, assertServerName } from '../core/ids.js';
import type { Artifact, HistoryEntry } from '../core/schemas/artifact.js';
import type { OneshotResult } from '../core/schemas/deploy.js';
import type { Draft } from '../core/schemas/draft.js';
import {
  type In,
  OneshotAddInput,
  OneshotRemoveInput,
  OneshotToggleInput,
} from '../core/schemas/operations.js';
import type { Payload, ServerEntry } from '../core/schemas/payload.js';
import { keyIdOf, loadSigningKey, type SigningKey } from '../crypto/keys.js';
import { buildServerEntry } from '../registry/registry.js';
import { editClientFile, readClientBytes } from '../store/client-file.js';
import { newHashSalt } from '../store/hash-salt.js';
import { GENERATOR } from '../version.js';
import { buildArtifact } from '../workflows/artifact.js';
import { deployArtifact, readNeutralServers, resolveClientPath } from '../workflows/deploy.js';
import { restoreReferences } from '../workflows/resolved-refs.js';
import { invalidConfig } from '../workflows/validate.js';
import { adapterFor } from './clients.js';
import { audit, registryOf, type ServiceContext } from './context.js';
import { type WrittenFile, writeTo } from './deployment.js';
import { governed } from './governance.js';
import { get } from './history.js';
import { resolvedRefsOf } from './importing.js';
import { settleIntents } from './intents.js';
import { init } from './keys.js';
import { managedInFile } from './managed.js';
import { check } from './validation.js';

type Action = OneshotResult['action'];
type How = OneshotResult['clients'][number]['how'];

/** The config of one client's profile as the one-shot changes it, in memory. */
interface Config {
  mcpServers: Record<string, ServerEntry>;
  origins: Draft['origins'];
  parked: Draft['parked'];
}

/** What the client's file holds now, as the planner sees it. */
interface FileView {
  adapter: ClientAdapter;
  /** Readable servers of the file, neutral. */
  servers: Record<string, ServerEntry>;
  /** Every entry name in the file (also unreadable ones). */
  names: string[];
}

/** One client's share of a one-shot: what to write, and what it was before. */
interface Plan {
  adapter: ClientAdapter;
  profile: string;
  configPath: string;
  head: HistoryEntry | null;
  next: Config;
  adopted: string[];
  how: How;
  /** Names the deploy removes from the file even if this tool did not write them. */
  forget: string[];
  adopt: boolean;
  changed: boolean;
  preview: Awaited<ReturnType<typeof deployArtifact>>;
}

/** Changes one client's config in memory; throws (with a code) when it cannot. */
type Edit = (config: Config, file: FileView, clientId: string) => { how: How; forget?: string[] };

export async function addServer(
  ctx: ServiceContext,
  input: In<typeof OneshotAddInput>,
): Promise<OneshotResult> {
  const parsed = OneshotAddInput.parse(input);
  const registry = await registryOf(ctx);
  const def = registry.get(assertId('server', parsed.server_id));
  const name = assertServerName(parsed.name ?? def.id);
  const { entry } = buildServerEntry(def, { params: parsed.params, env: parsed.env });
  const origin = { server_id: def.id, params: parsed.params, env: Object.keys(parsed.env) };
  return oneshot(
    ctx,
    'add',
    name,
    parsed,
    parsed.changelog ?? `add ${name}`,
    parsed.adopt,
    (config, _f, c) => {
      if (config.mcpServers[name] || config.parked[name]) {
        throw new OrchestrationError(
          'DUPLICATE_SERVER',
          `${c} already has a server named "${name}"${config.parked[name] ? ' (disabled)' : ''}. Remove it first, or pick another name with --name.`,
          { client_id: c, name },
        );
      }
      config.mcpServers[name] = entry;
      config.origins[name] = origin;
      return { how: 'added' };
    },
  );
}

export async function removeServer(
  ctx: ServiceContext,
  input: In<typeof OneshotRemoveInput>,
): Promise<OneshotResult> {
  const parsed = OneshotRemoveInput.parse(input);
  const name = assertServerName(parsed.name);
  return oneshot(
    ctx,
    'remove',
    name,
    parsed,
    parsed.changelog ?? `remove ${name}`,
    false,
    (config, file, c) => {
      if (!config.mcpServers[name] && !config.parked[name] && !file.names.includes(name))
        throw notFound(c, name, file);
      delete config.mcpServers[name];
      delete config.origins[name];
      delete config.parked[name];
      return { how: 'removed', forget: [name] };
    },
  );
}

/** `enable`: switches a server back on (the client's flag, or the entry `disable` parked). */
export function enableServer(
  ctx: ServiceContext,
  input: In<typeof OneshotToggleInput>,
): Promise<OneshotResult> {
  return toggleServer(ctx, input, true);
}

/** `disable`: the client's own flag where it has one, else out of the file and remembered. */
export function disableServer(
  ctx: ServiceContext,
  input: In<typeof OneshotToggleInput>,
): Promise<OneshotResult> {
  return toggleServer(ctx, input, false);
}

async function toggleServer(
  ctx: ServiceContext,
  input: In<typeof OneshotToggleInput>,
  on: boolean,
): Promise<OneshotResult> {
  const parsed = OneshotToggleInput.parse(input);
  const name = assertServerName(parsed.name);
  const action: Action = on ? 'enable' : 'disable';
  return oneshot(ctx, action, name, parsed, `${action} ${name}`, true, (config, file, c) => {
    const parked = config.parked[name];
    if (on && parked) {
      config.mcpServers[name] = parked.entry;
      if (parked.origin) config.origins[name] = parked.origin;
      delete config.parked[name];
      return { how: 'restored' };
    }
    // A server of the file the profile does not hold yet is taken in: the user named it.
    const entry = config.mcpServers[name] ?? file.servers[name];
    if (!entry) throw notFound(c, name, file);
    if ((entry.disabled === true) !== on) {
      throw new OrchestrationError(
        'NO_CHANGES',
        `"${name}" is already ${on ? 'enabled' : 'disabled'} in ${c}; nothing was changed.`,
        { client_id: c, name },
      );
    }
    if (on) {
      const { disabled: _off, ...rest } = entry;
      config.mcpServers[name] = rest;
      return { how: 'switched-on' };
    }
    if (file.adapter.carries?.disabled) {
      config.mcpServers[name] = { ...entry, disabled: true };
      return { how: 'switched-off' };
    }
    // No flag in this client: out of the file, remembered in the draft for `enable`.
    const origin = config.origins[name];
    config.parked[name] = { entry, ...(origin ? { origin } : {}) };
    delete config.mcpServers[name];
    delete config.origins[name];
    return { how: 'parked', forget: [name] };
  });
}

function notFound(clientId: string, name: string, file: FileView): OrchestrationError {
  return new OrchestrationError(
    'SERVER_NOT_IN_DRAFT',
    `${clientId} has no server named "${name}"${file.names.length ? ` (it has: ${file.names.join(', ')})` : ''}. Run "mcp-orchestration list --client ${clientId}" to see its servers.`,
    { client_id: clientId, name, servers: file.names },
  );
}

interface Targets {
  clients?: string[] | undefined;
  all_found: boolean;
  profile_id: string;
  dry_run: boolean;
}

/** The clients a one-shot changes, checked whole before anything happens. */
function targetsOf(ctx: ServiceContext, input: Targets): string[] {
  if (input.all_found && input.clients) {
    throw new OrchestrationError('INVALID_INPUT', 'Give either --clients or --all-found, not both.');
  }
  if (!input.all_found) return assertClientIds(input.clients ?? ['claude-desktop']);
  const found = listAdapters()
    .filter((a) => readClientBytes(resolveClientPath(a, ctx.paths, 'user')) !== null)
    .map((a) => a.id);
  if (found.length === 0) {
    throw new OrchestrationError(
      'FILE_NOT_FOUND',
      'No client config file was found on this machine. Name the clients with --clients a,b.',
    );
  }
  return found;
}

async function oneshot(
  ctx: ServiceContext,
  action: Action,
  name: string,
  input: Targets,
  changelog: string,
  adopt: boolean,
  edit: Edit,
): Promise<OneshotResult> {
  const profile = assertId('profile', input.profile_id);
  let targets = targetsOf(ctx, input);
  if (input.all_found && action !== 'add') {
    // Every found client that has the server; the others are not an error.
    const holding: string[] = [];
    for (const c of targets) if (await holds(ctx, c, profile, name)) holding.push(c);
    if (holding.length === 0) {
      throw new OrchestrationError(
        'SERVER_NOT_IN_DRAFT',
        `No client on this machine has a server named "${name}". Run "mcp-orchestration list" to see what each client holds.`,
        { name },
      );
    }
    targets = holding;
  }
  const registry = await registryOf(ctx);
  const scratch = scratchKey();
  const plans: Plan[] = [];
  const warnings: OneshotResult['warnings'] = [];
  for (const clientId of targets) {
    let plan: Plan;
    try {
      plan = await planFor(ctx, clientId, profile, edit, adopt, scratch, changelog);
    } catch (err) {
      // With all_found, a client where the server is already on (or off) is simply not one to change.
      if (input.all_found && err instanceof OrchestrationError && err.code === 'NO_CHANGES') continue;
      throw err;
    }
    const checked = check(
      registry,
      { mcpServers: plan.next.mcpServers },
      plan.next.origins,
      await governed(ctx, registry, plan.next.origins),
    );
    // Removing or switching off the last server leaves an empty config: that is what was asked.
    const errors = checked.errors.filter((e) => action === 'add' || e.code !== 'EMPTY_CONFIG');
    const validation = { ...checked, errors, valid: errors.length === 0 };
    if (!validation.valid) {
      throw invalidConfig(
        validation,
        `Nothing was changed: with this ${action}, the ${clientId}/${profile} config would not validate:`,
      );
    }
    warnings.push(...validation.warnings.map((w) => ({ code: w.code, message: w.message })));
    plans.push(plan);
  }
  if (plans.length === 0) {
    throw new OrchestrationError(
      'NO_CHANGES',
      `"${name}" is already ${action === 'enable' ? 'enabled' : 'disabled'} in every client that has it (${targets.join(', ')}); nothing was changed.`,
      { name, clients: targets },
    );
  }
  if (input.dry_run) {
    return {
      action,
      server: name,
      dry_run: true,
      keys_created: null,
      clients: plans.map((p) => clientResult(p, p.preview, null)),
      warnings,
    };
  }
  const keysCreated = existsSync(ctx.home.privateKey) ? null : (await init(ctx)).key_id;
  const key = loadSigningKey(ctx.home);
  await settleIntents(ctx);
  const written: Written[] = [];
  try {
    for (const plan of plans) {
      const artifact = plan.changed
        ? artifactFor(plan, key, changelog)
        : await get(ctx, { client_id: plan.adapter.id, profile_id: profile });
      const file = await writeTo(ctx, plan.adapter, artifact, {
        profile,
        scope: 'user',
        dryRun: false,
        action: 'deploy',
        adopt: plan.adopt,
        forget: plan.forget,
        intentsSettled: true,
      });
      written.push({ plan, artifact, file });
    }
    for (const { plan, artifact } of written) {
      if (plan.changed) await commitArtifact(ctx, plan, artifact, changelog);
    }
  } catch (err) {
    throw await undo(ctx, written, err);
  }
  // Every file is written and every artifact published: only now do the deployments get a record.
  const results: OneshotResult['clients'] = [];
  for (const { plan, artifact, file } of written) {
    const deployed = await file.record();
    results.push({
      ...clientResult(plan, null, artifact.artifact_id),
      status: deployed.status,
      servers: deployed.servers,
      warnings: deployed.warnings,
    });
  }
  for (const plan of plans) {
    await ctx.store.updateDraft(plan.adapter.id, profile, (d) => {
      d.mcpServers = plan.next.mcpServers;
      d.origins = plan.next.origins;
      d.parked = plan.next.parked;
    });
  }
  await audit(ctx, action, plans.map((p) => `${p.adapter.id}/${profile}`).join(','), { server: name });
  return { action, server: name, dry_run: false, keys_created: keysCreated, clients: results, warnings };
}

/** Whether the client's profile or its file has the server. */
async function holds(ctx: ServiceContext, clientId: string, profile: string, name: string): Promise<boolean> {
  const draft = await ctx.store.readDraft(clientId, profile);
  if (draft.mcpServers[name] || draft.parked[name]) return true;
  const adapter = adapterFor(clientId);
  try {
    const bytes = readClientBytes(resolveClientPath(adapter, ctx.paths, 'user'));
    return Object.hasOwn(readNeutralServers(adapter, bytes).raw, name);
  } catch {
    return false;
  }
}

async function planFor(
  ctx: ServiceContext,
  clientId: string,
  profile: string,
  edit: Edit,
  adopt: boolean,
  scratch: SigningKey,
  changelog: string,
): Promise<Plan> {
  const adapter = adapterFor(clientId);
  const configPath = resolveClientPath(adapter, ctx.paths, 'user');
  const bytes = readClientBytes(configPath);
  // A file that does not parse stops the whole one-shot here (CLIENT_CONFIG_INVALID), before any write.
  const read = readNeutralServers(adapter, bytes);
  // Values a deploy resolved from `${env:NAME}` are read back as the reference, never as the secret.
  const servers = restoreReferences(read.payload, await resolvedRefsOf(ctx, clientId, configPath)).mcpServers;
  const file: FileView = { adapter, servers, names: Object.keys(read.raw) };
  const draft = await ctx.store.readDraft(clientId, profile);
  const head = await ctx.store.readHead(clientId, profile);
  const next: Config = structuredClone({
    mcpServers: draft.mcpServers,
    origins: draft.origins,
    parked: draft.parked,
  });
  const adopted: string[] = [];
  if (head === null && Object.keys(next.mcpServers).length === 0) {
    // First use: the servers the client already has become the profile, so none is lost.
    Object.assign(next.mcpServers, structuredClone(file.servers));
    adopted.push(...Object.keys(file.servers));
  }
  const { how, forget = [] } = edit(next, file, clientId);
  const changed = contentId({ mcpServers: next.mcpServers }) !== head?.artifact_id;
  const draftPlan = { adapter, profile, configPath, head, next, adopted, how, forget, adopt, changed };
  // The deploy as a dry run with a throwaway key: conflicts, restrictions and secrets show up now.
  const preview = await deployArtifact({
    adapter,
    artifact: artifactFor(draftPlan, scratch, changelog),
    configPath,
    keys: new Map([[scratch.keyId, scratch.publicKey]]),
    env: ctx.env,
    ctx: ctx.paths,
    dryRun: true,
    wrapWindowsCmd: false,
    hashSalt: newHashSalt(),
    managed: new Set([...(await managedInFile(ctx, clientId, profile, configPath)), ...forget]),
    prune: false,
    adopt,
    backup: async () => {
      throw new Error('a dry run takes no backup');
    },
    home: ctx.home,
  });
  return { ...draftPlan, preview };
}

function clientResult(
  plan: Plan,
  preview: Plan['preview'] | null,
  artifactId: string | null,
): OneshotResult['clients'][number] {
  return {
    client_id: plan.adapter.id,
    profile_id: plan.profile,
    config_path: plan.configPath,
    status: 'dry-run',
    artifact_id: artifactId,
    published: plan.changed && artifactId !== null,
    how: plan.how,
    adopted: plan.adopted,
    servers: preview?.outcomes ?? [],
    warnings: preview?.warnings ?? [],
  };
}

function artifactFor(
  plan: Pick<Plan, 'adapter' | 'profile' | 'next' | 'head'>,
  key: SigningKey,
  changelog: string,
): Artifact {
  const payload: Payload = { mcpServers: plan.next.mcpServers };
  return buildArtifact(
    {
      clientId: plan.adapter.id,
      profileId: plan.profile,
      payload,
      changelog,
      parentId: plan.head?.artifact_id ?? null,
      generator: GENERATOR,
    },
    key,
  );
}

/** Publishes exactly the artifact that was deployed, on top of the head the plan was made from. */
async function commitArtifact(ctx: ServiceContext, plan: Plan, artifact: Artifact, changelog: string) {
  await ctx.store.publish(plan.adapter.id, plan.profile, (head) => {
    if ((head?.artifact_id ?? null) !== (plan.head?.artifact_id ?? null)) {
      throw new OrchestrationError(
        'WRITE_FAILED',
        `${plan.adapter.id}/${plan.profile} was published by someone else meanwhile; nothing of this change was kept. Run the command again.`,
      );
    }
    return artifact;
  });
  await audit(
    ctx,
    'publish',
    `${plan.adapter.id}/${plan.profile}`,
    { server_count: artifact.metadata.server_count, changelog },
    artifact.artifact_id,
  );
}

/** One client's file as the write phase left it. */
interface Written {
  plan: Plan;
  artifact: Artifact;
  file: WrittenFile;
}

/**
 * Puts back the bytes each written file had before this one-shot, newest first, and returns the
 * error to throw: the original one, saying which files could not be put back and where their
 * backups are.
 */
async function undo(ctx: ServiceContext, written: Written[], cause: unknown): Promise<OrchestrationError> {
  const failed: { client_id: string; config_path: string; backup_id: string; reason: string }[] = [];
  for (const { plan, file } of [...written].reverse()) {
    file.abandon();
    if (!file.backup) continue;
    const backup = file.backup;
    try {
      const { bytes } = await ctx.store.readBackup(plan.adapter.id, backup.backup_id);
      await editClientFile(
        ctx.home,
        file.configPath,
        () => bytes,
        () => undefined,
      );
    } catch (err) {
      failed.push({
        client_id: plan.adapter.id,
        config_path: file.configPath,
        backup_id: backup.backup_id,
        reason: (err as Error).message,
      });
    }
  }
  const error = toOrchestrationError(cause);
  if (failed.length === 0) return error;
  const lines = failed.map((f) => {
    // A file store keeps the bytes in the home folder; a database store only by id.
    const path = join(ctx.home.backupsDir, f.client_id, `${f.backup_id}.bak`);
    return `${f.config_path} (${f.client_id}) could not be put back (${f.reason}); its bytes from before are in backup ${f.backup_id}${existsSync(path) ? ` (${path})` : ''}.`;
  });
  return new OrchestrationError(
    error.code,
    `${error.message} Undoing the files already written failed: ${lines.join(' ')} Copy each backup back in place by hand.`,
    { ...error.details, unrestored: failed },
  );
}

/** A key that signs the dry-run preview only; it is never stored or trusted. */
function scratchKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    keyId: keyIdOf(publicKey),
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
  };
}
