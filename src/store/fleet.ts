/**
 * @module store/fleet
 * Fleet reports in a home folder: `fleet/<machine>/<client>/<profile>.json`, the last report of
 * each, written atomically (a one-machine hub; a team hub keeps them in PostgreSQL).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertId } from '../core/ids.js';
import { FleetReportSchema, type StoredFleetReport } from '../core/schemas/fleet.js';
import { writeJsonAtomic } from './atomic.js';
import type { HomeLayout } from './home.js';

const fleetDir = (home: HomeLayout) => join(home.root, 'fleet');

export function putFleetReport(home: HomeLayout, report: StoredFleetReport): StoredFleetReport {
  const path = join(
    fleetDir(home),
    report.machine_id,
    assertId('client', report.client_id),
    `${assertId('profile', report.profile_id)}.json`,
  );
  writeJsonAtomic(path, report, { mode: 0o600 });
  return report;
}

/** Every machine's last report per client and profile; damaged files are skipped. */
export function listFleetReports(home: HomeLayout): StoredFleetReport[] {
  const root = fleetDir(home);
  if (!existsSync(root)) return [];
  const out: StoredFleetReport[] = [];
  for (const machine of readdirSync(root)) {
    for (const client of readdirSync(join(root, machine))) {
      for (const file of readdirSync(join(root, machine, client))) {
        if (!file.endsWith('.json')) continue;
        try {
          const parsed = FleetReportSchema.safeParse(
            JSON.parse(readFileSync(join(root, machine, client, file), 'utf8')),
          );
          if (parsed.success && parsed.data.reported_at) out.push(parsed.data as StoredFleetReport);
        } catch {
          /* a half-written or damaged report: the next sync rewrites it */
        }
      }
    }
  }
  return out;
}
