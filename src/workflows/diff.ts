/**
 * @module workflows/diff
 * Field-level differences between the published head and another config. Changes read as what
 * applying the head to the other config would do: `added` servers are in the head only, `removed`
 * ones only in the other config.
 */
import { isDeepStrictEqual } from 'node:util';
import type { DiffResult, DiffStatus, FieldChange, ServerChange } from '../core/schemas/diff.js';
import type { Payload, ServerEntry } from '../core/schemas/payload.js';
import { holdsReference, looksSecretName } from './secrets.js';

type Entry = ServerEntry & Record<string, unknown>;

function redact(name: string, value: unknown): boolean {
  return typeof value === 'string' && looksSecretName(name) && !holdsReference(value);
}

function mapChanges(
  prefix: string,
  before: Record<string, string>,
  after: Record<string, string>,
): FieldChange[] {
  const out: FieldChange[] = [];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const key of keys) {
    const b = before[key];
    const a = after[key];
    if (b === a) continue;
    const hidden = redact(key, b) || redact(key, a);
    const change: FieldChange['change'] = b === undefined ? 'added' : a === undefined ? 'removed' : 'changed';
    const field: FieldChange = { field: `${prefix}.${key}`, change };
    if (hidden) field.redacted = true;
    else {
      if (b !== undefined) field.before = b;
      if (a !== undefined) field.after = a;
    }
    out.push(field);
  }
  return out;
}

/** The field-level changes that turn server `before` into `after`. */
export function diffServer(before: ServerEntry, after: ServerEntry): FieldChange[] {
  const b = before as Entry;
  const a = after as Entry;
  const out: FieldChange[] = [];
  const scalar = (field: 'type' | 'command' | 'url' | 'cwd') => {
    const bv = field === 'type' ? (b.type ?? ('url' in b ? undefined : 'stdio')) : b[field];
    const av = field === 'type' ? (a.type ?? ('url' in a ? undefined : 'stdio')) : a[field];
    if (bv === av) return;
    const change: FieldChange['change'] =
      bv === undefined ? 'added' : av === undefined ? 'removed' : 'changed';
    out.push({
      field,
      change,
      ...(bv === undefined ? {} : { before: bv }),
      ...(av === undefined ? {} : { after: av }),
    });
  };
  scalar('type');
  scalar('command');
  const bArgs = (b.args as string[] | undefined) ?? [];
  const aArgs = (a.args as string[] | undefined) ?? [];
  if (!isDeepStrictEqual(bArgs, aArgs))
    out.push({ field: 'args', change: 'changed', before: bArgs, after: aArgs });
  scalar('cwd');
  scalar('url');
  out.push(
    ...mapChanges('env', (b.env as Record<string, string>) ?? {}, (a.env as Record<string, string>) ?? {}),
  );
  out.push(
    ...mapChanges(
      'headers',
      (b.headers as Record<string, string>) ?? {},
      (a.headers as Record<string, string>) ?? {},
    ),
  );
  return out;
}

export interface DiffLabels {
  base: string;
  target: string;
}

/**
 * Compares the head payload with another one.
 * @example diffPayloads(head.payload, fromFile, { base: 'head sha256:12ab…', target: 'file ./cfg.json' })
 */
export function diffPayloads(head: Payload, other: Payload, labels: DiffLabels): DiffResult {
  const changes: ServerChange[] = [];
  let unchanged = 0;
  const names = [...new Set([...Object.keys(head.mcpServers), ...Object.keys(other.mcpServers)])].sort();
  for (const name of names) {
    const inHead = head.mcpServers[name];
    const inOther = other.mcpServers[name];
    if (inHead && !inOther) changes.push({ server: name, change: 'added', fields: [] });
    else if (!inHead && inOther) changes.push({ server: name, change: 'removed', fields: [] });
    else if (inHead && inOther) {
      const fields = diffServer(inOther, inHead);
      if (fields.length === 0) unchanged++;
      else changes.push({ server: name, change: 'modified', fields });
    }
  }
  const count = (kind: ServerChange['change']) => changes.filter((c) => c.change === kind).length;
  const summary = {
    added: count('added'),
    removed: count('removed'),
    modified: count('modified'),
    unchanged,
  };
  const status: DiffStatus =
    changes.length === 0 ? 'up-to-date' : summary.removed > 0 ? 'diverged' : 'outdated';
  return {
    status,
    base: labels.base,
    target: labels.target,
    changes,
    summary,
    recommendation: recommend(status, labels),
  };
}

function recommend(status: DiffStatus, labels: DiffLabels): string {
  switch (status) {
    case 'up-to-date':
      return `No action needed: ${labels.target} matches ${labels.base}.`;
    case 'outdated':
      return `${labels.target} is behind ${labels.base}: deploy the head to bring it up to date.`;
    case 'diverged':
      return `${labels.target} has servers that ${labels.base} lacks: import them into the draft and publish to keep them, or deploy the head to replace them.`;
  }
}
