/**
 * @module core/schemas/doctor
 * `doctor`: what this machine needs for its clients to run their servers, and whether the home
 * folder and the store are sound. Each check says what it found and what to do next.
 */
import { z } from 'zod';
import { inputObject } from './operations.js';

export const CheckStatusSchema = z
  .enum(['ok', 'warn', 'fail'])
  .describe('ok: nothing to do; warn: works, but worth a look; fail: something is broken (doctor exits 1)');

export const DoctorCheckSchema = z.object({
  check: z
    .enum(['node', 'npx', 'uvx', 'client-file', 'store', 'keys', 'edit-guard', 'temp-files', 'lock-files'])
    .describe(
      'Which check this is; client-file appears once per client config file found; edit-guard says which write protocol deploys use',
    ),
  status: CheckStatusSchema,
  subject: z.string().optional().describe('What the check looked at, when there is one per thing (a file)'),
  found: z.string().describe('What was found'),
  next: z.string().optional().describe('What to do about it (absent when the check is ok)'),
  paths: z.array(z.string()).optional().describe('Files the check is about (leftover temp or lock files)'),
});

export const DoctorReportSchema = z.object({
  ok: z.boolean().describe('False when any check failed'),
  summary: z.object({ ok: z.number().int(), warn: z.number().int(), fail: z.number().int() }),
  checks: z.array(DoctorCheckSchema),
});

export const DoctorInput = inputObject({});

export type CheckStatus = z.infer<typeof CheckStatusSchema>;
export type DoctorCheck = z.infer<typeof DoctorCheckSchema>;
export type DoctorReport = z.infer<typeof DoctorReportSchema>;
