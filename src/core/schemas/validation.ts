/**
 * @module core/schemas/validation
 * The result of validating a draft or a payload.
 */
import { z } from 'zod';
import { ErrorCodeSchema, WarningCodeSchema } from '../errors.js';

export const ValidationIssueSchema = z.object({
  code: z.union([ErrorCodeSchema, WarningCodeSchema]),
  message: z.string(),
  /** JSON pointer into the payload, e.g. `/mcpServers/github/env/GITHUB_TOKEN`. */
  path: z.string(),
  severity: z.enum(['error', 'warning']),
  server: z.string().optional(),
  /** For POLICY_VIOLATION: the rule broken, e.g. `deny[0]`, `allow`, `transports`. */
  rule: z.string().optional(),
});
export type ValidationIssue = z.infer<typeof ValidationIssueSchema>;

export const ValidationResultSchema = z.object({
  valid: z.boolean(),
  errors: z.array(ValidationIssueSchema),
  warnings: z.array(ValidationIssueSchema),
  server_count: z.number().int(),
});
export type ValidationResult = z.infer<typeof ValidationResultSchema>;
