/**
 * @module ui/pages/tokens
 * Tokens (admin): every API token with its role, profile glob and dates; create one with a role
 * and profiles (its secret is shown once, right here), and revoke one after a confirmation.
 * Calls `GET`/`POST /v1/tokens` and `DELETE /v1/tokens/{id}`.
 */
import { api, type Caller, seg } from '../api.js';
import { field, h, replace, scrollBox, uid } from '../dom.js';
import { errorBox, notice, withProgress } from '../feedback.js';
import type { Page } from '../main.js';
import type { TokenInfo } from '../types.js';

const ROLE_HELP: Record<TokenInfo['role'], string> = {
  reader: 'reader: read and sync',
  publisher: 'publisher: also drafts, publish, deploy, rollback',
  admin: 'admin: also tokens, keys, fleet, audit, policy',
};
const when = (iso: string | null, none: string) =>
  iso ? h('time', { datetime: iso }, new Date(iso).toLocaleString()) : none;

function tokenTable(tokens: TokenInfo[], caller: Caller, revoke: (t: TokenInfo) => void): HTMLElement {
  if (tokens.length === 0) return h('p', {}, 'No API tokens.');
  return scrollBox(
    'API tokens',
    h(
      'table',
      {},
      h('caption', { class: 'sr-only' }, 'API tokens'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Name', 'Role', 'Profiles', 'Created', 'Expires', 'Last used', 'Actions'].map((t) =>
            h('th', { scope: 'col' }, t),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        tokens.map((t) =>
          h(
            'tr',
            { 'data-token': t.id, 'data-name': t.name },
            h(
              'th',
              { scope: 'row' },
              t.name,
              t.id === caller.id ? h('small', { class: 'muted' }, ' (this session)') : null,
              h('br'),
              h('small', { class: 'muted' }, h('code', {}, t.id)),
            ),
            h('td', {}, h('span', { class: `badge role-${t.role}` }, t.role)),
            h('td', {}, h('code', {}, t.profiles ?? '*')),
            h('td', {}, when(t.created_at, '—')),
            h('td', {}, when(t.expires_at, 'never')),
            h('td', {}, when(t.last_used_at, 'never')),
            h(
              'td',
              {},
              h(
                'button',
                { type: 'button', class: 'secondary', onclick: () => revoke(t) },
                `Revoke ${t.name}`,
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

/** The secret of a token just made: shown once, selectable, with a copy button. */
function secretBox(created: TokenInfo & { token: string }): HTMLElement {
  const input = h('input', {
    type: 'text',
    readonly: true,
    value: created.token,
    class: 'secret',
    id: uid('secret'),
    'data-secret': '',
  });
  const copied = h('span', { role: 'status' });
  return h(
    'div',
    { class: 'notice' },
    h('p', {}, `Created "${created.name}" (${created.role}). Copy the token now: it is not shown again.`),
    h('label', { for: input.id }, 'New token'),
    h(
      'div',
      { class: 'row' },
      input,
      h(
        'button',
        {
          type: 'button',
          onclick: async () => {
            input.select();
            try {
              await navigator.clipboard.writeText(created.token);
              replace(copied, 'Copied.');
            } catch {
              replace(copied, 'Selected: press Ctrl+C (or ⌘C) to copy.');
            }
          },
        },
        'Copy',
      ),
      copied,
    ),
  );
}

function createForm(onCreated: (t: TokenInfo & { token: string }) => Promise<void>): HTMLElement {
  const name = h('input', { type: 'text', name: 'name', required: true, maxlength: 64, autocomplete: 'off' });
  const role = h(
    'select',
    { name: 'role' },
    (['reader', 'publisher', 'admin'] as const).map((r) =>
      h('option', { value: r, selected: r === 'reader' }, ROLE_HELP[r]),
    ),
  );
  const profiles = h('input', { type: 'text', name: 'profiles', autocomplete: 'off', placeholder: 'team-*' });
  const expires = h(
    'select',
    { name: 'expires' },
    [
      ['never', 'never'],
      ['12h', '12 hours'],
      ['30d', '30 days'],
      ['90d', '90 days'],
      ['52w', 'one year'],
    ].map(([value, label]) => h('option', { value, selected: value === '90d' }, label)),
  );
  const out = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, 'Create token');
  return h(
    'form',
    {
      class: 'card',
      'aria-labelledby': 'create-token-h',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const body = {
          name: name.value.trim(),
          role: role.value,
          expires: expires.value,
          ...(profiles.value.trim() ? { profiles: profiles.value.trim() } : {}),
        };
        const created = await withProgress(
          out,
          'Creating the token',
          () => api.post<TokenInfo & { token: string }>('/v1/tokens', body),
          submit,
        );
        if (!created) return;
        name.value = '';
        profiles.value = '';
        replace(out, secretBox(created));
        await onCreated(created);
      },
    },
    h('h2', { id: 'create-token-h' }, 'Create a token'),
    h(
      'div',
      { class: 'row' },
      field('Name', name, 'A label to tell tokens apart, e.g. the machine or the person.'),
      field('Role', role),
    ),
    h(
      'div',
      { class: 'row' },
      field('Profiles', profiles, 'Optional: limit the token to profiles matching this glob, e.g. team-*.'),
      field('Expires', expires),
    ),
    submit,
    out,
  );
}

export const tokensPage: Page = {
  id: 'tokens',
  title: 'Tokens',
  role: 'admin',
  async render(main, caller) {
    const listBox = h('section', { 'aria-labelledby': 'tokens-h' });
    const listOut = h('div', { 'aria-live': 'polite' });
    const load = async (tokens?: TokenInfo[]) => {
      const list = tokens ?? (await api.get<{ tokens: TokenInfo[] }>('/v1/tokens')).tokens;
      replace(
        listBox,
        h('h2', { id: 'tokens-h' }, `Tokens (${list.length})`),
        tokenTable(list, caller, revoke),
        listOut,
      );
    };
    const revoke = async (t: TokenInfo) => {
      const self = t.id === caller.id ? ' This is the token of this session: you will be signed out.' : '';
      if (!confirm(`Revoke the token "${t.name}" (${t.id})? Requests carrying it fail from now on.${self}`))
        return;
      const done = await withProgress(listOut, `Revoking ${t.name}`, () =>
        api.del<{ revoked: TokenInfo }>(`/v1/tokens/${seg(t.id)}`),
      );
      if (!done) return;
      try {
        await load();
        listOut.append(notice(`Revoked "${done.revoked.name}".`));
      } catch (err) {
        replace(listOut, errorBox(err));
      }
    };
    await load();
    replace(
      main,
      h('h1', {}, 'Tokens'),
      h(
        'p',
        { class: 'muted' },
        'API tokens of this hub, for the dashboard, "remote add" and the API. Only a hash is kept.',
      ),
      listBox,
      createForm(() => load()),
    );
  },
};
