/**
 * @module store/hash-salt
 * The random salt of the hashes a deployment record keeps (`server_hashes`, `file_sha256`): 32
 * random bytes as hex, kept with the records (`Store.hashSalt`): `hash-salt` (0600) in the home
 * folder, or a row of the `settings` table in PostgreSQL. An entry can hold a secret resolved at
 * deploy time, so a plain SHA-256 of it would be an offline guessing target.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync } from 'node:fs';
import { fromFsError, OrchestrationError } from '../core/errors.js';
import { prepareAtomicWrite } from './atomic.js';
import type { HomeLayout } from './home.js';

/** A new salt: 32 random bytes as hex. Also what a dry run hashes with (its hashes are never kept). */
export function newHashSalt(): string {
  return randomBytes(32).toString('hex');
}

/** The salt as read from `where`, or WRITE_FAILED when it is not 64 hex digits. */
export function checkHashSalt(value: unknown, where: string): string {
  const salt = typeof value === 'string' ? value.trim() : '';
  if (!/^[0-9a-f]{64}$/.test(salt)) {
    throw new OrchestrationError(
      'WRITE_FAILED',
      `The drift hash salt in ${where} is damaged (not 64 hex digits): remove it; the next deploy makes a new one, and status reports deployments recorded before as drifted until they are deployed again.`,
      { where },
    );
  }
  return salt;
}

function readSalt(path: string): string | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw fromFsError(err, path) ?? err;
  }
  return checkHashSalt(text, path);
}

/**
 * The home folder's salt (`<home>/hash-salt`, 0600), made on first need. The new file is written
 * and fsynced beside its place, then hard-linked there, which fails if another process made one
 * first: every process ends up with the same salt, never one that a rename replaced.
 */
export function hashSalt(home: HomeLayout): string {
  const path = home.hashSaltFile;
  const existing = readSalt(path);
  if (existing !== null) return existing;
  home.ensureRoot();
  const pending = prepareAtomicWrite(path, `${newHashSalt()}\n`, { mode: 0o600 });
  try {
    linkSync(pending.temp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
      pending.abort();
      throw fromFsError(err, path) ?? err;
    }
  }
  try {
    unlinkSync(pending.temp);
  } catch {
    /* already gone */
  }
  const salt = readSalt(path);
  if (salt === null) throw new OrchestrationError('WRITE_FAILED', `Could not create ${path}.`, { path });
  return salt;
}

/**
 * The salt a deployment record's hashes were made with: the store's for a record marked
 * `hash_salt: 'store'`, none (plain SHA-256) for one written before salting, so an upgrade never
 * turns an untouched file into drift.
 */
export async function saltOfRecord(
  store: { hashSalt(): Promise<string> },
  record: { hash_salt?: 'store' | undefined },
): Promise<string | null> {
  return record.hash_salt === 'store' ? store.hashSalt() : null;
}
