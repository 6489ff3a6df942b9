/**
 * @module core/schemas/results
 * Results of the operations on keys, the registry, drafts and published configs: init and keys,
 * servers, draft edits, publish, profiles, history, verify, export. The service's types are
 * inferred from these; the MCP tools and the OpenAPI document use them. (The results of the
 * operations on client config files are in `deploy.ts`.)
 */
import { z } from 'zod';
import { HistoryEntrySchema } from './artifact.js';
import { PayloadSchema, ServerEntrySchema } from './payload.js';
import { ServerDefinitionSchema } from './registry.js';
import { ValidationIssueSchema } from './validation.js';

// ---- home and keys -----------------------------------------------------------------------------

export const KeyInitResultSchema = z.object({
  home: z.string(),
  created: z.boolean(),
  rotated: z.boolean(),
  key_id: z.string(),
  private_key_path: z.string(),
  public_key_path: z.string(),
  retired_key_ids: z.array(z.string()),
});

export const KeyInfoSchema = z.object({
  key_id: z.string(),
  public_key_pem: z.string(),
  public_key_path: z.string(),
  retired_key_ids: z.array(z.string()),
});

export const TrustedKeySchema = z.object({
  key_id: z.string(),
  source: z.enum(['init', 'user', 'rotation', 'migrated']),
  added_at: z.string(),
  current: z.boolean().describe('the key this home folder signs with'),
  vouched_by: z
    .string()
    .optional()
    .describe('for keys trusted through a rotation statement: the key that signed it'),
  note: z.string().optional(),
  public_key_pem: z.string(),
});

export const TrustListSchema = z.object({ keys: z.array(TrustedKeySchema) });
export const TrustAddResultSchema = z.object({ key_id: z.string(), added: z.boolean() });
export const TrustRemoveResultSchema = z.object({ key_id: z.string(), removed: z.literal(true) });

// ---- registry ----------------------------------------------------------------------------------

export const ServerListResultSchema = z.object({
  count: z.number().int(),
  servers: z.array(ServerDefinitionSchema),
});

export const ServerUsageSchema = z.object({
  cli: z.string().describe('The equivalent CLI command'),
  entry: ServerEntrySchema.describe('The config entry it would add, with example values'),
});

export const ServerDescriptionSchema = z.object({
  server: ServerDefinitionSchema,
  usage: ServerUsageSchema,
});

export const ServerRemovedSchema = z.object({ removed: z.string() });

// ---- drafts ------------------------------------------------------------------------------------

export const DraftViewSchema = z.object({
  client_id: z.string(),
  profile_id: z.string(),
  payload: PayloadSchema.describe('The draft as a neutral config: {"mcpServers": {name: entry}}'),
  server_count: z.number().int(),
  updated_at: z.string().nullable(),
});

export const DraftAddedSchema = DraftViewSchema.extend({
  added: z.string().describe('Name of the new entry in the config'),
  todo: z
    .array(z.string())
    .optional()
    .describe(
      'What the new server still needs before the draft validates (missing parameters or env), if anything',
    ),
});

export const DraftRemovedSchema = DraftViewSchema.extend({ removed: z.string() });

export const DraftClearedSchema = z.object({
  cleared: z.literal(true),
  client_id: z.string(),
  profile_id: z.string(),
});

// ---- publish and the read side -----------------------------------------------------------------

export const PublishResultSchema = z.object({
  status: z.literal('published'),
  artifact_id: z.string(),
  client_id: z.string(),
  profile_id: z.string(),
  server_count: z.number().int(),
  parent_artifact_id: z.string().nullable(),
  changelog: z.string(),
  keys_created: z
    .string()
    .nullable()
    .describe('The id of the signing key this command created because there was none yet'),
  warnings: z.array(ValidationIssueSchema),
});

export const ProfileListSchema = z.object({
  client_id: z.string(),
  profiles: z.array(
    z.object({
      profile_id: z.string(),
      head: z.string().nullable().describe('Artifact id of the latest publish, null if never published'),
      count: z.number().int(),
      updated_at: z.string().nullable(),
      has_draft: z.boolean(),
    }),
  ),
});

export const HistoryPageSchema = z.object({
  client_id: z.string(),
  profile_id: z.string(),
  total: z.number().int(),
  entries: z.array(HistoryEntrySchema),
});

export const VerifyResultSchema = z.object({
  valid: z.literal(true),
  artifact_id: z.string(),
  key_id: z.string(),
  client_id: z.string(),
  profile_id: z.string(),
  created_at: z.string(),
  checks: z.object({ schema: z.literal(true), content_id: z.literal(true), signature: z.literal(true) }),
});

export const ExportResultSchema = z.object({
  format: z.string(),
  content: z.string(),
  artifact_id: z.string(),
});

export type KeyInfo = z.infer<typeof KeyInfoSchema>;
export type TrustList = z.infer<typeof TrustListSchema>;
export type TrustAddResult = z.infer<typeof TrustAddResultSchema>;
export type TrustRemoveResult = z.infer<typeof TrustRemoveResultSchema>;
export type ServerUsage = z.infer<typeof ServerUsageSchema>;
export type ServerRemoved = z.infer<typeof ServerRemovedSchema>;
export type DraftView = z.infer<typeof DraftViewSchema>;
export type DraftAdded = z.infer<typeof DraftAddedSchema>;
export type DraftRemoved = z.infer<typeof DraftRemovedSchema>;
export type DraftCleared = z.infer<typeof DraftClearedSchema>;
export type PublishResult = z.infer<typeof PublishResultSchema>;
export type ProfileList = z.infer<typeof ProfileListSchema>;
export type ProfileSummary = ProfileList['profiles'][number];
export type HistoryPage = z.infer<typeof HistoryPageSchema>;
export type VerifyResult = z.infer<typeof VerifyResultSchema>;
export type ExportResult = z.infer<typeof ExportResultSchema>;
