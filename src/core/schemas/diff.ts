/**
 * @module core/schemas/diff
 * Field-level differences between two configs.
 */
import { z } from 'zod';

export const DiffStatusSchema = z.enum(['up-to-date', 'outdated', 'diverged']);
export type DiffStatus = z.infer<typeof DiffStatusSchema>;

export const FieldChangeSchema = z.object({
  /** `command`, `args`, `env.NAME`, `url`, `headers.NAME`, `type`, `cwd`. */
  field: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  /** A secret value is never shown, only that it changed. */
  redacted: z.boolean().optional(),
});
export type FieldChange = z.infer<typeof FieldChangeSchema>;

export const ServerChangeSchema = z.object({
  server: z.string(),
  change: z.enum(['added', 'removed', 'modified']),
  fields: z.array(FieldChangeSchema),
});
export type ServerChange = z.infer<typeof ServerChangeSchema>;

export const DiffResultSchema = z.object({
  status: DiffStatusSchema,
  /** What the comparison was between, e.g. `head sha256:ab.. vs file ./x.json`. */
  base: z.string(),
  target: z.string(),
  changes: z.array(ServerChangeSchema),
  summary: z.object({
    added: z.number().int(),
    removed: z.number().int(),
    modified: z.number().int(),
    unchanged: z.number().int(),
  }),
  recommendation: z.string(),
});
export type DiffResult = z.infer<typeof DiffResultSchema>;
