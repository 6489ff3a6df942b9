/**
 * @module service/verification
 * Verify an artifact (given, or stored) against the keys this home folder trusts.
 */
import { type In, VerifyInput } from '../core/schemas/operations.js';
import type { VerifyResult } from '../core/schemas/results.js';
import { loadVerificationKeys } from '../crypto/keys.js';
import { verifyArtifact } from '../workflows/artifact.js';
import type { ServiceContext } from './context.js';
import { target } from './context.js';
import { loadVerified, requireHead } from './history.js';

export async function verify(ctx: ServiceContext, input: In<typeof VerifyInput> = {}): Promise<VerifyResult> {
  const parsed = VerifyInput.parse(input);
  if (parsed.artifact !== undefined)
    return verifyArtifact(parsed.artifact, await loadVerificationKeys(ctx.home));
  const { client, profile } = target(parsed);
  const ref = parsed.artifact_id ?? (await requireHead(ctx, client, profile)).artifact_id;
  return (await loadVerified(ctx, client, profile, ref)).result;
}
