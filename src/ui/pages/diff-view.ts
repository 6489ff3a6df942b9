/**
 * @module ui/pages/diff-view
 * A field-level diff as a list: each server added, removed or modified, and for a modified one each
 * field with its value before and after (secret values arrive redacted from the server).
 */
import { h } from '../dom.js';
import type { DiffResult } from '../types.js';

const show = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value));

export function diffList(diff: DiffResult): HTMLElement {
  if (diff.changes.length === 0) return h('p', { class: 'muted' }, 'No changes.');
  return h(
    'ul',
    { class: 'diff' },
    diff.changes.map((c) =>
      h(
        'li',
        { class: `change ${c.change}`, 'data-server': c.server },
        h('span', { class: `badge ${c.change}` }, c.change),
        ' ',
        h('strong', {}, c.server),
        c.fields.length > 0
          ? h(
              'ul',
              {},
              c.fields.map((f) =>
                h(
                  'li',
                  { 'data-field': f.field },
                  h('code', {}, f.field),
                  ` ${f.change}: `,
                  f.redacted
                    ? '(secret, not shown)'
                    : [h('del', {}, show(f.before)), ' → ', h('ins', {}, show(f.after))],
                ),
              ),
            )
          : null,
      ),
    ),
  );
}

/** The one-line summary the CLI prints: `2 added, 1 removed, 0 modified, 3 unchanged`. */
export const diffSummary = (d: DiffResult) =>
  `${d.summary.added} added, ${d.summary.removed} removed, ${d.summary.modified} modified, ${d.summary.unchanged} unchanged`;
