/**
 * @module service
 * The Orchestrator: every operation a user can do, as one async function each. The CLI, the MCP
 * server, the HTTP API and the dashboard call these and nothing else. Each operation lives in the
 * module of its capability (catalog, drafts, publishing, deployment ...) over one shared context;
 * this class only composes them and opens the Store before the first call.
 */
import type { Registry } from '../registry/registry.js';
import type { Store } from '../store/store.js';
import * as backups from './backups.js';
import * as catalog from './catalog.js';
import * as clients from './clients.js';
import * as comparing from './comparing.js';
import {
  type Actor,
  type ContextOptions,
  createContext,
  registryOf,
  runAs,
  type ServiceContext,
} from './context.js';
import * as deployment from './deployment.js';
import * as doctoring from './doctor.js';
import * as drafts from './drafts.js';
import * as fleet from './fleet.js';
import * as governance from './governance.js';
import * as history from './history.js';
import * as importing from './importing.js';
import * as keys from './keys.js';
import * as listing from './listing.js';
import * as oneshot from './oneshot.js';
import * as publishing from './publishing.js';
import * as remotes from './remotes.js';
import * as status from './status.js';
import * as tokens from './tokens.js';
import * as validation from './validation.js';
import * as verification from './verification.js';

export type { DraftView, ProfileSummary, PublishResult } from '../core/schemas/results.js';
export type { Actor, ServiceContext };
export { runAs };

/** What an Orchestrator is made over: home folder, store, environment, platform, folder, actor. */
export type OrchestratorOptions = ContextOptions;

type Operation<A extends unknown[], R> = (ctx: ServiceContext, ...args: A) => R | Promise<R>;

export class Orchestrator {
  readonly ctx: ServiceContext;
  private opened: Promise<void> | undefined;

  constructor(options: OrchestratorOptions | ServiceContext = {}) {
    this.ctx =
      'paths' in options && 'actor' in options ? options : createContext(options as OrchestratorOptions);
  }

  get home() {
    return this.ctx.home;
  }
  get env() {
    return this.ctx.env;
  }
  get paths() {
    return this.ctx.paths;
  }
  get store(): Store {
    return this.ctx.store;
  }

  /** The same service acting as someone else (an API token), over the same Store. */
  withActor(actor: Actor): Orchestrator {
    return new Orchestrator({ ...this.ctx, actor });
  }

  /** Connects the Store (PostgreSQL: connect and migrate) once; a failed open is retried next call. */
  open(): Promise<void> {
    this.opened ??= this.ctx.store
      .open()
      .then(() => tokens.adoptLegacyTokens(this.ctx))
      .then(() => undefined)
      .catch((err: unknown) => {
        this.opened = undefined;
        throw err;
      });
    return this.opened;
  }

  close(): Promise<void> {
    return this.ctx.store.close();
  }

  private op<A extends unknown[], R>(fn: Operation<A, R>): (...args: A) => Promise<R> {
    return async (...args: A) => {
      await this.open();
      return fn(this.ctx, ...args);
    };
  }

  // ---- home and keys
  readonly init = this.op(keys.init);
  readonly keysShow = this.op(keys.keysShow);
  readonly trustList = this.op(keys.trustList);
  readonly trustAdd = this.op(keys.trustAdd);
  readonly trustRemove = this.op(keys.trustRemove);

  // ---- registry
  readonly registry = this.op((ctx): Promise<Registry> => registryOf(ctx));
  readonly listServers = this.op(catalog.listServers);
  readonly describeServer = this.op(catalog.describeServer);
  readonly addUserServer = this.op(catalog.addUserServer);
  readonly removeUserServer = this.op(catalog.removeUserServer);
  readonly importServerJson = this.op(catalog.importServerJson);
  readonly searchRegistry = this.op(governance.searchServers);
  readonly importFromRegistry = this.op(governance.importFromRegistry);
  readonly outdatedServers = this.op(governance.outdatedServers);
  readonly setRegistry = this.op(governance.setRegistry);
  readonly registryApiCatalog = this.op(governance.registryApiCatalog);

  // ---- policy
  readonly setPolicy = this.op(governance.setPolicy);
  readonly showPolicy = this.op(governance.showPolicy);
  readonly clearPolicy = this.op(governance.clearPolicy);
  readonly checkPolicy = this.op(governance.checkProfiles);
  readonly exportPolicy = this.op(governance.exportGovernance);

  // ---- drafts, validation, publishing
  readonly draftShow = this.op(drafts.draftShow);
  readonly draftAdd = this.op(drafts.draftAdd);
  readonly draftAddCustom = this.op(drafts.draftAddCustom);
  readonly draftRemove = this.op(drafts.draftRemove);
  readonly draftClear = this.op(drafts.draftClear);
  readonly draftReplace = this.op(drafts.draftReplace);
  readonly validate = this.op(validation.validate);
  readonly publish = this.op(publishing.publish);

  // ---- read side
  readonly listProfiles = this.op(history.listProfiles);
  readonly history = this.op(history.history);
  readonly head = this.op(history.head);
  readonly get = this.op(history.get);
  readonly verify = this.op(verification.verify);
  readonly diff = this.op(comparing.diff);
  readonly export = this.op(comparing.exportConfig);

  // ---- clients and their files
  readonly listClients = this.op(clients.listClients);
  readonly deploy = this.op(deployment.deploy);
  readonly deployMany = this.op(deployment.deployMany);
  readonly rollback = this.op(deployment.rollback);
  readonly status = this.op(status.status);
  readonly listInstalled = this.op(listing.listInstalled);
  readonly doctor = this.op(doctoring.doctor);
  readonly importConfig = this.op(importing.importConfig);
  readonly importAll = this.op(importing.importAll);
  readonly addServer = this.op(oneshot.addServer);
  readonly removeServer = this.op(oneshot.removeServer);
  readonly enableServer = this.op(oneshot.enableServer);
  readonly disableServer = this.op(oneshot.disableServer);
  readonly pruneBackups = this.op(backups.pruneBackups);

  // ---- tokens and the audit trail
  readonly createToken = this.op(tokens.createToken);
  readonly listTokens = this.op(tokens.listTokens);
  readonly revokeToken = this.op(tokens.revokeToken);
  readonly verifyToken = this.op(tokens.verifyToken);
  readonly hasActiveToken = this.op(tokens.hasActiveToken);
  readonly listAudit = this.op(tokens.listAudit);
  readonly whoami = this.op(tokens.whoami);

  // ---- the hub's fleet
  readonly report = this.op(fleet.report);
  readonly fleet = this.op(fleet.fleet);

  // ---- a member's machine and its hubs
  readonly addRemote = this.op(remotes.addRemote);
  readonly listRemotes = this.op(remotes.listRemotes);
  readonly removeRemote = this.op(remotes.removeRemote);
  readonly sync = this.op(remotes.sync);
  readonly remoteFleet = this.op(remotes.remoteFleet);
}
