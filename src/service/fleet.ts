/**
 * @module service/fleet
 * Fleet status on a hub: members' machines report after each sync; admins see who is in sync.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertClientId } from '../clients/index.js';
import { assertId } from '../core/ids.js';
import {
  type FleetReport,
  FleetReportSchema,
  type FleetView,
  type StoredFleetReport,
} from '../core/schemas/fleet.js';
import { writeFileAtomic } from '../store/atomic.js';
import type { HomeLayout } from '../store/home.js';
import { assertAllowed } from './access.js';
import { audit, type ServiceContext } from './context.js';

/** Reports older than this are shown as stale unless the caller picks another limit. */
export const DEFAULT_STALE_AFTER_SECONDS = 3_600;

/** This home folder's machine id: random, made once, never derived from the hostname. */
export function machineId(home: HomeLayout): string {
  const path = join(home.root, 'machine-id');
  try {
    const id = readFileSync(path, 'utf8').trim();
    if (/^m_[0-9a-f]{16,64}$/.test(id)) return id;
  } catch {
    /* first use */
  }
  home.ensureRoot();
  const id = `m_${randomBytes(12).toString('hex')}`;
  writeFileAtomic(path, `${id}\n`, { mode: 0o600 });
  return id;
}

/** Takes one machine's report (a reader may report; the profile must be one of its token's). */
export async function report(ctx: ServiceContext, input: FleetReport): Promise<StoredFleetReport> {
  const parsed = FleetReportSchema.parse(input);
  assertAllowed('reader', parsed.profile_id);
  const stored: StoredFleetReport = {
    ...parsed,
    client_id: assertClientId(parsed.client_id),
    ...(parsed.source_client_id === undefined
      ? {}
      : { source_client_id: assertClientId(parsed.source_client_id) }),
    profile_id: assertId('profile', parsed.profile_id),
    reported_at: new Date().toISOString(),
  };
  await ctx.store.putFleetReport(stored);
  await audit(
    ctx,
    'fleet.report',
    `${stored.client_id}/${stored.profile_id}`,
    { machine_id: stored.machine_id, hostname: stored.hostname, state: stored.state },
    stored.artifact_id,
  );
  return stored;
}

/** Every machine's last report, whether it holds the current head, and whether it went quiet. */
export async function fleet(
  ctx: ServiceContext,
  options: { stale_after_seconds?: number; now?: Date } = {},
): Promise<FleetView> {
  assertAllowed('admin');
  const staleAfter = options.stale_after_seconds ?? DEFAULT_STALE_AFTER_SECONDS;
  const now = (options.now ?? new Date()).getTime();
  const heads = new Map<string, string | null>();
  const reports = await ctx.store.listFleetReports();
  const sourceOf = (r: StoredFleetReport) => r.source_client_id ?? r.client_id;
  for (const r of reports) {
    const key = `${sourceOf(r)}/${r.profile_id}`;
    if (!heads.has(key))
      heads.set(key, (await ctx.store.readHead(sourceOf(r), r.profile_id))?.artifact_id ?? null);
  }
  const machines = reports
    .map((r) => ({
      machine_id: r.machine_id,
      hostname: r.hostname,
      user: r.user,
      client_id: r.client_id,
      source_client_id: sourceOf(r),
      profile_id: r.profile_id,
      artifact_id: r.artifact_id,
      state: r.state,
      error: r.error ?? null,
      reported_at: r.reported_at,
      current: r.artifact_id !== null && heads.get(`${sourceOf(r)}/${r.profile_id}`) === r.artifact_id,
      stale: now - Date.parse(r.reported_at) > staleAfter * 1000,
    }))
    .sort((a, b) => a.hostname.localeCompare(b.hostname) || a.client_id.localeCompare(b.client_id));
  return { machines, stale_after_seconds: staleAfter };
}
