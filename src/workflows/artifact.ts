/**
 * @module workflows/artifact
 * Building and verifying signed artifacts (DESIGN.md section 3). Pure over keys and data.
 */
import type { KeyObject } from 'node:crypto';
import { contentId } from '../core/canonical.js';
import { OrchestrationError } from '../core/errors.js';
import { parseArtifactRef } from '../core/ids.js';
import { type Artifact, ArtifactSchema, type UnsignedArtifact } from '../core/schemas/artifact.js';
import type { Payload } from '../core/schemas/payload.js';
import type { VerifyResult } from '../core/schemas/results.js';
import type { SigningKey } from '../crypto/keys.js';
import { signBytes, signingInput, verifyBytes } from '../crypto/sign.js';

export interface BuildArtifactInput {
  clientId: string;
  profileId: string;
  payload: Payload;
  changelog: string;
  parentId: string | null;
  generator: string;
  createdAt?: string;
}

export function buildArtifact(input: BuildArtifactInput, key: SigningKey): Artifact {
  const unsigned: UnsignedArtifact = {
    artifact_id: contentId(input.payload),
    client_id: input.clientId,
    profile_id: input.profileId,
    created_at: input.createdAt ?? new Date().toISOString(),
    payload: input.payload,
    metadata: {
      changelog: input.changelog,
      generator: input.generator,
      server_count: Object.keys(input.payload.mcpServers).length,
      parent_artifact_id: input.parentId,
    },
  };
  const value = signBytes(signingInput(unsigned), key.privateKey);
  return { ...unsigned, signature: { algorithm: 'Ed25519', key_id: key.keyId, value } };
}

export type { VerifyResult };

/**
 * Checks an artifact's shape, content id and signature against the trusted keys only; throws
 * TAMPERED, UNTRUSTED_KEY or SIGNATURE_INVALID.
 */
export function verifyArtifact(raw: unknown, keys: Map<string, KeyObject>): VerifyResult {
  const parsed = ArtifactSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OrchestrationError(
      'TAMPERED',
      `Not a valid artifact: ${issue ? `${issue.path.join('.') || 'root'}: ${issue.message}` : 'bad shape'}.`,
    );
  }
  const artifact = parsed.data;
  const actual = contentId(artifact.payload);
  if (actual !== artifact.artifact_id) {
    throw new OrchestrationError(
      'TAMPERED',
      `The payload does not match the artifact id: expected ${artifact.artifact_id}, computed ${actual}. The artifact was changed after it was signed.`,
      { artifact_id: artifact.artifact_id, computed_id: actual },
    );
  }
  const key = keys.get(artifact.signature.key_id);
  if (!key) {
    throw new OrchestrationError(
      'UNTRUSTED_KEY',
      `Artifact ${artifact.artifact_id} was signed by key ${artifact.signature.key_id}, which is not trusted here. If you know that key, trust it with "mcp-orchestration keys trust add FILE" (see "keys trust list").`,
      { artifact_id: artifact.artifact_id, key_id: artifact.signature.key_id },
    );
  }
  if (!verifyBytes(signingInput(raw as Record<string, unknown>), artifact.signature.value, key)) {
    throw new OrchestrationError(
      'SIGNATURE_INVALID',
      `The signature of ${artifact.artifact_id} does not verify: its fields were changed after signing, or the signature is forged.`,
      { artifact_id: artifact.artifact_id, key_id: artifact.signature.key_id },
    );
  }
  return {
    valid: true,
    artifact_id: artifact.artifact_id,
    key_id: artifact.signature.key_id,
    client_id: artifact.client_id,
    profile_id: artifact.profile_id,
    created_at: artifact.created_at,
    checks: { schema: true, content_id: true, signature: true },
  };
}

/** Where an artifact was read from: the profile and the id (or prefix) it was asked for. */
export interface ArtifactAddress {
  clientId: string;
  profileId: string;
  ref: string;
}

/**
 * `TAMPERED` unless the stored document names the id it was loaded by and the profile it was read
 * for. A signature alone does not say that: a validly signed artifact copied over another one's
 * file, or into another profile's folder, must not stand in for it.
 */
export function assertArtifactAt(raw: unknown, at: ArtifactAddress): void {
  const doc = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const { hex, full } = parseArtifactRef(at.ref);
  const id = typeof doc.artifact_id === 'string' ? doc.artifact_id : '';
  const idMatches = full ? id === `sha256:${hex}` : id.startsWith(`sha256:${hex}`);
  if (!idMatches) {
    throw new OrchestrationError(
      'TAMPERED',
      `The artifact stored as ${at.ref} in ${at.clientId}/${at.profileId} is another artifact (${id || 'no id'}): the store was changed. Nothing was used; publish again or restore the store from a backup.`,
      { client_id: at.clientId, profile_id: at.profileId, artifact_id: at.ref, stored_artifact_id: id },
    );
  }
  if (doc.client_id !== at.clientId || doc.profile_id !== at.profileId) {
    throw new OrchestrationError(
      'TAMPERED',
      `Artifact ${id} was signed for ${String(doc.client_id)}/${String(doc.profile_id)}, not ${at.clientId}/${at.profileId}: it was copied into this profile. Nothing was used.`,
      {
        client_id: at.clientId,
        profile_id: at.profileId,
        artifact_id: id,
        signed_for: `${String(doc.client_id)}/${String(doc.profile_id)}`,
      },
    );
  }
}
