/**
 * @module service/backups
 * The byte-exact copies of client files taken before every write. They can hold resolved secrets,
 * so they are not kept forever: each new one leaves the newest BACKUPS_KEPT of its file, and
 * `backups prune` removes more on request (by number or age).
 */

import type { PruneBackupsResult } from '../core/schemas/deploy.js';
import { type In, PruneBackupsInput } from '../core/schemas/operations.js';
import { BACKUPS_KEPT, type BackupRetention } from '../store/deployments.js';
import { assertAllowed } from './access.js';
import { audit, type ServiceContext } from './context.js';

/** Removes the backups beyond `keep` per client file or older than `older_than_ms` (default: keep 20). */
export async function pruneBackups(
  ctx: ServiceContext,
  input: In<typeof PruneBackupsInput> = {},
): Promise<PruneBackupsResult> {
  assertAllowed('publisher');
  const parsed = PruneBackupsInput.parse(input);
  const keep = parsed.keep ?? (parsed.older_than_ms === undefined ? BACKUPS_KEPT : undefined);
  const rule: BackupRetention = {
    ...(keep === undefined ? {} : { keep }),
    ...(parsed.older_than_ms === undefined ? {} : { older_than_ms: parsed.older_than_ms }),
    ...(parsed.client_id === undefined ? {} : { client_id: parsed.client_id }),
  };
  const removed = await ctx.store.pruneBackups(rule, parsed.dry_run);
  if (!parsed.dry_run && removed.length > 0)
    await audit(ctx, 'backups.prune', parsed.client_id ?? '*', { removed: removed.length, ...rule });
  return {
    dry_run: parsed.dry_run,
    keep: keep ?? null,
    older_than_ms: parsed.older_than_ms ?? null,
    removed: removed.map(({ client_id, backup_id, config_path, created_at, size }) => ({
      client_id,
      backup_id,
      config_path,
      created_at,
      size,
    })),
  };
}
