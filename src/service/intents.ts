/**
 * @module service/intents
 * Crash-consistent deploys. Right before a deploy replaces a client's file, the deployment record it
 * is about to write is kept as an intent in the home folder (`deployments/pending/`); once the
 * record is in the Store the intent is removed. A kill between the rename and the record, or a
 * store that fails then (a full disk, a lost database), leaves the intent behind: the next command
 * that reads deployments finishes it when the file holds exactly the bytes that deploy wrote, and
 * drops it otherwise (the rename never happened, or the file changed since). An intent whose
 * artifact was never published (a one-shot killed between writing its files and publishing) is
 * undone instead: the file is put back from its backup, as the one-shot would have done itself.
 * An intent of a command still running (in this process, or in another live one) is left alone.
 * Intents are local to the machine whose files they describe, whichever Store holds the records.
 */
import { readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { sha256Hex } from '../core/canonical.js';
import { OrchestrationError } from '../core/errors.js';
import { writeFileAtomic } from '../store/atomic.js';
import { editClientFile, readClientBytes } from '../store/client-file.js';
import { DeploymentRecordSchema } from '../store/deployments.js';
import { saltOfRecord } from '../store/hash-salt.js';
import { isRunning, thisProcess } from '../store/lock.js';
import type { DeploymentInput } from '../store/store.js';
import { saltedHash } from '../workflows/drift.js';
import { audit, type ServiceContext } from './context.js';

const IntentSchema = z.object({
  record: DeploymentRecordSchema.omit({ deployment_id: true, deployed_at: true, deployed_by: true }).extend({
    /** The bytes the deploy was about to put in place; the intent is finished only if the file holds them. */
    file_sha256: z.string(),
  }),
  /** The process that kept it (absent in intents of earlier versions). */
  owner: z.object({ pid: z.number(), host: z.string(), started: z.string().nullable() }).optional(),
});

/** Intents of deploys still running in this process (a `serve` runs several at once). */
const inFlight = new Set<string>();

export interface KeptIntent {
  /** The deploy is recorded: the intent goes. */
  drop(): void;
  /** The deploy ended without a record (it failed): the intent stays for the next command to settle. */
  release(): void;
}

const dirOf = (ctx: ServiceContext) => join(ctx.home.deploymentsDir, 'pending');
const pathOf = (ctx: ServiceContext, configPath: string) =>
  join(dirOf(ctx), `${sha256Hex(configPath).slice(0, 32)}.json`);

/** Keeps the record a deploy is about to make, until it is dropped (recorded) or released (failed). */
export function keepIntent(
  ctx: ServiceContext,
  record: DeploymentInput & { file_sha256: string },
): KeptIntent {
  const path = pathOf(ctx, record.config_path);
  writeFileAtomic(path, `${JSON.stringify({ record, owner: thisProcess() })}\n`, {
    mode: 0o600,
    dirMode: 0o700,
  });
  inFlight.add(path);
  return {
    drop: () => {
      inFlight.delete(path);
      try {
        unlinkSync(path);
      } catch {
        /* settled already */
      }
    },
    release: () => inFlight.delete(path),
  };
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
    if (inFlight.has(path)) continue;
    const parsed = IntentSchema.safeParse(safeJson(path));
    // A command still running in another process finishes its own intent (this process's own are
    // known by `inFlight`).
    const owner = parsed.success ? parsed.data.owner : undefined;
    if (owner && owner.pid !== process.pid && isRunning(owner)) continue;
    if (parsed.success) {
      const { record } = parsed.data;
      const bytes = readClientBytes(record.config_path);
      if (bytes !== null && saltedHash(await saltOfRecord(ctx.store, record), bytes) === record.file_sha256) {
        if (record.artifact_id !== null && !(await isPublished(ctx, record))) {
          await putBack(ctx, record, bytes);
        } else {
          const done = await ctx.store.recordDeployment(record);
          await audit(
            ctx,
            `${done.action}.recovered`,
            `${done.client_id}/${done.profile_id}`,
            { config_path: done.config_path, deployment_id: done.deployment_id },
            done.artifact_id,
          );
          finished++;
        }
      }
    }
    unlinkSync(path);
  }
  return finished;
}

type IntentRecord = z.infer<typeof IntentSchema>['record'];

async function isPublished(ctx: ServiceContext, record: IntentRecord): Promise<boolean> {
  try {
    await ctx.store.loadArtifact(record.source_client_id, record.profile_id, record.artifact_id ?? '');
    return true;
  } catch (err) {
    if (err instanceof OrchestrationError && err.code === 'ARTIFACT_NOT_FOUND') return false;
    throw err;
  }
}

/**
 * Undoes the write of a command that died before publishing what it wrote: the file gets its
 * backup's bytes back, if it still holds exactly what that command wrote.
 */
async function putBack(ctx: ServiceContext, record: IntentRecord, written: Buffer): Promise<void> {
  const where = `${record.client_id}/${record.profile_id}`;
  if (record.backup_id === null) {
    ctx.notice(
      `${record.config_path} holds servers of an artifact that was never published (a command was stopped midway), and no backup of it was kept: check it with "mcp-orchestration list".`,
    );
    return;
  }
  const { bytes } = await ctx.store.readBackup(record.client_id, record.backup_id);
  const outcome = await editClientFile(
    ctx.home,
    record.config_path,
    (now) => (now?.equals(written) ? bytes : now),
    () => undefined,
  );
  await audit(ctx, `${record.action}.undone`, where, {
    config_path: record.config_path,
    backup_id: record.backup_id,
    put_back: outcome.changed,
  });
  ctx.notice(
    `A command stopped midway had written ${record.config_path} for an artifact it never published; the file was put back as it was before (backup ${record.backup_id}).`,
  );
}

function safeJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}
