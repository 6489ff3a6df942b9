/**
 * @module service/access
 * Roles on a hub. Readers read and sync; publishers also edit drafts, publish, deploy and roll
 * back; admins also manage tokens and keys and see the fleet and the audit trail. A token may also
 * be limited to profiles matching a glob. Local callers (the CLI, stdio MCP) have every right.
 */
import { OrchestrationError } from '../core/errors.js';
import type { Role } from '../store/tokens.js';
import { type Actor, currentActor } from './context.js';

const RANK: Record<Role, number> = { reader: 0, publisher: 1, admin: 2 };

/** True when `pattern` (a glob where `*` matches any run of characters) matches `value`. */
export function globMatches(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`);
  return re.test(value);
}

const escapeRegExp = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/**
 * Refuses (`FORBIDDEN`) when the acting token's role is below `needed`, or when `profile` is
 * outside the token's profiles. Outside a request (no token) everything is allowed.
 * @example assertAllowed('publisher', 'team') // a reader token: FORBIDDEN
 */
export function assertAllowed(
  needed: Role,
  profile?: string,
  actor: Actor | undefined = currentActor(),
): void {
  if (actor?.role === undefined) return;
  if (RANK[actor.role] < RANK[needed]) {
    throw new OrchestrationError(
      'FORBIDDEN',
      `This needs the ${needed} role; the token "${actor.name}" is a ${actor.role}. Ask an admin for a ${needed} token ("mcp-orchestration token create --role ${needed}").`,
      { needed, role: actor.role },
    );
  }
  if (profile !== undefined && actor.profiles && !globMatches(actor.profiles, profile)) {
    throw new OrchestrationError(
      'FORBIDDEN',
      `The token "${actor.name}" is limited to profiles matching "${actor.profiles}"; "${profile}" is not one of them.`,
      { profile, profiles: actor.profiles },
    );
  }
}

/**
 * Whether the acting token may see `profile`: a token limited to a pattern is shown only the
 * profiles it matches, so listing names does not reveal the others.
 * @example profiles.filter((p) => mayRead(p))
 */
export function mayRead(profile: string, actor: Actor | undefined = currentActor()): boolean {
  return !actor?.profiles || globMatches(actor.profiles, profile);
}

/**
 * Refuses (`INVALID_INPUT`) `scope: "project"` from a front door that has no project folder: over
 * HTTP, the folder of a project is not the server's working folder, so only `serve --project-dir`
 * names one. `input` is an operation's input; one without a `scope` passes. `restart` says, in the
 * words of the front door, how the server gets a project folder.
 * @example assertProjectScope({ scope: 'project' }, false, 'start it with "serve --project-dir DIR"')
 */
export function assertProjectScope(input: unknown, hasProjectFolder: boolean, restart: string): void {
  if (hasProjectFolder || (input as { scope?: unknown } | undefined)?.scope !== 'project') return;
  throw new OrchestrationError(
    'INVALID_INPUT',
    `scope "project" is not accepted over HTTP: this server has no project folder. Use scope "user", or ${restart} to write project files there.`,
    { scope: 'project' },
  );
}
