/**
 * @module mcp/tools/config
 * Signed configs: `initialize_keys`, `validate_config`, `publish_config`, `list_profiles`,
 * `get_history`, `get_config`, `verify_config`, `diff_config`.
 */
import { ArtifactSchema } from '../../core/schemas/artifact.js';
import { DiffResultSchema } from '../../core/schemas/diff.js';
import {
  DiffInput,
  GetInput,
  HistoryInput,
  InitInput,
  PublishInput,
  TargetInput,
  ValidateInput,
  VerifyInput,
} from '../../core/schemas/operations.js';
import {
  HistoryPageSchema,
  KeyInitResultSchema,
  ProfileListSchema,
  PublishResultSchema,
  VerifyResultSchema,
} from '../../core/schemas/results.js';
import { ValidationResultSchema } from '../../core/schemas/validation.js';
import { defineTool, READ_ONLY, type ToolContext } from './define.js';

const ProfilesInput = TargetInput.pick({ client_id: true });

const WRITES: { readOnlyHint: false; openWorldHint: false } = { readOnlyHint: false, openWorldHint: false };

export function registerConfigTools(ctx: ToolContext): void {
  defineTool(ctx, {
    name: 'initialize_keys',
    title: 'Initialize signing keys',
    description:
      'Create the home folder and the Ed25519 key pair that signs published configs. Safe to call again: existing keys are kept ' +
      '(created=false). publish_config creates them on first use (keys_created), so this is rarely needed. ' +
      '`regenerate: true` rotates the keys; only do that when the user asks.',
    input: InitInput,
    output: KeyInitResultSchema,
    annotations: { ...WRITES, destructiveHint: false, idempotentHint: false },
    role: 'admin',
    run: ({ regenerate }, svc) => svc.init({ regenerate }),
    summary: (r) =>
      r.rotated
        ? `Rotated keys; new key id ${r.key_id}.`
        : r.created
          ? `Created keys; key id ${r.key_id}.`
          : `Keys already exist; key id ${r.key_id}.`,
  });

  defineTool(ctx, {
    name: 'validate_config',
    title: 'Validate the draft config',
    description:
      'Check the draft of a client profile (or a given `payload` {"mcpServers": {...}}) before publishing: required fields, ' +
      'commands, URLs, the params and env vars each registry server needs, secrets written in plain text. ' +
      'Returns {valid, errors[], warnings[]}, each issue with a code, message and JSON path. Invalid is a normal result, not a failure; ' +
      'fix the errors (add_server_to_config / remove_server_from_config) and validate again.',
    input: ValidateInput,
    output: ValidationResultSchema,
    annotations: READ_ONLY,
    run: (input, svc) => svc.validate(input),
    summary: (r) =>
      r.valid
        ? `Valid (${r.server_count} servers, ${r.warnings.length} warning(s)).`
        : `Invalid: ${r.errors.map((e) => `${e.code} at ${e.path}`).join('; ')}.`,
  });

  defineTool(ctx, {
    name: 'publish_config',
    title: 'Publish the draft config',
    description:
      'Validate, sign and store the draft (or a given `payload`) as a new immutable artifact and make it the head of the profile. ' +
      'Give a `changelog` saying what changed and why. Needs keys (initialize_keys). Returns the new artifact id. ' +
      'Fails with the first validation error code, or NO_CHANGES when the config equals the current head. ' +
      'Publishing does not touch the client: call deploy_config next.',
    input: PublishInput,
    output: PublishResultSchema,
    annotations: { ...WRITES, destructiveHint: false, idempotentHint: false },
    run: (input, svc) => svc.publish(input),
    summary: (r) =>
      `Published ${r.artifact_id} for ${r.client_id}/${r.profile_id} (${r.server_count} servers).`,
  });

  defineTool(ctx, {
    name: 'list_profiles',
    title: 'List profiles of a client',
    description:
      'The profiles of one client (e.g. "default", "work"), each with its head artifact, number of publishes and whether it has a draft. ' +
      'Use it to find which profile to work on. An empty list means nothing was drafted or published for the client yet.',
    input: ProfilesInput,
    output: ProfileListSchema,
    annotations: READ_ONLY,
    run: ({ client_id }, svc) => svc.listProfiles(client_id),
    summary: (r) =>
      r.profiles.length === 0
        ? `No profiles for ${r.client_id} yet.`
        : `${r.client_id}: ${r.profiles.map((p) => `${p.profile_id} (${p.count} published${p.has_draft ? ', draft' : ''})`).join(', ')}.`,
  });

  defineTool(ctx, {
    name: 'get_history',
    title: 'Get publish history',
    description:
      'The publish history of a client profile, newest first: artifact id, time, changelog and server count of each publish. ' +
      'Use it to pick an artifact for get_config, diff_config or rollback_config. Page with `limit` and `offset`. ' +
      'Fails with PROFILE_NOT_FOUND when nothing was published.',
    input: HistoryInput,
    output: HistoryPageSchema,
    annotations: READ_ONLY,
    run: (input, svc) => svc.history(input),
    summary: (r) =>
      `${r.client_id}/${r.profile_id}: ${r.total} published; newest ${r.entries[0]?.artifact_id ?? 'none'}.`,
  });

  defineTool(ctx, {
    name: 'get_config',
    title: 'Get a published config',
    description:
      'The published config of a client profile: the signed artifact with its payload, metadata and signature. ' +
      'By default the head (latest publish); pass `artifact_id` (full id or a unique prefix of 8+ hex) for an older one. ' +
      'It is verified first (its id, its profile and a trusted signature); `verify: false` returns it as stored. ' +
      'Fails with PROFILE_NOT_FOUND, ARTIFACT_NOT_FOUND, TAMPERED, UNTRUSTED_KEY or SIGNATURE_INVALID.',
    input: GetInput,
    output: ArtifactSchema,
    annotations: READ_ONLY,
    run: (input, svc) => svc.get(input),
    summary: (r) =>
      `${r.artifact_id} (${r.client_id}/${r.profile_id}, ${r.metadata.server_count} servers, ${r.created_at}): ${Object.keys(r.payload.mcpServers).join(', ')}.`,
  });

  defineTool(ctx, {
    name: 'verify_config',
    title: 'Verify a config signature',
    description:
      "Check that a published artifact is intact: its content id matches its payload and its Ed25519 signature matches this home's keys. " +
      'By default the head; pass `artifact_id`, or a whole `artifact` document. Fails with TAMPERED, UNTRUSTED_KEY (signer not in the trust list) or SIGNATURE_INVALID.',
    input: VerifyInput,
    output: VerifyResultSchema,
    annotations: READ_ONLY,
    run: (input, svc) => svc.verify(input),
    summary: (r) => `Verified ${r.artifact_id}: content id and signature (key ${r.key_id}) are good.`,
  });

  defineTool(ctx, {
    name: 'diff_config',
    title: 'Diff configs',
    description:
      "Field-level changes between the profile head and something else: `deployed: true` for the client's config file as it is now " +
      '(drift), `artifact_id` for another publish, or `payload` for a config you have. Say which one. Secret values are never shown. ' +
      'Returns status "up-to-date", "outdated" or "diverged", the changes per server and a recommendation.',
    input: DiffInput,
    output: DiffResultSchema,
    annotations: READ_ONLY,
    run: (input, svc) => svc.diff(input),
    summary: (r) =>
      `${r.status}: ${r.summary.added} added, ${r.summary.removed} removed, ${r.summary.modified} modified. ${r.recommendation}`,
  });
}
