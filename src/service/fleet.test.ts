/**
 * The fleet view on a hub: each machine's last report, whether it holds the head, and machines
 * that went quiet for longer than the stale limit (measured from `now`).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initializedService } from '../../test/helpers/service.js';
import type { TempHome } from '../../test/helpers/temp-home.js';
import type { Orchestrator } from './index.js';

let temp: TempHome;
let svc: Orchestrator;
beforeEach(async () => {
  ({ temp, svc } = await initializedService());
});
afterEach(() => temp.cleanup());

const reportFrom = (machine: string, artifact_id: string | null) =>
  svc.report({
    machine_id: `m_${machine.repeat(16)}`,
    hostname: `host-${machine}`,
    user: 'dev',
    client_id: 'claude-desktop',
    profile_id: 'default',
    artifact_id,
    state: artifact_id ? 'in-sync' : 'failed',
    error: artifact_id ? null : { code: 'REMOTE_UNAVAILABLE', message: 'down' },
  });

describe('fleet', () => {
  it('shows a machine as stale once it has been quiet for longer than the limit', async () => {
    const { artifact_id } = await svc.publish({ payload: { mcpServers: { memory: { command: 'mem' } } } });
    const a = await reportFrom('a', artifact_id);
    await reportFrom('b', null);
    const reportedAt = Date.parse(a.reported_at);
    const at = (seconds: number) => new Date(reportedAt + seconds * 1000);

    const fresh = await svc.fleet({ now: at(30) });
    expect(fresh.stale_after_seconds).toBe(3600);
    expect(fresh.machines.map((m) => [m.hostname, m.state, m.current, m.stale])).toEqual([
      ['host-a', 'in-sync', true, false],
      ['host-b', 'failed', false, false],
    ]);
    expect((await svc.fleet({ now: at(3700) })).machines.every((m) => m.stale)).toBe(true);
    const short = await svc.fleet({ stale_after_seconds: 10, now: at(30) });
    expect(short.stale_after_seconds).toBe(10);
    expect(short.machines.every((m) => m.stale)).toBe(true);

    // A new head leaves the machine behind, though not stale.
    await svc.publish({ payload: { mcpServers: { time: { command: 'time' } } } });
    expect((await svc.fleet({ now: at(30) })).machines[0]).toMatchObject({ current: false, stale: false });
  });
});
