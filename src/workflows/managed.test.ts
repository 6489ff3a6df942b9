import { describe, expect, it } from 'vitest';
import { errorCode } from '../../test/helpers/error-code.js';
import { getAdapter } from '../clients/index.js';
import { assertPruneConfirmed, planManagedServers } from './managed.js';

const cursor = getAdapter('cursor');
const memory = { command: 'npx', args: ['-y', 'mem'] };

describe('planManagedServers', () => {
  const plan = (
    existing: Record<string, unknown>,
    managed: string[],
    opts = { prune: false, adopt: false },
  ) =>
    planManagedServers({ adapter: cursor, existing, next: { memory }, managed: new Set(managed), ...opts });

  it('keeps unmanaged and unreadable entries as they are and removes only managed ones', () => {
    const odd = { baseUrl: 'https://x' };
    const r = plan({ mine: { command: 'x' }, odd, old: { command: 'y' } }, ['old']);
    expect(r.servers).toEqual({ mine: { command: 'x' }, odd, memory });
    expect(r.outcomes.map((o) => `${o.action}:${o.name}`)).toEqual([
      'kept:mine',
      'kept:odd',
      'removed:old',
      'added:memory',
    ]);
    expect(r.unreadable.map((u) => u.server)).toEqual(['odd']);
    expect(r.outcomes[1]?.unreadable).toBeDefined();
    expect(r.managed).toEqual(['memory']);
  });

  it('prunes everything that is not in the artifact', () => {
    const r = plan({ mine: { command: 'x' }, odd: { baseUrl: 'u' } }, [], { prune: true, adopt: false });
    expect(r.servers).toEqual({ memory });
    expect(r.outcomes.filter((o) => o.action === 'removed').map((o) => o.name)).toEqual(['mine', 'odd']);
  });

  it('refuses a different same-named foreign entry unless adopt; an equal one is unchanged', async () => {
    expect(await errorCode(() => plan({ memory: { command: 'other' } }, []))).toBe('UNMANAGED_CONFLICT');
    const adopted = plan({ memory: { command: 'other' } }, [], { prune: false, adopt: true });
    expect(adopted.outcomes).toEqual([{ name: 'memory', action: 'updated', adopted: true }]);
    expect(plan({ memory }, []).outcomes).toEqual([{ name: 'memory', action: 'unchanged', adopted: true }]);
    expect(plan({ memory: { command: 'other' } }, ['memory']).outcomes).toEqual([
      { name: 'memory', action: 'updated' },
    ]);
  });
});

describe('assertPruneConfirmed', () => {
  it('needs yes unless it is a dry run', async () => {
    expect(await errorCode(() => assertPruneConfirmed({ prune: true, dryRun: false }))).toBe('INVALID_INPUT');
    expect(() => assertPruneConfirmed({ prune: true, dryRun: true })).not.toThrow();
    expect(() => assertPruneConfirmed({ prune: true, dryRun: false, yes: true })).not.toThrow();
    expect(() => assertPruneConfirmed({ prune: false, dryRun: false })).not.toThrow();
  });
});
