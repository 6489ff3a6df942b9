/**
 * @module mcp/tools/draft
 * Editing the draft of a client profile: `add_server_to_config`, `add_custom_server_to_config`,
 * `remove_server_from_config`, `view_draft_config`, `clear_draft_config`.
 */
import {
  DraftAddCustomInput,
  DraftAddInput,
  DraftRemoveInput,
  TargetInput,
} from '../../core/schemas/operations.js';
import {
  DraftAddedSchema,
  DraftClearedSchema,
  DraftRemovedSchema,
  DraftViewSchema,
} from '../../core/schemas/results.js';
import { defineTool, READ_ONLY, type ToolContext } from './define.js';
import { completeAddInput } from './elicit.js';

const plural = (n: number) => `${n} server${n === 1 ? '' : 's'}`;

export function registerDraftTools(ctx: ToolContext): void {
  defineTool(ctx, {
    name: 'add_server_to_config',
    title: 'Add a registry server to the draft',
    description:
      'Add a server from the registry to the draft config of a client profile (default client "claude-desktop", profile "default"). ' +
      'Needs `server_id` (from list_available_servers); pass required `params` (e.g. {"path": "/home/me/projects"}) and `env`. ' +
      'For secrets pass a reference such as {"GITHUB_PERSONAL_ACCESS_TOKEN": "${env:GITHUB_TOKEN}"}, never the secret itself. ' +
      'Nothing reaches the client until publish_config and deploy_config. Returns the whole draft. ' +
      'A missing required parameter is asked of the user with a form where the client supports elicitation; otherwise the call fails with MISSING_REQUIRED_PARAM and nothing is added. ' +
      'Fails with UNKNOWN_SERVER, DUPLICATE_SERVER (use `name` for a second copy), MISSING_REQUIRED_PARAM or MISSING_REQUIRED_ENV (pass a ${env:NAME} reference).',
    input: DraftAddInput,
    output: DraftAddedSchema,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    run: async (input, svc) => svc.draftAdd(await completeAddInput(ctx, svc, input)),
    summary: (r) =>
      `Added "${r.added}" to the ${r.client_id}/${r.profile_id} draft (${plural(r.server_count)}).`,
  });

  defineTool(ctx, {
    name: 'add_custom_server_to_config',
    title: 'Add a custom server to the draft',
    description:
      'Add a server that is not in the registry to the draft: either a local stdio server (`command`, `args`, `env`, `cwd`) ' +
      'or a remote server (`url`, `transport` "http" or "sse", `headers`), never both. Needs a `name` for the entry. ' +
      'Prefer add_server_to_config when the registry has the server. Returns the whole draft.',
    input: DraftAddCustomInput,
    output: DraftAddedSchema,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    run: (input, svc) => svc.draftAddCustom(input),
    summary: (r) =>
      `Added custom server "${r.added}" to the ${r.client_id}/${r.profile_id} draft (${plural(r.server_count)}).`,
  });

  defineTool(ctx, {
    name: 'remove_server_from_config',
    title: 'Remove a server from the draft',
    description:
      'Remove one server entry, by its `name` in the config, from the draft of a client profile. ' +
      'Published and deployed configs are untouched until you publish and deploy again. ' +
      'Fails with SERVER_NOT_IN_DRAFT (listing the names the draft has). Returns the whole draft.',
    input: DraftRemoveInput,
    output: DraftRemovedSchema,
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
    run: (input, svc) => svc.draftRemove(input),
    summary: (r) =>
      `Removed "${r.removed}" from the ${r.client_id}/${r.profile_id} draft (${plural(r.server_count)} left).`,
  });

  defineTool(ctx, {
    name: 'view_draft_config',
    title: 'View the draft config',
    description:
      'Show the draft of a client profile: the servers added so far and not yet published. ' +
      'Use it to check the draft before validate_config and publish_config. An empty draft is not an error.',
    input: TargetInput,
    output: DraftViewSchema,
    annotations: READ_ONLY,
    run: (input, svc) => svc.draftShow(input),
    summary: (r) =>
      r.server_count === 0
        ? `The ${r.client_id}/${r.profile_id} draft is empty.`
        : `The ${r.client_id}/${r.profile_id} draft has ${plural(r.server_count)}: ${Object.keys(r.payload.mcpServers).join(', ')}.`,
  });

  defineTool(ctx, {
    name: 'clear_draft_config',
    title: 'Clear the draft config',
    description:
      'Delete every server from the draft of a client profile, to start over. Published artifacts and deployed client files are not touched. ' +
      'Only use it when the user asked to discard the draft.',
    input: TargetInput,
    output: DraftClearedSchema,
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    run: (input, svc) => svc.draftClear(input),
    summary: (r) => `Cleared the ${r.client_id}/${r.profile_id} draft.`,
  });
}
