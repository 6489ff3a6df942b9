/**
 * @module workflows/managed
 * Which servers of a client file a deploy may touch. The deployment record keeps the names this
 * tool wrote into the file (`managed_servers`); a deploy adds and updates the artifact's servers
 * and removes only managed ones that left the artifact. Every other entry (added by hand, by the
 * client's own `mcp add`, or of a shape this tool cannot read) is passed back to the format
 * editor unchanged, which leaves its bytes alone; `prune` makes the artifact exclusive.
 */
import { type ClientAdapter, importEntry, keepClientSettings } from '../clients/index.js';
import { OrchestrationError } from '../core/errors.js';
import { entryHash } from './drift.js';

/** What a deploy does to one server of the file. */
export type ServerAction = 'added' | 'updated' | 'removed' | 'kept' | 'unchanged';

export interface ServerOutcome {
  name: string;
  action: ServerAction;
  /** Why this tool cannot read the entry (it is kept as it is, unless pruned). */
  unreadable?: string;
  /** A same-named entry this tool did not write, taken over (identical content, or `adopt`). */
  adopted?: boolean;
}

export interface ManagedPlanInput {
  adapter: ClientAdapter;
  /** The client entries in the file now, by name. */
  existing: Record<string, unknown>;
  /** The artifact's servers in the client's shape. */
  next: Record<string, unknown>;
  /** Names this tool wrote into this file before. */
  managed: ReadonlySet<string>;
  /** Remove every server that is not in the artifact, managed or not. */
  prune: boolean;
  /** Overwrite same-named entries this tool did not write. */
  adopt: boolean;
}

export interface ManagedPlan {
  /** What the file's server container will hold (unmanaged entries as they were). */
  servers: Record<string, unknown>;
  outcomes: ServerOutcome[];
  /** The names this tool manages in the file after the deploy. */
  managed: string[];
  unreadable: Array<{ server: string; reason: string }>;
}

/** Why an entry cannot be read into the neutral form, or undefined when it can. */
export function unreadableReason(adapter: ClientAdapter, name: string, raw: unknown): string | undefined {
  try {
    importEntry(adapter, name, raw);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * The file's servers after deploying `next`, with what happens to each server. Throws
 * UNMANAGED_CONFLICT when a server of the artifact would overwrite a different entry of the same
 * name that this tool did not write, unless `adopt`.
 * @example planManagedServers({ adapter, existing, next, managed: new Set(['memory']), prune: false, adopt: false })
 */
export function planManagedServers(input: ManagedPlanInput): ManagedPlan {
  const { adapter, existing, next, managed } = input;
  const servers: Record<string, unknown> = {};
  const outcomes: ServerOutcome[] = [];
  const unreadable: Array<{ server: string; reason: string }> = [];
  const conflicts: string[] = [];
  for (const [name, raw] of Object.entries(existing)) {
    const reason = unreadableReason(adapter, name, raw);
    if (reason !== undefined) unreadable.push({ server: name, reason });
    const extra = reason === undefined ? {} : { unreadable: reason };
    if (!Object.hasOwn(next, name)) {
      if (managed.has(name) || input.prune) outcomes.push({ name, action: 'removed', ...extra });
      else {
        servers[name] = raw;
        outcomes.push({ name, action: 'kept', ...extra });
      }
      continue;
    }
    const same =
      reason === undefined && entryHash(adapter, raw, null) === entryHash(adapter, next[name], null);
    const ours = managed.has(name);
    if (!ours && !same && !input.adopt) conflicts.push(name);
    servers[name] = keepClientSettings(adapter, raw, next[name]);
    outcomes.push({
      name,
      action: same ? 'unchanged' : 'updated',
      ...(ours ? {} : { adopted: true }),
      ...extra,
    });
  }
  for (const [name, entry] of Object.entries(next)) {
    if (Object.hasOwn(existing, name)) continue;
    servers[name] = entry;
    outcomes.push({ name, action: 'added' });
  }
  if (conflicts.length > 0) {
    const list = conflicts.map((n) => `"${n}"`).join(', ');
    throw new OrchestrationError(
      'UNMANAGED_CONFLICT',
      `The client file already has ${list}, which this tool did not write and which differs from the published server${conflicts.length > 1 ? 's' : ''}. Run the command again with --adopt to replace ${conflicts.length > 1 ? 'them' : 'it'}, or rename your own entry in the client file (or the server in the draft, then publish again).`,
      { servers: conflicts },
    );
  }
  return { servers, outcomes, managed: Object.keys(next), unreadable };
}

/** How many servers had each action, for one summary line; unreadable entries kept are counted apart. */
export type ActionCounts = Record<ServerAction | 'unreadable_kept', number>;

export function countActions(
  outcomes: readonly { action: ServerAction; unreadable?: string | undefined }[],
): ActionCounts {
  const counts: ActionCounts = {
    added: 0,
    updated: 0,
    removed: 0,
    kept: 0,
    unreadable_kept: 0,
    unchanged: 0,
  };
  for (const o of outcomes)
    counts[o.action === 'kept' && o.unreadable !== undefined ? 'unreadable_kept' : o.action]++;
  return counts;
}

/**
 * Pruning removes servers the user added by hand, so it must be confirmed: `yes` (the CLI asks
 * on a terminal and passes it; MCP and REST callers set `yes: true`). A dry run needs no
 * confirmation because it writes nothing.
 */
export function assertPruneConfirmed(opts: { prune?: boolean; dryRun: boolean; yes?: boolean }): void {
  if (!opts.prune || opts.dryRun || opts.yes) return;
  throw new OrchestrationError(
    'INVALID_INPUT',
    'Pruning removes every server this tool did not write, including ones added by hand. Confirm with --yes, or look first with --dry-run.',
    { field: 'yes' },
  );
}

/** What restoring a backup did to each server: the bytes before against the bytes restored. */
export function restoredOutcomes(
  adapter: ClientAdapter,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): ServerOutcome[] {
  const out: ServerOutcome[] = [];
  for (const [name, raw] of Object.entries(after)) {
    const action: ServerAction = !Object.hasOwn(before, name)
      ? 'added'
      : entryHash(adapter, before[name], null) === entryHash(adapter, raw, null)
        ? 'unchanged'
        : 'updated';
    out.push({ name, action });
  }
  for (const name of Object.keys(before))
    if (!Object.hasOwn(after, name)) out.push({ name, action: 'removed' });
  return out;
}
