/**
 * @module store/profiles
 * Per client and profile: an append-only `history.jsonl` (oldest first; the last line is the head)
 * whose lines are numbered (`seq`), so the head line also gives the count. History is read from
 * the end, so the head and the first page cost the same with ten artifacts or ten thousand.
 */
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { type HistoryEntry, HistoryEntrySchema } from '../core/schemas/artifact.js';
import { appendLine } from './atomic.js';
import { StampedCache } from './file-stamp.js';
import type { HomeLayout } from './home.js';
import { withLock } from './lock.js';

export interface ProfileIndex {
  client_id: string;
  profile_id: string;
  head: string | null;
  count: number;
  updated_at: string | null;
}

const historyFile = (home: HomeLayout, c: string, p: string) => join(home.profileDir(c, p), 'history.jsonl');
const lockFile = (home: HomeLayout, c: string, p: string) => join(home.profileDir(c, p), '.lock');

/** Runs `fn` holding the profile's lock (publish, rollback bookkeeping). */
export function withProfileLock<T>(
  home: HomeLayout,
  clientId: string,
  profileId: string,
  fn: () => T | Promise<T>,
): Promise<T> {
  return withLock(lockFile(home, clientId, profileId), fn);
}

function parseLine(line: string): HistoryEntry | null {
  try {
    const parsed = HistoryEntrySchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Reads up to `count` whole lines from the end of a file, skipping the newest `skip`. */
function readTailLines(path: string, skip: number, count: number): string[] {
  if (!existsSync(path)) return [];
  const fd = openSync(path, 'r');
  try {
    const out: string[] = [];
    let end = fstatSync(fd).size;
    let carry = '';
    let seen = 0;
    // Start small (a page of 20 entries is about 5 KB) and double: a first page or the head then
    // costs the same however long the history is.
    let chunkSize = 8 * 1024;
    while (end > 0 && out.length < count) {
      const start = Math.max(0, end - chunkSize);
      const buf = Buffer.alloc(end - start);
      readSync(fd, buf, 0, buf.length, start);
      const parts = (buf.toString('utf8') + carry).split('\n');
      carry = start > 0 ? (parts.shift() ?? '') : '';
      for (let i = parts.length - 1; i >= 0 && out.length < count; i--) {
        const line = parts[i] as string;
        if (line.trim() === '') continue;
        if (seen++ >= skip) out.push(line);
      }
      end = start;
      chunkSize = Math.min(chunkSize * 2, 1024 * 1024);
    }
    if (carry.trim() !== '' && out.length < count && seen++ >= skip) out.push(carry);
    return out;
  } finally {
    closeSync(fd);
  }
}

/**
 * Head entries read, by history file: the history only grows by appends, so one stat tells whether
 * the entry read still holds. A long-running `serve` answers head reads from here.
 */
const heads = new StampedCache<HistoryEntry | null>();

/** The newest history entry, or null when nothing was published. */
export function readHead(home: HomeLayout, clientId: string, profileId: string): HistoryEntry | null {
  const path = historyFile(home, clientId, profileId);
  return heads.read(
    path,
    () => {
      for (const line of readTailLines(path, 0, 3)) {
        const entry = parseLine(line);
        if (entry) return entry;
      }
      return null;
    },
    () => null,
  );
}

export function readIndex(home: HomeLayout, clientId: string, profileId: string): ProfileIndex {
  const head = readHead(home, clientId, profileId);
  return {
    client_id: clientId,
    profile_id: profileId,
    head: head?.artifact_id ?? null,
    count: head?.seq ?? 0,
    updated_at: head?.created_at ?? null,
  };
}

/** A page of history, newest first. */
export function readHistory(
  home: HomeLayout,
  clientId: string,
  profileId: string,
  limit = 20,
  offset = 0,
): HistoryEntry[] {
  return readTailLines(historyFile(home, clientId, profileId), offset, limit)
    .map(parseLine)
    .filter((e): e is HistoryEntry => e !== null);
}

/**
 * Appends an entry, numbered by the caller after the head it read under the profile lock (a
 * signed entry covers its number). The fsynced append is the commit point: there is no other file.
 */
export function appendHistory(
  home: HomeLayout,
  clientId: string,
  profileId: string,
  entry: HistoryEntry,
): ProfileIndex {
  appendLine(historyFile(home, clientId, profileId), JSON.stringify(entry));
  return {
    client_id: clientId,
    profile_id: profileId,
    head: entry.artifact_id,
    count: entry.seq,
    updated_at: entry.created_at,
  };
}

/** Profiles of a client that have a publish history. */
export function listPublishedProfiles(home: HomeLayout, clientId: string): string[] {
  const dir = home.clientDir(clientId);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'history.jsonl')))
    .map((d) => d.name)
    .sort();
}
