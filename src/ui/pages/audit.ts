/**
 * @module ui/pages/audit
 * Audit (admin): the audit trail newest first, who did what to which record and when, a page of
 * entries at a time (`GET /v1/audit?limit&offset`), filtered by action on the page.
 */
import { api } from '../api.js';
import { field, h, replace, scrollBox, shortId } from '../dom.js';
import { withProgress } from '../feedback.js';
import type { Page } from '../main.js';
import type { AuditEntry } from '../types.js';

const PAGE_SIZE = 50;

const detailText = (details: Record<string, unknown>) =>
  Object.entries(details)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');

function auditTable(entries: AuditEntry[]): HTMLElement {
  if (entries.length === 0) return h('p', {}, 'No entries.');
  return scrollBox(
    'Audit entries',
    h(
      'table',
      {},
      h('caption', { class: 'sr-only' }, 'Audit trail, newest first'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['When', 'Who', 'Action', 'Record', 'Details'].map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h(
        'tbody',
        {},
        entries.map((e) =>
          h(
            'tr',
            { 'data-action': e.action, 'data-entry': e.id },
            h('td', {}, h('time', { datetime: e.at }, new Date(e.at).toLocaleString())),
            h('td', {}, e.actor_name, h('br'), h('small', { class: 'muted' }, e.actor)),
            h('th', { scope: 'row' }, h('code', {}, e.action)),
            h(
              'td',
              {},
              h('code', { class: 'path' }, e.target),
              e.artifact_id ? h('div', {}, h('code', {}, shortId(e.artifact_id))) : null,
            ),
            h('td', {}, h('small', {}, detailText(e.details))),
          ),
        ),
      ),
    ),
  );
}

export const auditPage: Page = {
  id: 'audit',
  title: 'Audit',
  role: 'admin',
  async render(main) {
    let offset = 0;
    let entries = await api.get<{ entries: AuditEntry[] }>(`/v1/audit?limit=${PAGE_SIZE}`);
    const out = h('div', { 'aria-live': 'polite' });
    const filter = h('input', { type: 'search', name: 'action', autocomplete: 'off' });
    const newer = h('button', { type: 'button', class: 'secondary' }, 'Newer entries');
    const older = h('button', { type: 'button', class: 'secondary' }, 'Older entries');
    const position = h('p', { class: 'muted' });
    const show = () => {
      const q = filter.value.trim().toLowerCase();
      const shown = q
        ? entries.entries.filter(
            (e) => e.action.toLowerCase().includes(q) || e.target.toLowerCase().includes(q),
          )
        : entries.entries;
      replace(out, auditTable(shown));
      const last = offset + entries.entries.length;
      replace(
        position,
        entries.entries.length === 0 ? 'No entries here.' : `Entries ${offset + 1}–${last}, newest first.`,
      );
      newer.disabled = offset === 0;
      older.disabled = entries.entries.length < PAGE_SIZE;
    };
    const go = async (to: number) => {
      const next = await withProgress(out, 'Loading the audit trail', () =>
        api.get<{ entries: AuditEntry[] }>(`/v1/audit?limit=${PAGE_SIZE}&offset=${to}`),
      );
      if (next) {
        offset = to;
        entries = next;
      }
      show();
    };
    filter.addEventListener('input', show);
    newer.addEventListener('click', () => void go(Math.max(0, offset - PAGE_SIZE)));
    older.addEventListener('click', () => void go(offset + PAGE_SIZE));
    replace(
      main,
      h('h1', {}, 'Audit'),
      h('p', { class: 'muted' }, 'Every write through this hub: who, what, which record and when.'),
      field(
        'Filter by action or record',
        filter,
        'For example publish, deploy, token.create or cursor/default.',
      ),
      position,
      out,
      h('div', { class: 'row' }, newer, older),
    );
    show();
  },
};
