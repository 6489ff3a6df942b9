/**
 * @module core/schemas/artifact
 * The signed, content-addressed artifact (DESIGN.md section 3).
 */
import { z } from 'zod';
import { ARTIFACT_ID_PATTERN, ID_PATTERN } from '../ids.js';
import { PayloadSchema } from './payload.js';

export const ArtifactIdSchema = z.string().regex(ARTIFACT_ID_PATTERN);

export const SignatureSchema = z
  .object({ algorithm: z.literal('Ed25519'), key_id: z.string().regex(/^[0-9a-f]{16}$/), value: z.string() })
  .strict();

export const ArtifactMetadataSchema = z
  .object({
    changelog: z.string(),
    generator: z.string(),
    server_count: z.number().int().nonnegative(),
    parent_artifact_id: ArtifactIdSchema.nullable(),
  })
  .strict();

export const UnsignedArtifactSchema = z
  .object({
    artifact_id: ArtifactIdSchema,
    client_id: z.string().regex(ID_PATTERN),
    profile_id: z.string().regex(ID_PATTERN),
    created_at: z.string(),
    payload: PayloadSchema,
    metadata: ArtifactMetadataSchema,
  })
  .strict();
export type UnsignedArtifact = z.infer<typeof UnsignedArtifactSchema>;

export const ArtifactSchema = UnsignedArtifactSchema.extend({ signature: SignatureSchema }).strict();
export type Artifact = z.infer<typeof ArtifactSchema>;

/** One line of a profile's history, newest first when listed. */
export const HistoryEntrySchema = z.object({
  /** Position in the profile's history, from 1: the newest entry's `seq` is the history's length. */
  seq: z.number().int().positive(),
  artifact_id: ArtifactIdSchema,
  created_at: z.string(),
  changelog: z.string(),
  server_count: z.number().int(),
  parent_artifact_id: ArtifactIdSchema.nullable(),
  /**
   * Ed25519 over the entry (with its `seq`) and its client and profile, by the key of the machine
   * that published it, so the head cannot be moved back by editing the history. Absent in
   * histories written before it existed, and on machines that sync without a key of their own.
   */
  signature: SignatureSchema.optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;
