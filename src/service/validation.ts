/**
 * @module service/validation
 * Validation against the registry of the moment: the one rule set that validate, publish, draft
 * hints and the one-shots share, so they never disagree.
 */
import { OrchestrationError } from '../core/errors.js';
import type { Draft } from '../core/schemas/draft.js';
import { type In, ValidateInput } from '../core/schemas/operations.js';
import type { Policy } from '../core/schemas/policy.js';
import type { ValidationResult } from '../core/schemas/validation.js';
import type { Registry } from '../registry/registry.js';
import { checkPolicy, type PolicyLookup } from '../workflows/policy.js';
import { MAX_PAYLOAD_BYTES, validatePayload } from '../workflows/validate.js';
import { registryOf, type ServiceContext, target } from './context.js';
import { governed } from './governance.js';

/** Validates a payload (and the origins of draft servers) against `registry`. */
export function check(
  registry: Registry,
  payload: unknown,
  origins: Draft['origins'] = {},
  policy?: { policy: Policy; lookup: PolicyLookup },
): ValidationResult {
  if (JSON.stringify(payload ?? null).length > MAX_PAYLOAD_BYTES) {
    throw new OrchestrationError(
      'PAYLOAD_TOO_LARGE',
      `The config is larger than ${MAX_PAYLOAD_BYTES} bytes.`,
    );
  }
  const result = validatePayload(payload, {
    origins,
    lookupServer: (id) => registry.find(id),
    checkCommands: false,
  });
  // The policy speaks only about servers that are well-formed; a broken entry is validation's to report.
  const violations = policy ? checkPolicy(payload, policy.policy, policy.lookup) : [];
  if (violations.length === 0) return result;
  return { ...result, valid: false, errors: [...result.errors, ...violations] };
}

/** Validates the given payload, or else the draft of the client and profile. */
export async function validate(
  ctx: ServiceContext,
  input: In<typeof ValidateInput> = {},
): Promise<ValidationResult> {
  const parsed = ValidateInput.parse(input);
  const { client, profile } = target(parsed);
  const registry = await registryOf(ctx);
  if (parsed.payload !== undefined) return check(registry, parsed.payload, {}, governed(ctx, registry));
  const draft = await ctx.store.readDraft(client, profile);
  return check(
    registry,
    { mcpServers: draft.mcpServers },
    draft.origins,
    governed(ctx, registry, draft.origins),
  );
}
