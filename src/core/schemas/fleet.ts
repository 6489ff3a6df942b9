/**
 * @module core/schemas/fleet
 * What members' machines report to a hub after each sync, and the fleet view built from it.
 */
import { z } from 'zod';

export const FleetStateSchema = z.enum(['in-sync', 'drifted', 'failed']);

/** One machine's last word about one client and profile. */
export const FleetReportSchema = z
  .object({
    /** Random, created once per home folder (`machine-id`). */
    machine_id: z.string().regex(/^m_[0-9a-f]{16,64}$/, 'a machine id (m_ and hex)'),
    hostname: z.string().max(255),
    user: z.string().max(255),
    /** The client deployed into on the machine. */
    client_id: z.string().max(64),
    /** The hub profile it came from: source client and profile (default: the same client). */
    source_client_id: z.string().max(64).optional(),
    profile_id: z.string().max(64),
    artifact_id: z
      .string()
      .regex(/^sha256:[0-9a-f]{64}$/)
      .nullable(),
    state: FleetStateSchema,
    /** Why the sync failed, when it did (a code and a message, never a secret). */
    error: z
      .object({ code: z.string(), message: z.string().max(2000) })
      .strict()
      .nullable()
      .default(null),
    reported_at: z.string().optional(),
  })
  .strict();
export type FleetReport = z.infer<typeof FleetReportSchema>;
export type StoredFleetReport = FleetReport & { reported_at: string };

export const FleetMachineSchema = z.object({
  machine_id: z.string(),
  hostname: z.string(),
  user: z.string(),
  client_id: z.string(),
  source_client_id: z.string(),
  profile_id: z.string(),
  artifact_id: z.string().nullable(),
  state: FleetStateSchema,
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  reported_at: z.string(),
  /** The reported artifact is the profile's head now. */
  current: z.boolean(),
  /** No report for longer than the stale limit. */
  stale: z.boolean(),
});
export const FleetViewSchema = z.object({
  machines: z.array(FleetMachineSchema),
  stale_after_seconds: z.number().int(),
});
export type FleetView = z.infer<typeof FleetViewSchema>;
