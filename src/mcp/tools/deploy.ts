/**
 * @module mcp/tools/deploy
 * Clients and their config files: `list_clients`, `deploy_config`, `deployment_status`,
 * `rollback_config`, `import_client_config`.
 */
import { z } from 'zod';
import { DiffResultSchema } from '../../core/schemas/diff.js';
import { DeployInput, ImportInput, RollbackInput, StatusInput } from '../../core/schemas/operations.js';
import { PayloadSchema } from '../../core/schemas/payload.js';
import { defineTool, READ_ONLY, type ToolContext } from './define.js';

// Parsing with these strips any field the service adds later, so a strict client never rejects it.
const WarningOutput = z.object({ code: z.string(), message: z.string(), server: z.string().optional() });

const ClientsOutput = z.object({
  clients: z.array(
    z.object({
      client_id: z.string(),
      name: z.string(),
      format: z.string(),
      scopes: z.array(z.string()).readonly(),
      transports: z
        .array(z.string())
        .readonly()
        .describe('Transports the client runs natively; others are bridged'),
      config_path: z.string().describe("Where the client's user config file is on this machine"),
      exists: z.boolean().describe('Whether that file exists (the client is probably installed)'),
      project_path: z.string().nullable(),
      profiles: z.array(z.string()).describe('Published profiles of the client'),
    }),
  ),
});

const DeployOutput = z.object({
  status: z.enum(['deployed', 'unchanged', 'dry-run']),
  action: z.enum(['deploy', 'rollback', 'restore-backup']),
  client_id: z.string(),
  profile_id: z.string(),
  artifact_id: z.string().nullable(),
  previous_artifact_id: z.string().nullable(),
  config_path: z.string(),
  backup_id: z
    .string()
    .nullable()
    .describe('Backup of the file taken before this change; null when nothing was written'),
  deployment_id: z.string().nullable(),
  changes: DiffResultSchema.describe("What changed in the client's servers"),
  warnings: z.array(WarningOutput),
});

const StatusOutput = z.object({
  entries: z.array(
    z.object({
      client_id: z.string(),
      profile_id: z.string(),
      state: z.enum(['in-sync', 'drifted', 'not-deployed']),
      artifact_id: z.string().nullable().describe('The deployed artifact'),
      head_artifact_id: z.string().nullable().describe('The latest publish of the profile'),
      head_is_deployed: z.boolean(),
      config_path: z.string().nullable(),
      deployed_at: z.string().nullable(),
      missing_file: z.boolean(),
      drift: DiffResultSchema.nullable().describe('What changed in the file since the deploy, when drifted'),
    }),
  ),
});

const ImportOutput = z.object({
  client_id: z.string(),
  profile_id: z.string(),
  config_path: z.string(),
  imported: z.array(z.string()),
  skipped: z.array(z.object({ server: z.string(), reason: z.string() })),
  server_count: z.number().int(),
  payload: PayloadSchema,
});

const DESTRUCTIVE = { readOnlyHint: false, destructiveHint: true, openWorldHint: false } as const;

export function registerDeployTools(ctx: ToolContext): void {
  defineTool(ctx, {
    name: 'list_clients',
    title: 'List supported clients',
    description:
      'The MCP clients this tool can configure (Claude Desktop, Cursor, VS Code, Windsurf, Zed, ...): client_id, config file format, ' +
      'where the config file is on this machine, whether it exists, and which transports the client runs. ' +
      'Use it to find the client_id the user means, or which clients are installed.',
    input: z.object({}),
    output: ClientsOutput,
    annotations: READ_ONLY,
    run: (_input, svc) => svc.listClients(),
    summary: (r) => {
      const found = r.clients.filter((c) => c.exists).map((c) => c.client_id);
      return `${r.clients.length} supported clients; config found for: ${found.length ? found.join(', ') : 'none'}.`;
    },
  });

  defineTool(ctx, {
    name: 'deploy_config',
    title: 'Deploy a config to a client',
    description:
      "Write the profile head (or `artifact_id`) into the client's own config file, replacing only its MCP servers section and keeping " +
      'every other setting. A backup is saved first and the deploy is logged. This changes a file the client reads: use `dry_run: true` ' +
      'first and confirm with the user. `path` writes another file instead. Needs a publish first (PROFILE_NOT_FOUND otherwise). ' +
      'Fails with CLIENT_CONFIG_INVALID when the existing file does not parse, MISSING_SECRET when an ${env:NAME} reference is unset. ' +
      'The client usually needs a restart afterwards.',
    input: DeployInput,
    output: DeployOutput,
    annotations: { ...DESTRUCTIVE, idempotentHint: true },
    run: (input, svc) => svc.deploy(input),
    summary: (r) =>
      r.status === 'dry-run'
        ? `Dry run: ${r.artifact_id} would change ${r.changes.changes.length} server(s) in ${r.config_path}; nothing written.`
        : r.status === 'unchanged'
          ? `${r.config_path} already holds ${r.artifact_id}; nothing written.`
          : `Deployed ${r.artifact_id} to ${r.config_path}${r.backup_id ? ` (backup ${r.backup_id})` : ''}. Restart ${r.client_id} to load it.`,
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
