/**
 * @module core/schemas/deploy
 * Results of the operations on client config files: clients, deploy, status, rollback, import.
 * The service's types are inferred from these; the MCP tools and the OpenAPI document use them.
 */
import { z } from 'zod';
import { DiffResultSchema } from './diff.js';
import { PayloadSchema } from './payload.js';

export const TranslationWarningSchema = z.object({
  code: z.string(),
  message: z.string(),
  server: z.string().optional(),
});

export const ClientListSchema = z.object({
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
      docs: z.array(z.string()).readonly().describe('Documentation of the client config file'),
    }),
  ),
});

export const ServerOutcomeSchema = z.object({
  name: z.string(),
  action: z
    .enum(['added', 'updated', 'removed', 'kept', 'unchanged'])
    .describe('kept: not written by this tool, left byte for byte'),
  unreadable: z
    .string()
    .optional()
    .describe('Why this tool cannot read the entry; it is kept as it is (unless pruned)'),
  adopted: z.boolean().optional().describe('A same-named entry this tool did not write, managed from now on'),
});

export const UnreadableSchema = z.object({ server: z.string(), reason: z.string() });

export const DeployResultSchema = z.object({
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
  servers: z.array(ServerOutcomeSchema).describe('Every server of the file and what the deploy did to it'),
  counts: z
    .object({
      added: z.number().int(),
      updated: z.number().int(),
      removed: z.number().int(),
      kept: z.number().int(),
      unreadable_kept: z.number().int(),
      unchanged: z.number().int(),
    })
    .describe('How many servers had each action; kept counts readable entries, unreadable_kept the others'),
  managed_servers: z.array(z.string()).describe('Servers this tool manages in the file after the deploy'),
  unreadable: z
    .array(UnreadableSchema)
    .describe('Entries of a shape this tool cannot read: reported, kept as they are'),
  warnings: z.array(TranslationWarningSchema),
});

export const StatusResultSchema = z.object({
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

export const ImportResultSchema = z.object({
  client_id: z.string(),
  profile_id: z.string(),
  config_path: z.string(),
  imported: z.array(z.string()),
  skipped: z.array(z.object({ server: z.string(), reason: z.string() })),
  /** Client fields the neutral model cannot carry, client-only references (UNSUPPORTED_FIELD). */
  warnings: z.array(TranslationWarningSchema).optional(),
  server_count: z.number().int(),
  payload: PayloadSchema,
});

export const DeployManyResultSchema = z.object({
  deployed: z.array(DeployResultSchema),
  failed: z.array(
    z.object({ client_id: z.string(), error: z.object({ code: z.string(), message: z.string() }) }),
  ),
});

export type ClientInfo = z.infer<typeof ClientListSchema>['clients'][number];
export type DeployResult = z.infer<typeof DeployResultSchema>;
export type DeployManyResult = z.infer<typeof DeployManyResultSchema>;
export type StatusEntry = z.infer<typeof StatusResultSchema>['entries'][number];
export type ImportResult = z.infer<typeof ImportResultSchema>;
export type ServerOutcome = z.infer<typeof ServerOutcomeSchema>;

/** A one-shot (`add`, `remove`, `enable`, `disable`) across clients: every client changed, or none. */
export const OneshotResultSchema = z.object({
  action: z.enum(['add', 'remove', 'enable', 'disable']),
  server: z.string().describe('The server name in the client configs'),
  dry_run: z.boolean().describe('Nothing was written anywhere; the clients say what would happen'),
  keys_created: z
    .string()
    .nullable()
    .describe('The id of the signing key this command created because there was none yet'),
  clients: z.array(
    z.object({
      client_id: z.string(),
      profile_id: z.string(),
      config_path: z.string(),
      status: z.enum(['deployed', 'unchanged', 'dry-run']),
      artifact_id: z.string().nullable().describe('The artifact now deployed (null on a dry run)'),
      published: z.boolean().describe('Whether a new artifact was published for this client'),
      how: z
        .enum(['added', 'removed', 'switched-off', 'parked', 'switched-on', 'restored'])
        .describe(
          "switched-off/on: the client's own flag (disabled: true, enabled: false); parked: removed from the file and remembered in the draft so enable restores it",
        ),
      adopted: z
        .array(z.string())
        .describe('Existing servers of the file taken into the profile on first use'),
      servers: z.array(ServerOutcomeSchema),
      warnings: z.array(TranslationWarningSchema),
    }),
  ),
  warnings: z.array(TranslationWarningSchema).describe('Validation warnings of the new configs'),
});
export type OneshotResult = z.infer<typeof OneshotResultSchema>;

export const PruneBackupsResultSchema = z.object({
  dry_run: z.boolean(),
  keep: z.number().int().nullable(),
  older_than_ms: z.number().int().nullable(),
  removed: z
    .array(
      z.object({
        client_id: z.string(),
        backup_id: z.string(),
        config_path: z.string(),
        created_at: z.string(),
        size: z.number().int(),
      }),
    )
    .describe('The backups removed (on a dry run: that would be), oldest first'),
});
export type PruneBackupsResult = z.infer<typeof PruneBackupsResultSchema>;
