/**
 * @module http/routes/policy
 * The policy in force (read by any token; set or removed by an admin, and audited), and a check of
 * a client's drafts and published heads against it. The policy lives in the hub's store, so every
 * `serve` replica on one database enforces the same one.
 */
import { z } from '@hono/zod-openapi';
import { SetPolicyInput } from '../../core/schemas/governance.js';
import { inputObject } from '../../core/schemas/operations.js';
import { PolicySchema } from '../../core/schemas/policy.js';
import { ValidationIssueSchema } from '../../core/schemas/validation.js';
import type { Orchestrator } from '../../service/index.js';
import { type App, operation } from '../route.js';
import { named } from '../schemas.js';

const TAG = 'Policy';
const PolicyView = named('PolicyView', z.object({ policy: PolicySchema.nullable() }));
const PolicyCheckResult = named(
  'PolicyCheckResult',
  z.object({
    valid: z.boolean(),
    checked: z.array(
      z.object({
        client_id: z.string(),
        profile_id: z.string(),
        kind: z.enum(['draft', 'head']),
        errors: z.array(ValidationIssueSchema),
      }),
    ),
  }),
);
const PolicyCheckBody = inputObject({
  client_id: z
    .string()
    .max(64)
    .optional()
    .describe('The client whose profiles to check (default: claude-desktop)'),
  profile_id: z.string().max(64).optional().describe('Only this profile (default: every draft and head)'),
});

export function registerPolicyRoutes(app: App, svc: Orchestrator): void {
  operation(
    app,
    {
      method: 'get',
      path: '/v1/policy',
      operationId: 'showPolicy',
      summary: 'The policy in force (allow, deny, transports, require_env_references, max_servers), or null',
      tag: TAG,
      response: PolicyView,
    },
    () => svc.showPolicy(),
  );

  operation(
    app,
    {
      method: 'post',
      path: '/v1/policy/check',
      operationId: 'checkPolicy',
      summary:
        "Checks a client's drafts and published heads against the policy, with POLICY_VIOLATION issues",
      tag: TAG,
      role: 'reader',
      body: PolicyCheckBody,
      response: PolicyCheckResult,
      errors: [404],
    },
    ({ body }) => {
      const { client_id, profile_id } = body as z.infer<typeof PolicyCheckBody>;
      return svc.checkPolicy({
        ...(client_id === undefined ? {} : { client_id }),
        ...(profile_id === undefined ? {} : { profile_id }),
      });
    },
  );

  operation(
    app,
    {
      method: 'post',
      path: '/v1/policy',
      operationId: 'setPolicy',
      summary: 'Set the policy from the text of a YAML or JSON policy file',
      description:
        'Enforced from then on by every replica at validate and publish (POLICY_VIOLATION). Recorded in the audit trail.',
      tag: TAG,
      role: 'admin',
      body: SetPolicyInput,
      bodyRequired: true,
      response: PolicyView,
    },
    ({ body }) => svc.setPolicy(SetPolicyInput.parse(body)),
  );

  operation(
    app,
    {
      method: 'delete',
      path: '/v1/policy',
      operationId: 'clearPolicy',
      summary: 'Remove the policy (recorded in the audit trail)',
      tag: TAG,
      role: 'admin',
      response: PolicyView,
    },
    () => svc.clearPolicy(),
  );
}
