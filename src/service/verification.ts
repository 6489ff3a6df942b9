/**
 * @module service/verification
 * Verify an artifact (given, or stored) against the keys this home folder trusts.
 */
import { type In, VerifyInput } from '../core/schemas/operations.js';
import type { VerifyResult } from '../core/schemas/results.js';
import { loadVerificationKeys } from '../crypto/keys.js';
import { verifyArtifact } from '../workflows/artifact.js';
import type { ServiceContext } from './context.js';
import { artifactRef, get } from './history.js';

export async function verify(ctx: ServiceContext, input: In<typeof VerifyInput> = {}): Promise<VerifyResult> {
  const parsed = VerifyInput.parse(input);
  const raw = parsed.artifact !== undefined ? parsed.artifact : await get(ctx, artifactRef(parsed));
  return verifyArtifact(raw, await loadVerificationKeys(ctx.home));
}
