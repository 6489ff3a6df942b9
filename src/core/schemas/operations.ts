/**
 * @module core/schemas/operations
 * Input schemas of the service operations: the CLI, the MCP tools and the HTTP API all parse their
 * input with these, so every front door accepts the same thing.
 */
import { z } from 'zod';
import { suggestIds } from '../suggest.js';

export const DEFAULT_CLIENT = 'claude-desktop';
export const DEFAULT_PROFILE = 'default';

const clientId = z
  .string()
  .max(64)
  .default(DEFAULT_CLIENT)
  .describe('Client id, e.g. "claude-desktop", "cursor", "vscode"');
const profileId = z.string().max(64).default(DEFAULT_PROFILE).describe('Profile id, e.g. "default", "dev"');
const stringMap = z.record(z.string().max(256), z.string().max(8192));

/**
 * The message for fields an input object does not have, naming the nearest valid field. Why: a
 * misspelt `dryRun` that is silently dropped once turned a dry run into a real deploy. The object
 * schema that raised the issue is its `inst`, so objects made by `extend` or `omit` name their own fields.
 */
function unknownFields(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'unrecognized_keys') return undefined;
  const fields = issue.inst instanceof z.ZodObject ? Object.keys(issue.inst.shape) : [];
  return (issue.keys as string[])
    .map((key) => {
      const [near] = suggestIds(key, fields);
      if (near) return `Unknown field "${key}"; did you mean "${near}"?`;
      return `Unknown field "${key}"; the fields are: ${fields.join(', ') || 'none'}.`;
    })
    .join(' ');
}

/**
 * An operation's input object: unknown fields are refused (`INVALID_INPUT`, with "did you mean"),
 * never ignored, and the JSON Schema says `additionalProperties: false`.
 * @example const Input = inputObject({ dry_run: z.boolean().default(false) });
 */
export function inputObject<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject(shape, { error: unknownFields });
}

export const TargetInput = inputObject({ client_id: clientId, profile_id: profileId });

export const InitInput = inputObject({
  regenerate: z
    .boolean()
    .default(false)
    .describe('Rotate the key pair; the old public key is kept so old artifacts still verify'),
});

export const ListServersInput = inputObject({
  search: z
    .string()
    .max(200)
    .optional()
    .describe('Case-insensitive text to look for in id, name, description and tags'),
  transport: z.enum(['stdio', 'http', 'sse']).optional().describe('Only servers with this transport'),
  tag: z.string().max(64).optional(),
});

export const DraftAddInput = TargetInput.extend({
  server_id: z.string().max(64).describe('Registry server id, see list_available_servers'),
  name: z
    .string()
    .max(64)
    .optional()
    .describe('Name of the server in the config (defaults to the server id)'),
  params: stringMap
    .default({})
    .describe('Values for the server parameters, e.g. {"path": "/home/me/projects"}'),
  env: stringMap
    .default({})
    .describe('Environment variables; prefer references like "${env:GITHUB_TOKEN}" for secrets'),
});

export const DraftAddCustomInput = TargetInput.extend({
  name: z.string().max(64),
  command: z.string().max(4096).optional(),
  args: z.array(z.string().max(8192)).max(1000).default([]),
  env: stringMap.default({}),
  cwd: z.string().max(4096).optional(),
  url: z.string().max(4096).optional(),
  transport: z.enum(['http', 'sse']).default('http'),
  headers: stringMap.default({}),
});

export const DraftRemoveInput = TargetInput.extend({ name: z.string().max(64) });

export const ValidateInput = TargetInput.extend({
  payload: z
    .unknown()
    .optional()
    .describe('A payload {"mcpServers": {...}} to validate instead of the draft'),
});

export const PublishInput = TargetInput.extend({
  changelog: z.string().max(10_000).default(''),
  payload: z.unknown().optional().describe('Publish this payload instead of the draft'),
});

export const HistoryInput = TargetInput.extend({
  limit: z.number().int().min(1).max(1000).default(20),
  offset: z.number().int().min(0).default(0),
});

export const GetInput = TargetInput.extend({
  artifact_id: z
    .string()
    .max(80)
    .optional()
    .describe('Full id or unique prefix (>= 8 hex); default: the profile head'),
  verify: z
    .boolean()
    .default(true)
    .describe('Check the id, profile and signature before returning the payload (default true)'),
});

export const VerifyInput = TargetInput.extend({
  artifact_id: z.string().max(80).optional(),
  artifact: z.unknown().optional().describe('A whole artifact document to verify instead of a stored one'),
});

export const DiffInput = TargetInput.extend({
  payload: z.unknown().optional().describe('A payload {"mcpServers": {...}} to compare with the head'),
  artifact_id: z
    .string()
    .max(80)
    .optional()
    .describe('Another artifact of this profile to compare with the head'),
  deployed: z.boolean().default(false).describe("Compare with the client's config file as it is now"),
  path: z.string().max(4096).optional(),
  verify: z
    .boolean()
    .default(true)
    .describe('Check the id, profile and signature before returning the payload (default true)'),
});

export const ExportInput = TargetInput.extend({
  format: z.enum(['json', 'yaml', 'toml']).default('json'),
  native: z.boolean().default(false).describe("Write the client's own shape instead of the neutral one"),
  artifact_id: z.string().max(80).optional(),
  verify: z
    .boolean()
    .default(true)
    .describe('Check the id, profile and signature before returning the payload (default true)'),
});

export type In<T extends z.ZodType> = z.input<T>;

export const DeployInput = TargetInput.extend({
  artifact_id: z.string().max(80).optional().describe('Deploy this artifact instead of the profile head'),
  path: z
    .string()
    .max(4096)
    .optional()
    .describe("Write to this file instead of the client's usual config file"),
  scope: z
    .enum(['user', 'project'])
    .default('user')
    .describe('user config or project config (where the client has one)'),
  dry_run: z.boolean().default(false).describe('Show what would change and write nothing'),
  prune: z
    .boolean()
    .default(false)
    .describe(
      'Make the artifact exclusive: also remove servers this tool did not write (hand-added ones). Needs yes: true unless dry_run',
    ),
  adopt: z
    .boolean()
    .default(false)
    .describe(
      'Replace a same-named server this tool did not write instead of refusing with UNMANAGED_CONFLICT; it is managed from then on',
    ),
  yes: z.boolean().default(false).describe('Confirm prune (it removes servers the user added by hand)'),
  allow_widening: z
    .boolean()
    .default(false)
    .describe(
      'Write a disabled or tool-filtered server to a client that cannot express that restriction (it then runs, with every tool) instead of refusing with UNSUPPORTED_RESTRICTION',
    ),
  wrap_windows_cmd: z
    .boolean()
    .default(false)
    .describe(
      'On Windows, run npx/npm-style commands through "cmd /c" (some clients cannot start .cmd shims)',
    ),
});

export const DeployManyInput = DeployInput.omit({ client_id: true, path: true }).extend({
  source_client_id: clientId.describe('The client whose profile is deployed'),
  clients: z.array(z.string().max(64)).min(1).max(64).describe('Client ids to deploy the profile to'),
});

export const StatusInput = inputObject({
  client_id: z
    .string()
    .max(64)
    .optional()
    .describe('Only this client (default: every client with a deployment)'),
  profile_id: z.string().max(64).optional(),
});

export const RollbackInput = TargetInput.extend({
  to: z
    .string()
    .max(80)
    .optional()
    .describe('Artifact to go back to (default: the one deployed before the current one)'),
  restore_backup: z
    .boolean()
    .default(false)
    .describe('Restore the bytes saved before the last deploy instead'),
  path: z.string().max(4096).optional(),
  dry_run: z.boolean().default(false).describe('Say what the rollback would change; write nothing anywhere'),
});

export const ImportInput = TargetInput.extend({
  path: z.string().max(4096).optional().describe("Read this file instead of the client's usual config file"),
  scope: z.enum(['user', 'project']).default('user'),
  dry_run: z.boolean().default(false).describe('Say what would be imported; write nothing anywhere'),
});

/** The clients a one-shot changes: a list, every client whose file exists, or the default client. */
const oneshotTargets = {
  clients: z
    .array(z.string().max(64))
    .min(1)
    .max(64)
    .optional()
    .describe('Client ids to change, all or none (default: ["claude-desktop"])'),
  all_found: z
    .boolean()
    .default(false)
    .describe('Every client whose config file exists on this machine (instead of clients)'),
  profile_id: profileId.describe('The profile of each client that holds the change'),
  dry_run: z.boolean().default(false).describe('Say what would change and write nothing anywhere'),
};

export const OneshotAddInput = DraftAddInput.omit({ client_id: true, profile_id: true }).extend({
  changelog: z.string().max(500).optional().describe('Changelog of the publish (default: "add SERVER")'),
  adopt: z
    .boolean()
    .default(false)
    .describe(
      'Replace a same-named server this tool did not write instead of refusing with UNMANAGED_CONFLICT',
    ),
  ...oneshotTargets,
});

export const OneshotRemoveInput = inputObject({
  name: z.string().max(64).describe('Name of the server in the client configs'),
  changelog: z.string().max(500).optional().describe('Changelog of the publish (default: "remove NAME")'),
  ...oneshotTargets,
});

export const OneshotToggleInput = inputObject({
  name: z.string().max(64).describe('Name of the server in the client configs'),
  ...oneshotTargets,
});

export const PruneBackupsInput = inputObject({
  keep: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe('Keep only the newest N backups of each client file (default 20 when no age is given)'),
  older_than_ms: z.number().int().positive().optional().describe('Remove backups older than this'),
  client_id: z.string().max(64).optional().describe('Only the backups of this client'),
  dry_run: z.boolean().default(false).describe('List what would be removed and remove nothing'),
});
