/**
 * @module store/open
 * Choosing a Store: `--store URL` or `$MCP_ORCHESTRATION_STORE`. A `postgresql://` URL selects the
 * database; a folder path or a `file:` URL selects a home folder; nothing selects the home folder
 * (`--home`, `$MCP_ORCHESTRATION_HOME` or `~/.mcp-orchestration`). The PostgreSQL driver is loaded
 * only when a database is chosen, so everyday commands never pay for it.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OrchestrationError } from '../core/errors.js';
import { FileStore } from './file-store.js';
import { HomeLayout } from './home.js';
import { isPostgresUrl } from './postgres/url.js';
import type { Store } from './store.js';

export const STORE_ENV = 'MCP_ORCHESTRATION_STORE';

/** What a store URL selects: a home folder, or a database. */
export type StoreChoice = { kind: 'file'; root: string } | { kind: 'postgres'; url: string };

/**
 * @example parseStoreUrl('file:///srv/mo') // { kind: 'file', root: '/srv/mo' }
 * @example parseStoreUrl('postgresql://mo@db/orch') // { kind: 'postgres', url: ... }
 */
export function parseStoreUrl(url: string): StoreChoice {
  const text = url.trim();
  if (isPostgresUrl(text)) return { kind: 'postgres', url: text };
  if (/^file:/i.test(text)) {
    try {
      return { kind: 'file', root: fileURLToPath(text) };
    } catch (err) {
      throw new OrchestrationError(
        'INVALID_INPUT',
        `"${text}" is not a file: URL (${(err as Error).message}).`,
      );
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text === '') {
    throw new OrchestrationError(
      'INVALID_INPUT',
      `The store "${text.replace(/\/\/[^@/]*@/, '//***@')}" is neither a folder, a file: URL nor a postgresql:// URL.`,
    );
  }
  return { kind: 'file', root: resolve(text) };
}

/**
 * The Store of `url` (or of `$MCP_ORCHESTRATION_STORE`), else the home folder's. A PostgreSQL
 * store connects on first use (`open()`), not here.
 */
export function createStore(home: HomeLayout, url?: string, env: NodeJS.ProcessEnv = process.env): Store {
  const chosen = url ?? env[STORE_ENV];
  if (chosen === undefined || chosen.trim() === '') return new FileStore(home);
  const choice = parseStoreUrl(chosen);
  if (choice.kind === 'file') return new FileStore(new HomeLayout(choice.root));
  return lazyPostgres(choice.url);
}

/** A Store that loads `pg` and the PostgreSQL backend on its first call. */
function lazyPostgres(url: string): Store {
  let loaded: Promise<Store> | undefined;
  const load = () => {
    loaded ??= import('./postgres/index.js').then(({ PostgresStore }) => new PostgresStore(url));
    return loaded;
  };
  const shown = url.replace(/\/\/[^@/]*@/, '//');
  return new Proxy({} as Store, {
    get(_target, name) {
      if (name === 'kind') return 'postgres';
      if (name === 'location') return shown.replace(/\?.*$/, '');
      if (name === 'then') return undefined;
      // Closing a store that never connected must not load the driver just to close it.
      if (name === 'close' && loaded === undefined) return async () => {};
      return async (...args: unknown[]) => {
        const store = await load();
        const method = (store as unknown as Record<string | symbol, (...a: unknown[]) => unknown>)[name];
        if (typeof method !== 'function') throw new TypeError(`Store has no method ${String(name)}`);
        return method.apply(store, args);
      };
    },
  });
}
