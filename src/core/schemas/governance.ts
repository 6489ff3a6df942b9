/**
 * @module core/schemas/governance
 * Inputs and results of the policy operations and of `sync`, shared by the CLI, the MCP tools and
 * the REST routes.
 */
import { z } from 'zod';
import { DeployResultSchema } from './deploy.js';
import { inputObject } from './operations.js';

/** The largest policy file accepted (the CLI reads files up to this size too). */
export const MAX_POLICY_BYTES = 1024 * 1024;

export const SetPolicyInput = inputObject({
  text: z
    .string()
    .min(1)
    .max(MAX_POLICY_BYTES)
    .describe('The policy file, YAML or JSON (allow, deny, transports, require_env_references, max_servers)'),
  source: z.string().max(200).optional().describe('Where the text came from, named in error messages'),
});

const id = z.string().max(64);

export const SyncInput = inputObject({
  remote: id.describe('The hub, as saved with "remote add" (see "remote list")'),
  client_id: id.default('claude-desktop').describe('The client of the profile on the hub'),
  profile_id: id.default('default').describe('The profile on the hub'),
  clients: z.array(id).max(32).optional().describe('Local clients to deploy into (default: client_id)'),
  dry_run: z.boolean().default(false).describe('Fetch and verify, but write and report nothing'),
  adopt: z
    .boolean()
    .default(false)
    .describe(
      "Replace a same-named server this tool did not write (one added by hand) with the hub's, instead of refusing with UNMANAGED_CONFLICT",
    ),
});

export const SyncResultSchema = z.object({
  remote: z.string(),
  client_id: z.string(),
  profile_id: z.string(),
  artifact_id: z.string(),
  head: z
    .enum(['fetched', 'unchanged'])
    .describe('fetched: a new head came down; unchanged: the hub answered 304'),
  deployed: z.array(DeployResultSchema),
  failed: z.array(
    z.object({ client_id: z.string(), error: z.object({ code: z.string(), message: z.string() }) }),
  ),
  reported: z.number().int().describe('Fleet reports the hub accepted'),
  dry_run: z.boolean(),
  note: z.string().optional().describe('What a dry run would have done when it could not plan the deploy'),
});
export type SyncResult = z.infer<typeof SyncResultSchema>;
