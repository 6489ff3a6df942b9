/**
 * @module mcp/tools/deploy
 * Clients and their config files: `list_clients`, `deploy_config`, `deployment_status`,
 * `rollback_config`, `import_client_config`.
 */
import {
  ClientListSchema,
  DeployResultSchema,
  ImportResultSchema,
  StatusResultSchema,
} from '../../core/schemas/deploy.js';
import { ListInput, ListingSchema } from '../../core/schemas/listing.js';
import {
  DeployInput,
  ImportInput,
  inputObject,
  RollbackInput,
  StatusInput,
} from '../../core/schemas/operations.js';
import { defineTool, READ_ONLY, type ToolContext } from './define.js';

const ClientsOutput = ClientListSchema;
const DeployOutput = DeployResultSchema;
const StatusOutput = StatusResultSchema;
const ImportOutput = ImportResultSchema;

const DESTRUCTIVE = { readOnlyHint: false, destructiveHint: true, openWorldHint: false } as const;

export function registerDeployTools(ctx: ToolContext): void {
  defineTool(ctx, {
    name: 'list_clients',
    title: 'List supported clients',
    description:
      'The MCP clients this tool can configure (Claude Desktop, Cursor, VS Code, Windsurf, Zed, ...): client_id, config file format, ' +
      'where the config file is on this machine, whether it exists, and which transports the client runs. ' +
      'Use it to find the client_id the user means, or which clients are installed.',
    input: inputObject({}),
    output: ClientsOutput,
    annotations: READ_ONLY,
    run: (_input, svc) => svc.listClients(),
    summary: (r) => {
      const found = r.clients.filter((c) => c.exists).map((c) => c.client_id);
      return `${r.clients.length} supported clients; config found for: ${found.length ? found.join(', ') : 'none'}.`;
    },
  });

  defineTool(ctx, {
    name: 'list_client_servers',
    title: 'List the servers in client config files',
    description:
      'Every MCP server in every client config file found on this machine (user and project scope), with its state: ' +
      '"managed" (written by this tool and in sync; profile_id names its profile), "drifted" (written by this tool, changed since), ' +
      '"unmanaged" (added by hand or by the client), "disabled" (switched off in the client) or "unreadable" (with the reason). ' +
      'Give `client_id` for one client. Use it to answer "what is configured where" before adding or removing servers.',
    input: ListInput,
    output: ListingSchema,
    annotations: READ_ONLY,
    run: (input, svc) => svc.listInstalled(input),
    summary: (r) =>
      r.clients.length === 0
        ? 'No client config files found.'
        : r.clients
            .map(
              (c) =>
                `${c.client_id} (${c.scope}) ${c.path}: ${c.error ? `${c.error.code}` : c.servers.map((s) => `${s.name} ${s.state}`).join(', ') || 'no servers'}`,
            )
            .join('; '),
  });

  defineTool(ctx, {
    name: 'deploy_config',
    title: 'Deploy a config to a client',
    description:
      "Write the profile head (or `artifact_id`) into the client's own config file. Only servers this tool wrote are updated or removed; " +
      'servers the user or the client added are kept byte for byte (listed as "kept"), as is every other setting. The result lists every ' +
      'server as added, updated, removed, kept or unchanged. A same-named server this tool did not write is refused with UNMANAGED_CONFLICT ' +
      'unless `adopt: true`. `prune: true` also removes servers this tool did not write and needs `yes: true` (ask the user first). ' +
      'A backup is saved first and the deploy is logged. This changes a file the client reads: use `dry_run: true` ' +
      'first and confirm with the user. `path` writes another file instead. Needs a publish first (PROFILE_NOT_FOUND otherwise). ' +
      'Fails with CLIENT_CONFIG_INVALID when the existing file does not parse, MISSING_SECRET when an ${env:NAME} reference is unset. ' +
      'The client usually needs a restart afterwards.',
    input: DeployInput,
    output: DeployOutput,
    annotations: { ...DESTRUCTIVE, idempotentHint: true },
    run: (input, svc) => svc.deploy(input),
    summary: (r) =>
      r.status === 'dry-run'
        ? `Dry run: ${r.artifact_id} would change ${r.changes.changes.length} server(s) in ${r.config_path} (${actionSummary(r.servers)}); nothing written.`
        : r.status === 'unchanged'
          ? `${r.config_path} already holds ${r.artifact_id}; nothing written.`
          : `Deployed ${r.artifact_id} to ${r.config_path} (${actionSummary(r.servers)})${r.backup_id ? `, backup ${r.backup_id}` : ''}. Restart ${r.client_id} to load it.`,
  });

  defineTool(ctx, {
    name: 'deployment_status',
    title: 'Deployment status',
    description:
      'For each client and profile that was deployed: the deployed artifact and whether the config file is "in-sync", "drifted" ' +
      '(edited since, with the drift) or "not-deployed". Filter with `client_id` and `profile_id`; without them, every deployment. ' +
      'Use it before deploy_config and to spot hand edits; diff_config with deployed true gives field-level detail.',
    input: StatusInput,
    output: StatusOutput,
    annotations: READ_ONLY,
    run: (input, svc) => svc.status(input),
    summary: (r) =>
      r.entries.length === 0
        ? 'Nothing deployed yet.'
        : r.entries
            .map(
              (e) =>
                `${e.client_id}/${e.profile_id}: ${e.state}${e.artifact_id ? ` (${e.artifact_id.slice(0, 19)})` : ''}`,
            )
            .join('; '),
  });

  defineTool(ctx, {
    name: 'rollback_config',
    title: 'Roll back a deployment',
    description:
      "Put the previously deployed config back into the client's config file (or the artifact given in `to`, from get_history), " +
      'logged as a rollback; `restore_backup: true` restores the exact bytes saved before the last deploy instead. ' +
      'This rewrites a file the client reads: confirm with the user first. Fails with NOT_DEPLOYED when there is nothing to go back to.',
    input: RollbackInput,
    output: DeployOutput,
    annotations: { ...DESTRUCTIVE, idempotentHint: false },
    run: (input, svc) => svc.rollback(input),
    summary: (r) =>
      `Rolled back ${r.client_id}/${r.profile_id} in ${r.config_path}${r.artifact_id ? ` to ${r.artifact_id}` : ' to the backup'}. Restart ${r.client_id} to load it.`,
  });

  defineTool(ctx, {
    name: 'import_client_config',
    title: "Import a client's config",
    description:
      "Read the MCP servers from the client's existing config file (or `path`) into the draft; entries with the same name are replaced. " +
      'Use it to adopt a config the user wrote by hand, or to keep hand edits found by deployment_status; then validate_config and publish_config. ' +
      'Does not change the client file. Fails with FILE_NOT_FOUND or CLIENT_CONFIG_INVALID.',
    input: ImportInput,
    output: ImportOutput,
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    run: (input, svc) => svc.importConfig(input),
    summary: (r) =>
      `Imported ${r.imported.length} server(s) from ${r.config_path} into the ${r.client_id}/${r.profile_id} draft (${r.server_count} in all)${r.skipped.length ? `; skipped ${r.skipped.map((x) => x.server).join(', ')}` : ''}.`,
  });
}

/** `1 added, 2 kept`: what a deploy did to the file's servers. */
function actionSummary(servers: ReadonlyArray<{ action: string }>): string {
  const counts = new Map<string, number>();
  for (const s of servers) counts.set(s.action, (counts.get(s.action) ?? 0) + 1);
  return [...counts].map(([a, n]) => `${n} ${a}`).join(', ') || 'no servers';
}
