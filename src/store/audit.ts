/**
 * @module store/audit
 * The audit trail of a home folder: `audit.jsonl`, one entry a line, appended under a lock and
 * fsynced like the history. Read newest first.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendLine } from './atomic.js';
import type { HomeLayout } from './home.js';
import { withLock } from './lock.js';
import { type AuditEntry, AuditEntrySchema, type AuditInput } from './store.js';

const auditFile = (home: HomeLayout) => join(home.root, 'audit.jsonl');

/** A complete entry for `input`, stamped now (both stores make entries the same way). */
export function newAuditEntry(input: AuditInput, at = new Date()): AuditEntry {
  return AuditEntrySchema.parse({
    ...input,
    id: `aud_${at.getTime().toString(36)}${randomBytes(4).toString('hex')}`,
    at: at.toISOString(),
    details: input.details ?? {},
  });
}

export async function appendAudit(home: HomeLayout, input: AuditInput): Promise<AuditEntry> {
  const entry = newAuditEntry(input);
  home.ensureRoot();
  await withLock(`${auditFile(home)}.lock`, () => appendLine(auditFile(home), JSON.stringify(entry)));
  return entry;
}

/** Newest first; a damaged line is skipped rather than hiding every other entry. */
export function listAudit(home: HomeLayout, options: { limit?: number; offset?: number } = {}): AuditEntry[] {
  const path = auditFile(home);
  if (!existsSync(path)) return [];
  const entries = readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((line) => {
      if (line.trim() === '') return [];
      try {
        const parsed = AuditEntrySchema.safeParse(JSON.parse(line));
        return parsed.success ? [parsed.data] : [];
      } catch {
        return [];
      }
    })
    .reverse();
  const offset = Math.max(0, options.offset ?? 0);
  return entries.slice(offset, options.limit === undefined ? undefined : offset + Math.max(0, options.limit));
}
