/**
 * @module core/schemas/draft
 * A draft: the servers a user is assembling for one client and profile before publishing.
 */
import { z } from 'zod';
import { ServerEntrySchema } from './payload.js';

/** Where a draft entry came from, so validation can check the registry's required params and env. */
export const DraftOriginSchema = z.object({
  server_id: z.string(),
  params: z.record(z.string(), z.string()).default({}),
  /** Names of the env values given when the server was added (for remote servers they go into headers). */
  env: z.array(z.string()).default([]),
});
export type DraftOrigin = z.infer<typeof DraftOriginSchema>;

export const DraftSchema = z.object({
  client_id: z.string(),
  profile_id: z.string(),
  mcpServers: z.record(z.string(), ServerEntrySchema),
  origins: z.record(z.string(), DraftOriginSchema).default({}),
  /**
   * Servers switched off with `disable` in a client that has no flag for it: out of the config and
   * the client's file, kept here so `enable` brings them back as they were.
   */
  parked: z
    .record(z.string(), z.object({ entry: ServerEntrySchema, origin: DraftOriginSchema.optional() }))
    .default({}),
  updated_at: z.string().nullable(),
});
export type Draft = z.infer<typeof DraftSchema>;
