/**
 * @module mcp/tools/oneshot
 * The one-shots across clients: `add_server_to_clients`, `remove_server_from_clients`,
 * `enable_server`, `disable_server`. Each changes every client named or none.
 */
import { type OneshotResult, OneshotResultSchema } from '../../core/schemas/deploy.js';
import { OneshotAddInput, OneshotRemoveInput, OneshotToggleInput } from '../../core/schemas/operations.js';
import { defineTool, type ToolContext } from './define.js';
import { completeAddInput } from './elicit.js';

const WRITES = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: false,
  openWorldHint: false,
} as const;

const ALL_OR_NONE =
  'Give `clients` (ids, default ["claude-desktop"]) or `all_found: true` (every client whose config file exists). ' +
  'It is all or nothing: every client is planned and validated first, and if one fails none is changed. ' +
  'Use `dry_run: true` first and show the user what would change; a dry run writes nothing anywhere. ';

/** One line: what happened (or would) in each client. */
function summary(r: OneshotResult): string {
  const each = r.clients.map((c) => `${c.client_id} ${c.how}`).join(', ');
  return `${r.dry_run ? 'Dry run, nothing written: would' : 'Done:'} ${r.action} "${r.server}" in ${each}.${r.keys_created ? ` Created signing key ${r.keys_created}.` : ''}`;
}

export function registerOneshotTools(ctx: ToolContext): void {
  defineTool(ctx, {
    name: 'add_server_to_clients',
    title: 'Add a registry server to clients in one step',
    description:
      'Add a registry server (`server_id`, from list_available_servers) to the config files of one or many clients in one step: for each client the servers its file already has are taken in on first use, then the server is added, validated, published (signed) and deployed. ' +
      ALL_OR_NONE +
      'Pass required `params`; for secrets pass a reference in `env` such as {"GITHUB_PERSONAL_ACCESS_TOKEN": "${env:GITHUB_TOKEN}"}, never the secret. ' +
      'A missing required parameter is asked of the user with a form where the client supports elicitation. ' +
      'Fails with MISSING_REQUIRED_PARAM, MISSING_REQUIRED_ENV, DUPLICATE_SERVER (use `name`), UNMANAGED_CONFLICT (use `adopt: true`) or CLIENT_CONFIG_INVALID.',
    input: OneshotAddInput,
    output: OneshotResultSchema,
    annotations: WRITES,
    run: async (input, svc) => svc.addServer(await completeAddInput(ctx, svc, input)),
    summary,
  });

  defineTool(ctx, {
    name: 'remove_server_from_clients',
    title: 'Remove a server from clients in one step',
    description:
      'Remove the server `name` from the config files of one or many clients (also one added by hand: the user named it), publish and deploy. ' +
      ALL_OR_NONE +
      'With all_found, only the clients that have it change. Fails with SERVER_NOT_IN_DRAFT when a named client does not have it.',
    input: OneshotRemoveInput,
    output: OneshotResultSchema,
    annotations: WRITES,
    run: (input, svc) => svc.removeServer(input),
    summary,
  });

  defineTool(ctx, {
    name: 'disable_server',
    title: 'Switch a server off in clients',
    description:
      'Switch the server `name` off in one or many clients: with the client\'s own flag where it has one ("disabled": true, "enabled": false); ' +
      'otherwise the entry leaves the file and is remembered, so enable_server restores it as it was. ' +
      ALL_OR_NONE +
      'Fails with NO_CHANGES when it is already off.',
    input: OneshotToggleInput,
    output: OneshotResultSchema,
    annotations: WRITES,
    run: (input, svc) => svc.disableServer(input),
    summary,
  });

  defineTool(ctx, {
    name: 'enable_server',
    title: 'Switch a server back on in clients',
    description:
      "Switch the server `name` back on in one or many clients (the client's own flag, or the entry disable_server took out of the file). " +
      ALL_OR_NONE +
      'Fails with NO_CHANGES when it is already on.',
    input: OneshotToggleInput,
    output: OneshotResultSchema,
    annotations: WRITES,
    run: (input, svc) => svc.enableServer(input),
    summary,
  });
}
