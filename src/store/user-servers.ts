/**
 * @module store/user-servers
 * The user's own registry servers in a home folder: `registry/<id>.json`, one file each, changed
 * under one lock. Definitions are validated by the registry module before they get here.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { OrchestrationError } from '../core/errors.js';
import { assertId } from '../core/ids.js';
import type { ServerDefinition } from '../core/schemas/registry.js';
import { parseStoredUserServer } from '../registry/registry.js';
import { writeJsonAtomic } from './atomic.js';
import type { HomeLayout } from './home.js';
import { withLock } from './lock.js';

const LOCK_FILE = '.registry.lock';
const fileOf = (home: HomeLayout, id: string) => join(home.userServersDir, `${assertId('server', id)}.json`);
const lockOf = (home: HomeLayout) => join(home.userServersDir, LOCK_FILE);

function readOne(path: string): ServerDefinition {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new OrchestrationError(
      'VALIDATION_ERROR',
      `User server file ${path} is not valid JSON: ${(err as Error).message}. Fix or remove it.`,
      { path },
    );
  }
  return parseStoredUserServer(raw, `in ${path}`);
}

/** The user's servers, validated; a broken file fails with its path so the user can fix it. */
export function listUserServers(home: HomeLayout): ServerDefinition[] {
  const dir = home.userServersDir;
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
    .sort()
    .map((file) => {
      const path = join(dir, file);
      const def = readOne(path);
      if (`${def.id}.json` !== file) {
        throw new OrchestrationError(
          'VALIDATION_ERROR',
          `User server file ${path} holds the id "${def.id}": name it ${def.id}.json.`,
          { path },
        );
      }
      return def;
    });
}

/** Stores a validated definition; `DUPLICATE_SERVER` when it exists and `replace` is not set. */
export async function putUserServer(
  home: HomeLayout,
  def: ServerDefinition,
  options: { replace?: boolean } = {},
): Promise<ServerDefinition> {
  const file = fileOf(home, def.id);
  return withLock(lockOf(home), () => {
    if (existsSync(file) && !options.replace) {
      throw new OrchestrationError(
        'DUPLICATE_SERVER',
        `A user server "${def.id}" already exists. Remove it first or replace it (--replace).`,
        { serverId: def.id },
      );
    }
    writeJsonAtomic(file, def, { mode: 0o600 });
    return def;
  });
}

/** Removes and returns the user server, or null when there is none. */
export async function removeUserServer(home: HomeLayout, id: string): Promise<ServerDefinition | null> {
  const file = fileOf(home, id);
  return withLock(lockOf(home), () => {
    if (!existsSync(file)) return null;
    const removed = readOne(file);
    rmSync(file, { force: true });
    return removed;
  });
}
