/**
 * @module service/drafts
 * Drafts: the editable config of a client and profile, changed one server at a time.
 */
import { assertClientId } from '../clients/index.js';
import { OrchestrationError } from '../core/errors.js';
import { assertId, assertServerName } from '../core/ids.js';
import type { Draft } from '../core/schemas/draft.js';
import {
  DraftAddCustomInput,
  DraftAddInput,
  DraftRemoveInput,
  type In,
  type TargetInput,
} from '../core/schemas/operations.js';
import type { Payload, ServerEntry } from '../core/schemas/payload.js';
import type { DraftAdded, DraftCleared, DraftRemoved, DraftView } from '../core/schemas/results.js';
import { buildServerEntry } from '../registry/registry.js';
import { invalidConfig } from '../workflows/validate.js';
import { audit, registryOf, type ServiceContext, target } from './context.js';
import { check } from './validation.js';

export function draftView(draft: Draft): DraftView {
  return {
    client_id: draft.client_id,
    profile_id: draft.profile_id,
    payload: { mcpServers: draft.mcpServers },
    server_count: Object.keys(draft.mcpServers).length,
    updated_at: draft.updated_at,
  };
}

export async function draftShow(ctx: ServiceContext, input: In<typeof TargetInput> = {}): Promise<DraftView> {
  const { client, profile } = target(input);
  return draftView(await ctx.store.readDraft(client, profile));
}

/** Adds a registry server to the draft; `todo` lists what it still needs before it validates. */
export async function draftAdd(ctx: ServiceContext, input: In<typeof DraftAddInput>): Promise<DraftAdded> {
  const parsed = DraftAddInput.parse(input);
  const { client, profile } = target(parsed);
  const registry = await registryOf(ctx);
  const def = registry.get(assertId('server', parsed.server_id));
  const name = assertServerName(parsed.name ?? def.id);
  const { entry } = buildServerEntry(def, { params: parsed.params, env: parsed.env });
  const origin = { server_id: def.id, params: parsed.params, env: Object.keys(parsed.env) };
  // The same rules validate applies, so the hint and a later validate never disagree.
  const checked = check(registry, { mcpServers: { [name]: entry } }, { [name]: origin });
  // A missing parameter would leave a "{path}" placeholder in the draft: refused, as the one-shot add does.
  const params = checked.errors.filter((e) => e.code === 'MISSING_REQUIRED_PARAM');
  if (params.length > 0) {
    throw invalidConfig(
      { ...checked, errors: params },
      `Nothing was added to the ${client}/${profile} draft:`,
    );
  }
  const draft = await ctx.store.updateDraft(client, profile, (d) => {
    if (d.mcpServers[name]) throw duplicate(name, client, profile);
    d.mcpServers[name] = entry;
    d.origins[name] = origin;
  });
  await audit(ctx, 'draft.add', `${client}/${profile}`, { server: name, server_id: def.id });
  const todo = checked.errors.map((e) => e.message);
  return { ...draftView(draft), added: name, ...(todo.length > 0 ? { todo } : {}) };
}

export async function draftAddCustom(
  ctx: ServiceContext,
  input: In<typeof DraftAddCustomInput>,
): Promise<DraftAdded> {
  const parsed = DraftAddCustomInput.parse(input);
  const { client, profile } = target(parsed);
  const name = assertServerName(parsed.name);
  const entry = customEntry(parsed);
  const draft = await ctx.store.updateDraft(client, profile, (d) => {
    if (d.mcpServers[name]) throw duplicate(name, client, profile);
    d.mcpServers[name] = entry;
    delete d.origins[name];
  });
  await audit(ctx, 'draft.add', `${client}/${profile}`, { server: name });
  return { ...draftView(draft), added: name };
}

export async function draftRemove(
  ctx: ServiceContext,
  input: In<typeof DraftRemoveInput>,
): Promise<DraftRemoved> {
  const parsed = DraftRemoveInput.parse(input);
  const { client, profile } = target(parsed);
  const draft = await ctx.store.updateDraft(client, profile, (d) => {
    if (!d.mcpServers[parsed.name]) {
      const names = Object.keys(d.mcpServers);
      throw new OrchestrationError(
        'SERVER_NOT_IN_DRAFT',
        `No server "${parsed.name}" in the ${client}/${profile} draft${names.length ? ` (it has: ${names.join(', ')})` : ' (it is empty)'}.`,
        { name: parsed.name, servers: names },
      );
    }
    delete d.mcpServers[parsed.name];
    delete d.origins[parsed.name];
  });
  await audit(ctx, 'draft.remove', `${client}/${profile}`, { server: parsed.name });
  return { ...draftView(draft), removed: parsed.name };
}

export async function draftClear(
  ctx: ServiceContext,
  input: In<typeof TargetInput> = {},
): Promise<DraftCleared> {
  const { client, profile } = target(input);
  await ctx.store.deleteDraft(client, profile);
  await audit(ctx, 'draft.clear', `${client}/${profile}`);
  return { cleared: true, client_id: client, profile_id: profile };
}

/** Puts the given servers into the draft (used by import): merged by name, or replacing it all. */
export async function draftReplace(
  ctx: ServiceContext,
  clientId: string,
  profileId: string,
  payload: Payload,
  merge = false,
): Promise<DraftView> {
  const client = assertClientId(clientId);
  const profile = assertId('profile', profileId);
  const draft = await ctx.store.updateDraft(client, profile, (d) => {
    if (!merge) {
      d.mcpServers = {};
      d.origins = {};
    }
    for (const [name, entry] of Object.entries(payload.mcpServers)) {
      d.mcpServers[name] = entry;
      delete d.origins[name];
    }
  });
  await audit(ctx, 'draft.import', `${client}/${profile}`, {
    servers: Object.keys(payload.mcpServers),
    merge,
  });
  return draftView(draft);
}

function duplicate(name: string, client: string, profile: string): OrchestrationError {
  return new OrchestrationError(
    'DUPLICATE_SERVER',
    `The ${client}/${profile} draft already has a server named "${name}". Remove it first or pick another name with --name.`,
    { name },
  );
}

function customEntry(parsed: ReturnType<typeof DraftAddCustomInput.parse>): ServerEntry {
  if (parsed.url !== undefined && parsed.command !== undefined) {
    throw new OrchestrationError(
      'INVALID_INPUT',
      'Give either a command (stdio server) or a url (remote server), not both.',
    );
  }
  if (parsed.url !== undefined) {
    return {
      type: parsed.transport,
      url: parsed.url,
      ...(Object.keys(parsed.headers).length ? { headers: parsed.headers } : {}),
    };
  }
  if (parsed.command === undefined || parsed.command.trim() === '') {
    throw new OrchestrationError(
      'MISSING_COMMAND',
      'A custom server needs --command (stdio) or --url (remote).',
    );
  }
  return {
    command: parsed.command,
    ...(parsed.args.length ? { args: parsed.args } : {}),
    ...(Object.keys(parsed.env).length ? { env: parsed.env } : {}),
    ...(parsed.cwd === undefined ? {} : { cwd: parsed.cwd }),
  };
}
