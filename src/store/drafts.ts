/**
 * @module store/drafts
 * Drafts live at `drafts/<client>/<profile>.json`; every change is a locked read-modify-write.
 */
import { existsSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { OrchestrationError } from '../core/errors.js';
import { type Draft, DraftSchema } from '../core/schemas/draft.js';
import { writeJsonAtomic } from './atomic.js';
import type { HomeLayout } from './home.js';
import { withLock } from './lock.js';

export function emptyDraft(clientId: string, profileId: string): Draft {
  return {
    client_id: clientId,
    profile_id: profileId,
    mcpServers: {},
    origins: {},
    parked: {},
    updated_at: null,
  };
}

export function readDraft(home: HomeLayout, clientId: string, profileId: string): Draft {
  const path = home.draftFile(clientId, profileId);
  if (!existsSync(path)) return emptyDraft(clientId, profileId);
  try {
    return DraftSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (err) {
    throw new OrchestrationError(
      'VALIDATION_ERROR',
      `The draft file ${path} is damaged (${(err as Error).message.slice(0, 200)}). Fix it by hand or run "draft clear".`,
      { path },
    );
  }
}

/** Applies `change` to the draft under its lock and saves the result. */
export async function updateDraft(
  home: HomeLayout,
  clientId: string,
  profileId: string,
  change: (draft: Draft) => void,
): Promise<Draft> {
  const path = home.draftFile(clientId, profileId);
  return withLock(`${path}.lock`, () => {
    const draft = readDraft(home, clientId, profileId);
    change(draft);
    draft.updated_at = new Date().toISOString();
    writeJsonAtomic(path, draft, { mode: 0o600 });
    return draft;
  });
}

export async function deleteDraft(home: HomeLayout, clientId: string, profileId: string): Promise<void> {
  const path = home.draftFile(clientId, profileId);
  await withLock(`${path}.lock`, () => {
    if (existsSync(path)) unlinkSync(path);
  });
}

export function listDraftProfiles(home: HomeLayout, clientId: string): string[] {
  const dir = join(home.root, 'drafts', clientId);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}
