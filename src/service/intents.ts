/**
 * @module service/intents
 * Crash-consistent deploys. Right before a deploy replaces a client's file, the deployment record it
 * is about to write is kept as an intent in the home folder (`deployments/pending/`); once the
 * record is in the Store the intent is removed. A kill between the rename and the record, or a
 * store that fails then (a full disk, a lost database), leaves the intent behind: the next command
 * that reads deployments finishes it when the file holds exactly the bytes that deploy wrote, and
 * drops it otherwise (the rename never happened, or the file changed since). Intents are local to
 * the machine whose files they describe, whichever Store holds the records.
 */
import { readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { sha256Hex } from '../core/canonical.js';
import { writeFileAtomic } from '../store/atomic.js';
import { readClientBytes } from '../store/client-file.js';
import { DeploymentRecordSchema } from '../store/deployments.js';
import { saltOfRecord } from '../store/hash-salt.js';
import type { DeploymentInput } from '../store/store.js';
import { saltedHash } from '../workflows/drift.js';
import { audit, type ServiceContext } from './context.js';

const IntentSchema = z.object({
  record: DeploymentRecordSchema.omit({ deployment_id: true, deployed_at: true, deployed_by: true }).extend({
    /** The bytes the deploy was about to put in place; the intent is finished only if the file holds them. */
    file_sha256: z.string(),
  }),
});

const dirOf = (ctx: ServiceContext) => join(ctx.home.deploymentsDir, 'pending');
const pathOf = (ctx: ServiceContext, configPath: string) =>
  join(dirOf(ctx), `${sha256Hex(configPath).slice(0, 32)}.json`);

/** Keeps the record a deploy is about to make; returns a function that drops it once recorded. */
export function keepIntent(
  ctx: ServiceContext,
  record: DeploymentInput & { file_sha256: string },
): () => void {
  const path = pathOf(ctx, record.config_path);
  writeFileAtomic(path, `${JSON.stringify({ record })}\n`, {
    mode: 0o600,
    dirMode: 0o700,
  });
  return () => unlinkSync(path);
}

/** Finishes or drops the intents a deploy that did not end left; returns how many were finished. */
export async function settleIntents(ctx: ServiceContext): Promise<number> {
  let names: string[];
  try {
    names = readdirSync(dirOf(ctx)).filter((n) => n.endsWith('.json'));
  } catch {
    return 0;
  }
  let finished = 0;
  for (const name of names) {
    const path = join(dirOf(ctx), name);
    const parsed = IntentSchema.safeParse(safeJson(path));
    if (parsed.success) {
      const bytes = readClientBytes(parsed.data.record.config_path);
      if (
        bytes !== null &&
        saltedHash(await saltOfRecord(ctx.store, parsed.data.record), bytes) ===
          parsed.data.record.file_sha256
      ) {
        const record = await ctx.store.recordDeployment(parsed.data.record);
        await audit(
          ctx,
          `${record.action}.recovered`,
          `${record.client_id}/${record.profile_id}`,
          { config_path: record.config_path, deployment_id: record.deployment_id },
          record.artifact_id,
        );
        finished++;
      }
    }
    unlinkSync(path);
  }
  return finished;
}

function safeJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}
