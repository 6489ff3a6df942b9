/**
 * @module service/validation
 * Validation against the registry of the moment: the one rule set that validate, publish, draft
 * hints and the one-shots share, so they never disagree.
 */
import { OrchestrationError } from '../core/errors.js';
import type { Draft } from '../core/schemas/draft.js';
import { type In, ValidateInput } from '../core/schemas/operations.js';
import { ENV_REF_PATTERN } from '../core/schemas/payload.js';
import type { Policy } from '../core/schemas/policy.js';
import type { ValidationIssue, ValidationResult } from '../core/schemas/validation.js';
import type { Registry } from '../registry/registry.js';
import { checkPolicy, type PolicyLookup } from '../workflows/policy.js';
import { MAX_PAYLOAD_BYTES, validatePayload } from '../workflows/validate.js';
import { adapterFor } from './clients.js';
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

/**
 * A `MISSING_SECRET` warning for each `${env:NAME}` reference that is not set here, so "valid" also
 * says whether the config will deploy: clients that cannot read variables get the value written at
 * deploy time (and deploy fails without it); the others read it from their own environment.
 */
export function unsetReferences(
  payload: unknown,
  clientId: string,
  env: Record<string, string | undefined>,
): ValidationIssue[] {
  const servers = (payload as { mcpServers?: unknown } | null)?.mcpServers;
  if (typeof servers !== 'object' || servers === null) return [];
  const expands = adapterFor(clientId).envReference('X') !== null;
  const out: ValidationIssue[] = [];
  for (const [server, entry] of Object.entries(servers)) {
    const seen = new Set<string>();
    for (const [, name] of JSON.stringify(entry ?? null).matchAll(ENV_REF_PATTERN)) {
      if (name === undefined || seen.has(name) || env[name] !== undefined) continue;
      seen.add(name);
      out.push({
        code: 'MISSING_SECRET',
        severity: 'warning',
        server,
        path: `/mcpServers/${server}`,
        message: expands
          ? `"\${env:${name}}" is not set here; ${clientId} reads it from its own environment when it starts "${server}", so set ${name} there.`
          : `"\${env:${name}}" is not set here, and ${clientId} cannot read environment variables: deploying "${server}" fails until ${name} is set in the environment that deploys.`,
      });
    }
  }
  return out;
}

/** Validates the given payload, or else the draft of the client and profile. */
export async function validate(
  ctx: ServiceContext,
  input: In<typeof ValidateInput> = {},
): Promise<ValidationResult> {
  const parsed = ValidateInput.parse(input);
  const { client, profile } = target(parsed);
  const registry = await registryOf(ctx);
  const withSecrets = (payload: unknown, result: ValidationResult): ValidationResult => ({
    ...result,
    warnings: [...result.warnings, ...unsetReferences(payload, client, ctx.env)],
  });
  if (parsed.payload !== undefined)
    return withSecrets(parsed.payload, check(registry, parsed.payload, {}, await governed(ctx, registry)));
  const draft = await ctx.store.readDraft(client, profile);
  const payload = { mcpServers: draft.mcpServers };
  return withSecrets(
    payload,
    check(registry, payload, draft.origins, await governed(ctx, registry, draft.origins)),
  );
}
