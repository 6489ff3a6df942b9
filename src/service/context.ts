/**
 * @module service/context
 * What every service module works over: the Store, the home folder (signing keys live there
 * whatever the store), the environment, the client paths of this machine and who is acting.
 * Modules take a context and call only modules below them, never back up into their caller.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { homedir, hostname, userInfo } from 'node:os';
import { assertClientId, type PathContext, type Platform, processPathContext } from '../clients/index.js';
import { assertId } from '../core/ids.js';
import { type In, TargetInput } from '../core/schemas/operations.js';
import { Registry } from '../registry/registry.js';
import { HomeLayout, resolveHomeDir } from '../store/home.js';
import { createStore } from '../store/open.js';
import type { AuditEntry, Store } from '../store/store.js';
import type { Role } from '../store/tokens.js';
import { guardPublishes } from './freshness.js';

/** Who a write is recorded as in the audit trail. */
export interface Actor {
  /** A token id over HTTP, or `local:<user>@<host>` for the CLI and stdio MCP. */
  id: string;
  /** The token's name, or the local user name. */
  name: string;
  /** Over HTTP: the token's role and profile glob (see service/access). Absent for local callers. */
  role?: Role;
  profiles?: string | null;
}

export interface ServiceContext {
  readonly home: HomeLayout;
  readonly store: Store;
  /** Environment used for client paths and `${env:NAME}` resolution (tests pass a fake one). */
  readonly env: NodeJS.ProcessEnv;
  readonly paths: PathContext;
  /**
   * Whether this process has a project folder (`paths.cwd`) whose project-scoped client files it
   * may read and write. False for `serve` without `--project-dir`: the folder it was started from
   * is nobody's project.
   */
  readonly projectScope: boolean;
  readonly actor: Actor;
  /** One-off notices for the operator (a migration done): stderr unless told otherwise. */
  readonly notice: (line: string) => void;
}

export interface ContextOptions {
  /** The home folder; defaults to `$MCP_ORCHESTRATION_HOME` or `~/.mcp-orchestration`. */
  home?: string;
  /** A store URL (`postgresql://...`, a folder or `file:` URL) or a Store; default: the home folder. */
  store?: string | Store;
  /** Environment used for client paths and `${env:NAME}` resolution (tests pass a fake one). */
  env?: NodeJS.ProcessEnv;
  /** The platform whose client paths to use (default: this machine's). */
  platform?: Platform;
  /**
   * The project folder for project-scoped client files (default: the current folder); null: none
   * (project-scoped files are neither listed nor written).
   */
  cwd?: string | null;
  /** Who the audit trail records (default: the local user). */
  actor?: Actor;
  /** Where one-off notices go (default: a line on stderr, never stdout, which may carry JSON). */
  notice?: (line: string) => void;
}

/** The user running this process, as the audit trail names them. */
export function localActor(): Actor {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    /* no passwd entry (a container) */
  }
  return { id: `local:${user}@${hostname()}`, name: user };
}

export function createContext(options: ContextOptions = {}): ServiceContext {
  const env = options.env ?? process.env;
  const home = new HomeLayout(resolveHomeDir(options.home, env));
  const raw = typeof options.store === 'object' ? options.store : createStore(home, options.store, env);
  const store = guardPublishes(raw, home);
  const platform = options.platform ?? processPathContext().platform;
  const userHome = (platform === 'win32' ? env.USERPROFILE : env.HOME) ?? homedir();
  return {
    home,
    store,
    env,
    paths: { platform, env: { ...env }, homedir: userHome, cwd: options.cwd ?? process.cwd() },
    projectScope: options.cwd !== null,
    actor: options.actor ?? localActor(),
    notice: options.notice ?? ((line) => process.stderr.write(`${line}\n`)),
  };
}

/** The registry as of now: built-in servers and the store's user servers. */
export async function registryOf(ctx: ServiceContext): Promise<Registry> {
  return new Registry(await ctx.store.listUserServers());
}

/** The checked client and profile of an operation's input. */
export function target(input: In<typeof TargetInput>): { client: string; profile: string } {
  const parsed = TargetInput.parse({ client_id: input.client_id, profile_id: input.profile_id });
  return { client: assertClientId(parsed.client_id), profile: assertId('profile', parsed.profile_id) };
}

const requestActor = new AsyncLocalStorage<Actor>();

/**
 * Runs `fn` acting as `actor` (an HTTP request's token): writes made inside are recorded as theirs.
 * @example app.use('/v1/*', (c, next) => runAs({ id: token.id, name: token.name }, next))
 */
export function runAs<T>(actor: Actor, fn: () => T): T {
  return requestActor.run(actor, fn);
}

/** The request's token inside `runAs`, else undefined. */
export function currentActor(): Actor | undefined {
  return requestActor.getStore();
}

/** Who is acting now: the request's token inside `runAs`, else the context's actor. */
export function actorOf(ctx: ServiceContext): Actor {
  return requestActor.getStore() ?? ctx.actor;
}

/** Records a write in the audit trail, as the actor of the moment. */
export function audit(
  ctx: ServiceContext,
  action: string,
  what: string,
  details: Record<string, unknown> = {},
  artifactId: string | null = null,
): Promise<AuditEntry> {
  const actor = actorOf(ctx);
  return ctx.store.appendAudit({
    actor: actor.id,
    actor_name: actor.name,
    action,
    target: what,
    artifact_id: artifactId,
    details,
  });
}
