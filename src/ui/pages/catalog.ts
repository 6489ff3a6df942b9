/**
 * @module ui/pages/catalog
 * The server catalog: search with filters, a server's details, and an add form generated from its
 * parameters and environment variables. Secret variables are masked and offered as a `${env:NAME}`
 * reference first. Adding puts the server into the draft of each chosen client profile
 * (`POST /v1/config/{client}/{profile}/draft/add`).
 */
import { api, seg } from '../api.js';
import { field, h, replace } from '../dom.js';
import { errorBox, notice, withProgress } from '../feedback.js';
import type { Page } from '../main.js';
import type { ClientInfo, ServerDefinition } from '../types.js';
import { collectEnv, collectParams, envInput, paramInput } from './server-form.js';
import { clientChecks, clientsFoundFirst } from './target.js';

function addForm(server: ServerDefinition, clients: ClientInfo[]): HTMLFormElement {
  const found = clients.filter((c) => c.exists).map((c) => c.client_id);
  const targets = clientChecks(
    'Add to the draft of',
    clients,
    found.slice(0, 1).length ? found.slice(0, 1) : ['claude-desktop'],
  );
  const profile = h('input', { type: 'text', name: 'profile', value: 'default', required: true });
  const name = h('input', { type: 'text', name: 'name', value: server.id, required: true });
  const out = h('div', { class: 'out' });
  const submit = h('button', { type: 'submit' }, 'Add to draft');
  const form: HTMLFormElement = h(
    'form',
    {
      'aria-label': `Add ${server.name}`,
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const chosen = targets.values();
        if (chosen.length === 0) {
          replace(out, errorBox(new Error('Choose at least one client.')));
          return;
        }
        const body = {
          server_id: server.id,
          name: name.value.trim(),
          params: collectParams(form),
          env: collectEnv(form),
        };
        const results = await withProgress(
          out,
          `Adding ${server.id}`,
          () =>
            Promise.all(
              chosen.map((client) =>
                api
                  .post<{ server_count: number; todo?: string[] }>(
                    `/v1/config/${seg(client)}/${seg(profile.value.trim())}/draft/add`,
                    body,
                  )
                  .then((r) => ({ client, ...r })),
              ),
            ),
          submit,
        );
        if (!results) return;
        replace(
          out,
          notice(
            h(
              'span',
              {},
              `Added ${body.name} to the draft of ${results.map((r) => `${r.client}/${profile.value} (${r.server_count} servers)`).join(', ')}. `,
              results.some((r) => r.todo?.length)
                ? `Still needed: ${results.flatMap((r) => r.todo ?? []).join('; ')}. `
                : '',
              h(
                'a',
                { href: `#/profiles/${seg(results[0]?.client ?? '')}/${seg(profile.value.trim())}` },
                'Review and publish',
              ),
            ),
          ),
        );
      },
    },
    h('h3', {}, 'Add this server'),
    targets.fieldset,
    h('div', { class: 'row' }, field('Profile', profile), field('Name in the config', name)),
    server.params.length > 0
      ? h('fieldset', {}, h('legend', {}, 'Parameters'), server.params.map(paramInput))
      : null,
    server.env.length > 0
      ? h('fieldset', {}, h('legend', {}, 'Environment'), server.env.map(envInput))
      : null,
    submit,
    out,
  );
  return form;
}

function details(server: ServerDefinition, clients: ClientInfo[]): HTMLElement {
  const runs = server.url ? server.url : [server.command, ...(server.args ?? [])].join(' ');
  return h(
    'article',
    { class: 'card', 'aria-labelledby': 'server-title', 'data-server': server.id },
    h(
      'h2',
      { id: 'server-title', tabindex: '-1' },
      server.name,
      ' ',
      h('small', { class: 'muted' }, server.id),
    ),
    h('p', {}, server.description),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Transport'),
      h('dd', {}, server.transport),
      h('dt', {}, 'Package'),
      h('dd', {}, `${server.package.registry}: ${server.package.name}`),
      h('dt', {}, server.url ? 'URL' : 'Runs'),
      h('dd', {}, h('code', {}, runs)),
      server.tags.length > 0 ? [h('dt', {}, 'Tags'), h('dd', {}, server.tags.join(', '))] : null,
      server.homepage
        ? [
            h('dt', {}, 'Homepage'),
            h('dd', {}, h('a', { href: server.homepage, rel: 'noopener noreferrer' }, server.homepage)),
          ]
        : null,
      h('dt', {}, 'Source'),
      h('dd', {}, server.source === 'user' ? 'added by you' : 'built in'),
    ),
    addForm(server, clients),
  );
}

export const catalogPage: Page = {
  id: 'catalog',
  title: 'Catalog',
  async render(main) {
    const [all, clients] = await Promise.all([
      api.get<ServerDefinition[]>('/v1/servers'),
      clientsFoundFirst(),
    ]);
    const tags = [...new Set(all.flatMap((s) => s.tags))].sort();
    const search = h('input', { type: 'search', name: 'search', autocomplete: 'off' });
    const transport = h(
      'select',
      { name: 'transport' },
      h('option', { value: '' }, 'Any'),
      ['stdio', 'http', 'sse'].map((t) => h('option', { value: t }, t)),
    );
    const tag = h(
      'select',
      { name: 'tag' },
      h('option', { value: '' }, 'Any'),
      tags.map((t) => h('option', { value: t }, t)),
    );
    const count = h('p', { class: 'muted', role: 'status' });
    const results = h('ul', { class: 'results', 'aria-label': 'Servers' });
    const panel = h('div', {}, h('p', { class: 'muted' }, 'Choose a server to see its details and add it.'));

    const show = async (id: string, button: HTMLButtonElement) => {
      for (const b of results.querySelectorAll('button'))
        b.setAttribute('aria-pressed', String(b === button));
      const server = await withProgress(panel, `Loading ${id}`, () =>
        api.get<ServerDefinition>(`/v1/servers/${seg(id)}`),
      );
      if (!server) return;
      replace(panel, details(server, clients));
      panel.querySelector<HTMLElement>('#server-title')?.focus();
    };
    const refresh = async () => {
      const query = new URLSearchParams();
      if (search.value.trim()) query.set('search', search.value.trim());
      if (transport.value) query.set('transport', transport.value);
      if (tag.value) query.set('tag', tag.value);
      try {
        const list = await api.get<ServerDefinition[]>(`/v1/servers?${query}`);
        count.textContent = `${list.length} of ${all.length} servers`;
        replace(
          results,
          list.map((s) => {
            const button: HTMLButtonElement = h(
              'button',
              {
                type: 'button',
                'aria-pressed': 'false',
                'data-server': s.id,
                onclick: () => void show(s.id, button),
              },
              h('strong', {}, s.name),
              ` · ${s.transport} · `,
              h('span', { class: 'muted' }, s.description),
            );
            return h('li', {}, button);
          }),
        );
      } catch (err) {
        replace(results, h('li', {}, errorBox(err)));
      }
    };
    let timer: number | undefined;
    const soon = () => {
      clearTimeout(timer);
      timer = window.setTimeout(() => void refresh(), 200);
    };
    search.addEventListener('input', soon);
    transport.addEventListener('change', () => void refresh());
    tag.addEventListener('change', () => void refresh());

    replace(
      main,
      h('h1', {}, 'Catalog'),
      h(
        'form',
        {
          role: 'search',
          class: 'row',
          onsubmit: (e: Event) => {
            e.preventDefault();
            void refresh();
          },
        },
        field('Search', search, 'Id, name, description or tag'),
        field('Transport', transport),
        field('Tag', tag),
      ),
      count,
      h(
        'div',
        { class: 'split' },
        h('section', { 'aria-label': 'Results' }, results),
        h('section', { 'aria-label': 'Details' }, panel),
      ),
    );
    await refresh();
  },
};
