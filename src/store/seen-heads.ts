/**
 * @module store/seen-heads
 * The newest head this machine has seen per store, client and profile, kept in the home folder
 * whatever the Store (a PostgreSQL hub's tables are not this machine's memory):
 * `seen-heads/<hash of the store's location>/<client>/<profile>.json`. One home may be used with
 * several stores (`--store`), and each has its own histories.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { sha256Hex } from '../core/canonical.js';
import { assertId } from '../core/ids.js';
import { ArtifactIdSchema } from '../core/schemas/artifact.js';
import { writeJsonAtomic } from './atomic.js';
import { StampedCache } from './file-stamp.js';
import type { HomeLayout } from './home.js';

/** The newest head this machine has seen for one profile. */
export interface SeenHead {
  seq: number;
  artifact_id: string;
}

const SeenHeadSchema = z.object({
  seq: z.number().int().positive(),
  artifact_id: ArtifactIdSchema,
  seen_at: z.string().optional(),
});

/** Which store a memory is about: its printable location (a folder, or `postgresql://host:port/db`). */
export interface SeenIn {
  home: HomeLayout;
  storeLocation: string;
}

function seenFile({ home, storeLocation }: SeenIn, clientId: string, profileId: string): string {
  const client = assertId('client', clientId);
  const profile = assertId('profile', profileId);
  const store = sha256Hex(storeLocation).slice(0, 16);
  return join(home.root, 'seen-heads', store, client, `${profile}.json`);
}

const seen = new StampedCache<SeenHead | null>();

/** The newest head seen, or null when this machine has not read or published the profile yet. */
export function readSeenHead(where: SeenIn, clientId: string, profileId: string): SeenHead | null {
  const path = seenFile(where, clientId, profileId);
  return seen.read(
    path,
    () => {
      try {
        const { seq, artifact_id } = SeenHeadSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
        return { seq, artifact_id };
      } catch {
        // A damaged (or vanished) mark protects nothing, but must not block the profile: it is written again.
        return null;
      }
    },
    () => null,
  );
}

/** Remembers `head` unless a newer one was remembered meanwhile. */
export function markSeenHead(where: SeenIn, clientId: string, profileId: string, head: SeenHead): void {
  const current = readSeenHead(where, clientId, profileId);
  if (current && current.seq >= head.seq) return;
  where.home.ensureRoot();
  writeJsonAtomic(
    seenFile(where, clientId, profileId),
    { seq: head.seq, artifact_id: head.artifact_id, seen_at: new Date().toISOString() },
    { mode: 0o600 },
  );
}
