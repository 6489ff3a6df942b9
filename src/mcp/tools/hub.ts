/**
 * @module mcp/tools/hub
 * A member's machine and its team hub: `sync`, the same service call as the CLI's `sync`, so an
 * assistant can pull the team's config into this machine's clients.
 */
import { SyncInput, SyncResultSchema } from '../../core/schemas/governance.js';
import { defineTool, type ToolContext } from './define.js';

export function registerHubTools(ctx: ToolContext): void {
  defineTool(ctx, {
    name: 'sync',
    title: "Sync the team's config from a hub",
    description:
      'Pull the head of `client_id`/`profile_id` from the team hub `remote` (saved with "mcp-orchestration remote add"), verify it ' +
      "against the hub's pinned keys, keep it here, deploy it into this machine's `clients` (default: client_id; only servers this " +
      'tool wrote are changed) and report back to the hub. An unchanged head costs one 304 (head "unchanged"). Nothing changes here ' +
      'when the hub is down (REMOTE_UNAVAILABLE), the artifact does not verify (TAMPERED, UNTRUSTED_KEY), it is older than the last ' +
      "one synced (DOWNGRADE_DETECTED) or it breaks this machine's policy (POLICY_VIOLATION). It writes the clients' config files: " +
      'use `dry_run: true` first and confirm with the user. The clients usually need a restart afterwards.',
    input: SyncInput,
    output: SyncResultSchema,
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
    run: (input, svc) => svc.sync(input),
    summary: (r) =>
      [
        `${r.remote} ${r.client_id}/${r.profile_id}: ${r.head === 'unchanged' ? 'head unchanged (304)' : `new head ${r.artifact_id.slice(0, 19)}`}`,
        r.dry_run
          ? `dry run, nothing written${r.note ? `: ${r.note}` : ''}`
          : `deployed to ${r.deployed.map((d) => `${d.client_id} (${d.status})`).join(', ') || 'no client'}`,
        ...r.failed.map((f) => `${f.client_id} failed: ${f.error.code}`),
        r.dry_run ? '' : `${r.reported} report(s) sent`,
      ]
        .filter(Boolean)
        .join('; '),
  });
}
