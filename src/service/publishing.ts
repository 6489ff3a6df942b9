/**
 * @module service/publishing
 * Publish: a validated draft (or payload) becomes a signed, content-addressed artifact on top of
 * the profile's head, in one Store transaction.
 */
import { existsSync } from 'node:fs';
import { contentId } from '../core/canonical.js';
import { OrchestrationError } from '../core/errors.js';
import { type In, PublishInput } from '../core/schemas/operations.js';
import { PayloadSchema } from '../core/schemas/payload.js';
import type { PublishResult } from '../core/schemas/results.js';
import { loadSigningKey } from '../crypto/keys.js';
import { GENERATOR } from '../version.js';
import { buildArtifact } from '../workflows/artifact.js';
import { invalidConfig } from '../workflows/validate.js';
import { audit, registryOf, type ServiceContext, target } from './context.js';
import { governed } from './governance.js';
import { init } from './keys.js';
import { check } from './validation.js';

export async function publish(ctx: ServiceContext, input: In<typeof PublishInput>): Promise<PublishResult> {
  const parsed = PublishInput.parse(input);
  const { client, profile } = target(parsed);
  const draft = parsed.payload === undefined ? await ctx.store.readDraft(client, profile) : undefined;
  const payload = draft ? { mcpServers: draft.mcpServers } : parsed.payload;
  const registry = await registryOf(ctx);
  const validation = check(registry, payload, draft?.origins, await governed(ctx, registry, draft?.origins));
  if (!validation.valid) {
    throw invalidConfig(
      validation,
      `Nothing was published: ${validation.errors.length} validation error(s).`,
    );
  }
  const clean = PayloadSchema.parse(payload);
  // The first publish makes the key it signs with: no "init" step on the everyday path.
  const keysCreated = existsSync(ctx.home.privateKey) ? null : (await init(ctx)).key_id;
  const key = loadSigningKey(ctx.home);
  const { artifact } = await ctx.store.publish(client, profile, (head) => {
    const id = contentId(clean);
    if (head?.artifact_id === id) {
      throw new OrchestrationError(
        'NO_CHANGES',
        `The config is the same as the current head ${id}; nothing was published.`,
        { artifact_id: id },
      );
    }
    return buildArtifact(
      {
        clientId: client,
        profileId: profile,
        payload: clean,
        changelog: parsed.changelog,
        parentId: head?.artifact_id ?? null,
        generator: GENERATOR,
      },
      key,
    );
  });
  await audit(
    ctx,
    'publish',
    `${client}/${profile}`,
    { server_count: artifact.metadata.server_count, changelog: parsed.changelog },
    artifact.artifact_id,
  );
  return {
    status: 'published',
    artifact_id: artifact.artifact_id,
    client_id: client,
    profile_id: profile,
    server_count: artifact.metadata.server_count,
    parent_artifact_id: artifact.metadata.parent_artifact_id,
    changelog: parsed.changelog,
    keys_created: keysCreated,
    warnings: validation.warnings,
  };
}
