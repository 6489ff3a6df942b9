/**
 * @module ui/pages/profiles
 * One client profile: its draft (remove entries, add a custom server, clear), validation shown
 * inline with the error codes, publish with a changelog, the history with a field-level diff
 * between any two artifacts, and rollback. The address is `#/profiles/<client>/<profile>`.
 */
import { api, seg } from '../api.js';
import { field, h, replace, scrollBox, shortId } from '../dom.js';
import { errorBox, notice, withProgress } from '../feedback.js';
import type { Page } from '../main.js';
import type {
  DeployResult,
  DiffResult,
  DraftView,
  HistoryEntry,
  ProfileSummary,
  ServerEntry,
  ValidationResult,
} from '../types.js';
import { diffList, diffSummary } from './diff-view.js';
import { clientSelect, clientsFoundFirst, profileField } from './target.js';

const runs = (e: ServerEntry) =>
  e.url ? `${e.type ?? 'http'} ${e.url}` : [e.command, ...(e.args ?? [])].join(' ');

function issueList(result: ValidationResult): HTMLElement {
  const item = (i: ValidationResult['errors'][number]) =>
    h(
      'li',
      { class: 'issue' },
      h('code', { class: 'code' }, i.code),
      ' ',
      h('code', {}, i.path),
      ` ${i.message}`,
    );
  return h(
    'div',
    { 'data-valid': String(result.valid) },
    result.valid
      ? h('p', { class: 'notice' }, 'The draft is valid.')
      : h(
          'div',
          { class: 'error', role: 'alert' },
          h('p', {}, `${result.errors.length} problem(s) block a publish:`),
          h('ul', {}, result.errors.map(item)),
        ),
    result.warnings.length > 0
      ? h('div', {}, h('p', {}, 'Warnings (do not block):'), h('ul', {}, result.warnings.map(item)))
      : null,
  );
}

function customForm(base: string, refresh: () => Promise<void>): HTMLElement {
  const name = h('input', { type: 'text', required: true });
  const command = h('input', { type: 'text', placeholder: 'npx' });
  const args = h('textarea', { rows: 3, placeholder: '-y\n@scope/server' });
  const url = h('input', { type: 'text', placeholder: 'https://example.com/mcp' });
  const transport = h(
    'select',
    {},
    h('option', { value: 'http' }, 'http'),
    h('option', { value: 'sse' }, 'sse'),
  );
  const out = h('div', {});
  const submit = h('button', { type: 'submit' }, 'Add custom server');
  return h(
    'details',
    {},
    h('summary', {}, 'Add a server that is not in the catalog'),
    h(
      'form',
      {
        onsubmit: async (event: Event) => {
          event.preventDefault();
          const body = url.value.trim()
            ? { name: name.value.trim(), url: url.value.trim(), transport: transport.value }
            : {
                name: name.value.trim(),
                command: command.value.trim(),
                args: args.value
                  .split('\n')
                  .map((a) => a.trim())
                  .filter((a) => a !== ''),
              };
          const done = await withProgress(
            out,
            'Adding',
            () => api.post(`${base}/draft/add-custom`, body),
            submit,
          );
          if (done) await refresh();
        },
      },
      field('Name', name),
      h('div', { class: 'row' }, field('Command (stdio)', command), field('Arguments, one per line', args)),
      h('div', { class: 'row' }, field('Or a URL (remote)', url), field('Transport', transport)),
      submit,
      out,
    ),
  );
}

async function renderProfile(main: HTMLElement, client: string, profile: string): Promise<void> {
  const base = `/v1/config/${seg(client)}/${seg(profile)}`;
  const draftBox = h('section', { 'aria-labelledby': 'draft-h' });
  const validation = h('div', { 'aria-live': 'polite' });
  const historyBox = h('section', { 'aria-labelledby': 'history-h' });
  const diffBox = h('div', { 'aria-live': 'polite' });

  const validate = async () => {
    const result = await withProgress(validation, 'Validating', () =>
      api.post<ValidationResult>(`${base}/validate`, {}),
    );
    if (result) replace(validation, issueList(result));
  };

  const loadDraft = async (): Promise<void> => {
    const draft = await api.get<DraftView>(`${base}/draft`);
    const names = Object.keys(draft.payload.mcpServers);
    const out = h('div', {});
    replace(
      draftBox,
      h('h2', { id: 'draft-h' }, `Draft (${draft.server_count} servers)`),
      names.length === 0
        ? h(
            'p',
            { class: 'muted' },
            'The draft is empty. Add servers from the ',
            h('a', { href: '#/catalog' }, 'catalog'),
            '.',
          )
        : scrollBox(
            'Servers in the draft',
            h(
              'table',
              {},
              h('caption', { class: 'sr-only' }, 'Servers in the draft'),
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  h('th', { scope: 'col' }, 'Name'),
                  h('th', { scope: 'col' }, 'Runs'),
                  h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Actions')),
                ),
              ),
              h(
                'tbody',
                {},
                names.map((n) =>
                  h(
                    'tr',
                    { 'data-server': n },
                    h('th', { scope: 'row' }, n),
                    h('td', {}, h('code', {}, runs(draft.payload.mcpServers[n] ?? {}))),
                    h(
                      'td',
                      {},
                      h(
                        'button',
                        {
                          type: 'button',
                          class: 'secondary',
                          'aria-label': `Remove ${n} from the draft`,
                          onclick: async (e: Event) => {
                            const ok = await withProgress(
                              out,
                              `Removing ${n}`,
                              () => api.post(`${base}/draft/remove`, { name: n }),
                              e.currentTarget as HTMLButtonElement,
                            );
                            if (ok) await refreshDraft();
                          },
                        },
                        'Remove',
                      ),
                    ),
                  ),
                ),
              ),
            ),
          ),
      names.length === 0
        ? null
        : h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              onclick: async (e: Event) => {
                const question = `Remove all ${names.length} servers from the draft of ${client} / ${profile}? What was published stays.`;
                if (!window.confirm(question)) return;
                const ok = await withProgress(
                  out,
                  'Clearing the draft',
                  () => api.del(`${base}/draft`),
                  e.currentTarget as HTMLButtonElement,
                );
                if (ok) await refreshDraft();
              },
            },
            'Clear the draft',
          ),
      out,
      customForm(base, refreshDraft),
    );
  };
  const refreshDraft = async () => {
    await loadDraft();
    await validate();
  };

  const changelog = h('textarea', { name: 'changelog', rows: 2, required: true });
  const publishOut = h('div', {});
  const publishButton = h('button', { type: 'submit' }, 'Publish');
  const publishForm = h(
    'form',
    {
      'aria-labelledby': 'publish-h',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const result = await withProgress(
          publishOut,
          'Signing and publishing',
          () =>
            api.post<{ artifact_id: string; server_count: number }>(`${base}/publish`, {
              changelog: changelog.value,
            }),
          publishButton,
        );
        if (!result) return;
        changelog.value = '';
        replace(publishOut, notice(`Published ${result.artifact_id} (${result.server_count} servers).`));
        await loadHistory();
      },
    },
    h('h2', { id: 'publish-h' }, 'Publish'),
    field('Changelog', changelog, 'What changed, for the history.'),
    publishButton,
    publishOut,
  );

  const loadHistory = async (): Promise<void> => {
    let entries: HistoryEntry[] = [];
    try {
      entries = (await api.get<{ entries: HistoryEntry[] }>(`${base}/history?limit=50`)).entries;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code !== 'PROFILE_NOT_FOUND') {
        replace(historyBox, h('h2', { id: 'history-h' }, 'History'), errorBox(err));
        return;
      }
    }
    const rollbackOut = h('div', {});
    const radio = (group: string, id: string, checked: boolean, label: string) =>
      h('input', { type: 'radio', name: group, value: id, checked, 'aria-label': label });
    const compare = h('button', { type: 'submit' }, 'Compare');
    replace(
      historyBox,
      h('h2', { id: 'history-h' }, 'History'),
      entries.length === 0
        ? h('p', { class: 'muted' }, 'Nothing published yet.')
        : h(
            'form',
            {
              'aria-label': 'Compare two artifacts',
              onsubmit: async (event: Event) => {
                event.preventDefault();
                const form = event.currentTarget as HTMLFormElement;
                const from = (form.querySelector('input[name=from]:checked') as HTMLInputElement | null)
                  ?.value;
                const to = (form.querySelector('input[name=to]:checked') as HTMLInputElement | null)?.value;
                if (!from || !to) return;
                const diff = await withProgress(
                  diffBox,
                  'Comparing',
                  () => api.get<DiffResult>(`${base}/compare?from=${seg(from)}&to=${seg(to)}`),
                  compare,
                );
                if (diff)
                  replace(
                    diffBox,
                    h('h3', {}, `${diff.base} → ${diff.target}: ${diffSummary(diff)}`),
                    diffList(diff),
                  );
              },
            },
            scrollBox(
              'Publish history',
              h(
                'table',
                {},
                h('caption', { class: 'sr-only' }, 'Publish history, newest first'),
                h(
                  'thead',
                  {},
                  h(
                    'tr',
                    {},
                    ['#', 'Artifact', 'Published', 'Changelog', 'Servers', 'From', 'To'].map((t) =>
                      h('th', { scope: 'col' }, t),
                    ),
                    h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Actions')),
                  ),
                ),
                h(
                  'tbody',
                  {},
                  entries.map((e, i) =>
                    h(
                      'tr',
                      { 'data-artifact': e.artifact_id },
                      h('td', {}, String(e.seq)),
                      h('td', {}, h('code', {}, shortId(e.artifact_id))),
                      h('td', {}, new Date(e.created_at).toLocaleString()),
                      h('td', {}, e.changelog),
                      h('td', {}, String(e.server_count)),
                      h(
                        'td',
                        {},
                        radio(
                          'from',
                          e.artifact_id,
                          i === 1 || entries.length === 1,
                          `Compare from #${e.seq}`,
                        ),
                      ),
                      h('td', {}, radio('to', e.artifact_id, i === 0, `Compare to #${e.seq}`)),
                      h(
                        'td',
                        {},
                        h(
                          'button',
                          {
                            type: 'button',
                            class: 'secondary',
                            'aria-label': `Roll back the client file to #${e.seq}`,
                            onclick: async (ev: Event) => {
                              if (
                                !window.confirm(
                                  `Write artifact #${e.seq} (${shortId(e.artifact_id)}) into ${client}'s config file again?`,
                                )
                              )
                                return;
                              const result = await withProgress(
                                rollbackOut,
                                'Rolling back',
                                () => api.post<DeployResult>(`${base}/rollback`, { to: e.artifact_id }),
                                ev.currentTarget as HTMLButtonElement,
                              );
                              if (result)
                                replace(
                                  rollbackOut,
                                  notice(
                                    `Rolled back ${result.config_path} to #${e.seq}: ${diffSummary(result.changes)}.`,
                                  ),
                                  diffList(result.changes),
                                );
                            },
                          },
                          'Roll back',
                        ),
                      ),
                    ),
                  ),
                ),
              ),
            ),
            compare,
          ),
      rollbackOut,
      diffBox,
    );
  };

  main.append(
    draftBox,
    h('section', { 'aria-label': 'Validation' }, h('h2', {}, 'Validation'), validation),
    publishForm,
    historyBox,
  );
  await Promise.all([refreshDraft(), loadHistory()]);
}

export const profilesPage: Page = {
  id: 'profiles',
  title: 'Profiles',
  async render(main) {
    const [, rawClient, rawProfile] = location.hash.replace(/^#\/?/, '').split('/');
    const clients = await clientsFoundFirst();
    const client = decodeURIComponent(rawClient ?? '') || clients[0]?.client_id || 'claude-desktop';
    const profile = decodeURIComponent(rawProfile ?? '') || 'default';
    const { profiles } = await api.get<{ profiles: ProfileSummary[] }>(`/v1/clients/${seg(client)}/profiles`);
    const select = clientSelect(clients, client);
    const chosen = profileField(
      profiles.map((p) => p.profile_id),
      profile,
    );
    replace(
      main,
      h('h1', {}, 'Profiles'),
      h(
        'form',
        {
          class: 'row card',
          'aria-label': 'Choose a client profile',
          onsubmit: (e: Event) => {
            e.preventDefault();
            location.hash = `#/profiles/${seg(select.value)}/${seg(chosen.input.value.trim())}`;
          },
        },
        field('Client', select),
        chosen.field,
        h('button', { type: 'submit' }, 'Open'),
      ),
      h('p', {}, 'Editing ', h('strong', {}, `${client} / ${profile}`)),
    );
    await renderProfile(main, client, profile);
  },
};
