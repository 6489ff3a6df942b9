/**
 * @module store/hash-salt
 * The per-home random salt of the hashes a deployment record keeps (`server_hashes`,
 * `file_sha256`): 32 random bytes as hex in `<home>/hash-salt` (0600). An entry can hold a secret
 * resolved at deploy time, so a plain SHA-256 of it would be an offline guessing target.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync } from 'node:fs';
import { fromFsError, OrchestrationError } from '../core/errors.js';
import { prepareAtomicWrite } from './atomic.js';
import type { HomeLayout } from './home.js';

const SALT_PATTERN = /^[0-9a-f]{64}$/;

function readSalt(path: string): string | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw fromFsError(err, path) ?? err;
  }
  const salt = text.trim();
  if (!SALT_PATTERN.test(salt)) {
    throw new OrchestrationError(
      'WRITE_FAILED',
      `${path} is damaged (not 64 hex digits): delete it; the next deploy makes a new salt, and status reports every deployment made since the old one as drifted until it is deployed again.`,
      { path },
    );
  }
  return salt;
}

/**
 * The home's salt, made on first need. The new file is written and fsynced beside its place, then
 * hard-linked there, which fails if another process made one first: every process ends up with the
 * same salt, never one that a rename overwrote.
 */
export function hashSalt(home: HomeLayout): string {
  const path = home.hashSaltFile;
  const existing = readSalt(path);
  if (existing !== null) return existing;
  home.ensureRoot();
  const pending = prepareAtomicWrite(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  const tmp = pending.temp;
  try {
    linkSync(tmp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
      pending.abort();
      throw fromFsError(err, path) ?? err;
    }
  }
  try {
    unlinkSync(tmp);
  } catch {
    /* already gone */
  }
  const salt = readSalt(path);
  if (salt === null) throw new OrchestrationError('WRITE_FAILED', `Could not create ${path}.`, { path });
  return salt;
}

/**
 * The salt a deployment record's hashes were made with: the home's for a record marked
 * `hash_salt: 'home'`, none (plain SHA-256) for one written before salting, so an upgrade never
 * turns an untouched file into drift.
 */
export function saltOfRecord(home: HomeLayout, record: { hash_salt?: 'home' | undefined }): string | null {
  return record.hash_salt === 'home' ? hashSalt(home) : null;
}

/** A salt used once and thrown away: for a dry run, whose hashes are never recorded. */
export function scratchSalt(): string {
  return randomBytes(32).toString('hex');
}
