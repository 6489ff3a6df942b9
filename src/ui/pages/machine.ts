/**
 * @module ui/pages/machine
 * This machine: every client config file found here (user and project scope) with each of its
 * servers in the `list` states (managed, drifted, unmanaged, disabled, unreadable) and why, the
 * profiles deployed to it, and the one-shots: add a catalog server to clients, remove, enable or
 * disable one. Each change is previewed first (a dry run that writes nothing) and written only on
 * confirm. Reads `GET /v1/clients/servers`, `GET /v1/clients` and `GET /v1/status`; changes with
 * `POST /v1/oneshot/{add,remove,enable,disable}`.
 */
import { ApiError, api } from '../api.js';
import { field, h, replace, scrollBox, shortId } from '../dom.js';
import { errorBox, notice, withProgress } from '../feedback.js';
import type { Page } from '../main.js';
import type {
  ClientInfo,
  ListedFile,
  ListedServer,
  OneshotResult,
  ServerDefinition,
  StatusEntry,
} from '../types.js';
import { diffList } from './diff-view.js';
import { collectEnv, collectParams, envInput, paramInput } from './server-form.js';
import { clientChecks, profileField } from './target.js';

type Verb = OneshotResult['action'];
type Body = Record<string, unknown>;

const PAST: Record<Verb, string> = {
  add: 'Added',
  remove: 'Removed',
  enable: 'Enabled',
  disable: 'Disabled',
};
const HOW: Record<OneshotResult['clients'][number]['how'], string> = {
  added: 'added to the file',
  removed: 'removed from the file',
  'switched-off': "switched off with the client's own flag",
  parked: 'taken out of the file and remembered, so enable puts it back (the client has no off switch)',
  'switched-on': "switched on with the client's own flag",
  restored: 'put back into the file',
};
/** A notice carried over the re-render that follows a confirmed change. */
let done: string | undefined;

const runOneshot = (verb: Verb, body: Body, dryRun: boolean) =>
  api.post<OneshotResult>(`/v1/oneshot/${verb}`, { ...body, dry_run: dryRun });

/** What a one-shot does (or would do) to each client's file, server by server. */
function oneshotView(result: OneshotResult): HTMLElement {
  return h(
    'div',
    { 'data-oneshot': result.dry_run ? 'preview' : 'written' },
    result.clients.map((c) =>
      h(
        'section',
        { 'data-client': c.client_id },
        h(
          'h4',
          {},
          `${c.client_id}/${c.profile_id}: ${result.server} ${HOW[c.how]} `,
          h('span', { class: `badge ${c.status}` }, c.status),
        ),
        h('p', {}, h('code', { class: 'path' }, c.config_path)),
        c.adopted.length > 0
          ? h('p', {}, `Taken into the profile on first use: ${c.adopted.join(', ')}.`)
          : null,
        h(
          'ul',
          { class: 'plain' },
          c.servers.map((s) =>
            h(
              'li',
              { 'data-server': s.name, 'data-action': s.action },
              h('span', { class: `badge ${s.action}` }, s.action),
              ` ${s.name}`,
              s.action === 'kept' ? ' (not written by this tool, left byte for byte)' : '',
              s.unreadable ? ` · unreadable: ${s.unreadable}` : '',
              s.adopted ? ' (adopted: managed from now on)' : '',
            ),
          ),
        ),
        c.warnings.map((w) => h('p', {}, h('code', { class: 'code' }, w.code), ` ${w.message}`)),
      ),
    ),
    result.keys_created ? h('p', {}, `A signing key was created: ${result.keys_created}.`) : null,
  );
}

/**
 * Previews a one-shot in `out`, then offers Confirm and Cancel; a confirmed change re-renders the
 * page with a notice.
 */
async function previewThenConfirm(
  out: HTMLElement,
  verb: Verb,
  body: Body,
  label: string,
  rerender: () => Promise<void>,
  button?: HTMLButtonElement,
): Promise<void> {
  const preview = await withProgress(out, `Previewing: ${label}`, () => runOneshot(verb, body, true), button);
  if (!preview) return;
  const confirm = h('button', { type: 'button' }, `Confirm: ${label}`);
  const cancel = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
  const result = h('div', { 'aria-live': 'polite' });
  confirm.addEventListener('click', async () => {
    cancel.disabled = true;
    const written = await withProgress(result, label, () => runOneshot(verb, body, false), confirm);
    cancel.disabled = false;
    if (!written) return;
    done = `${PAST[verb]} ${written.server}: ${written.clients.map((c) => `${c.client_id} (${HOW[c.how]})`).join(', ')}.`;
    await rerender();
  });
  cancel.addEventListener('click', () => {
    replace(out);
    button?.focus();
  });
  replace(
    out,
    h(
      'div',
      { class: 'preview', role: 'group', 'aria-label': `Preview: ${label}` },
      h('p', {}, h('strong', {}, 'Preview: nothing is written until you confirm.')),
      oneshotView(preview),
      h('div', { class: 'row' }, confirm, cancel),
      result,
    ),
  );
  confirm.focus();
}

function serverRow(
  file: ListedFile,
  s: ListedServer,
  out: HTMLElement,
  rerender: (() => Promise<void>) | undefined,
): HTMLElement {
  // The one-shots change a client's user file through its profile; project files are listed only,
  // and so is everything for a reader (no rerender: the page offers no change).
  const actions: Verb[] =
    !rerender || file.scope !== 'user' || s.state === 'unreadable'
      ? []
      : s.state === 'disabled'
        ? ['enable', 'remove']
        : ['disable', 'remove'];
  const body = { name: s.name, clients: [file.client_id], profile_id: s.profile_id ?? 'default' };
  return h(
    'tr',
    { 'data-server': s.name, 'data-state': s.state },
    h('th', { scope: 'row' }, s.name),
    h('td', {}, s.transport ?? '—'),
    h('td', {}, h('span', { class: `badge ${s.state}` }, s.state)),
    h('td', {}, s.profile_id ?? '—'),
    h('td', { class: 'why' }, s.reason ? h('small', {}, s.reason) : ''),
    rerender &&
      h(
        'td',
        { class: 'actions' },
        actions.map((verb) => {
          const label = `${verb[0]?.toUpperCase()}${verb.slice(1)} ${s.name}`;
          const button: HTMLButtonElement = h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              'aria-label': `${label} in ${file.name}`,
              onclick: () =>
                rerender &&
                previewThenConfirm(
                  out,
                  verb,
                  body,
                  `${verb} ${s.name} in ${file.client_id}`,
                  rerender,
                  button,
                ),
            },
            label,
          );
          return button;
        }),
      ),
  );
}

function profileStatus(entry: StatusEntry): HTMLElement {
  return h(
    'section',
    { class: 'profile', 'data-profile': entry.profile_id },
    h('h3', {}, `Profile ${entry.profile_id} `, h('span', { class: `badge ${entry.state}` }, entry.state)),
    h(
      'p',
      { class: 'muted' },
      `Deployed ${shortId(entry.artifact_id)}`,
      entry.deployed_at ? ` on ${new Date(entry.deployed_at).toLocaleString()}` : '',
      entry.head_is_deployed
        ? ' (the latest publish)'
        : entry.head_artifact_id
          ? ` · latest publish ${shortId(entry.head_artifact_id)} not deployed`
          : '',
      entry.missing_file ? ' · the file is missing' : '',
    ),
    entry.drift && entry.drift.changes.length > 0
      ? h('details', {}, h('summary', {}, 'What changed in the file since the deploy'), diffList(entry.drift))
      : null,
  );
}

function fileCard(
  file: ListedFile,
  entries: StatusEntry[],
  rerender: (() => Promise<void>) | undefined,
): HTMLElement {
  const out = h('div', { 'aria-live': 'polite' });
  const table = h(
    'table',
    {},
    h('caption', { class: 'sr-only' }, `Servers in ${file.path}`),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Server', 'Transport', 'State', 'Profile', 'Why', rerender ? 'Change' : null].map((t) =>
          t ? h('th', { scope: 'col' }, t) : null,
        ),
      ),
    ),
    h(
      'tbody',
      {},
      file.servers.map((s) => serverRow(file, s, out, rerender)),
    ),
  );
  return h(
    'article',
    { class: 'card client', 'data-client': file.client_id, 'data-scope': file.scope },
    h('h2', {}, file.name, ' ', h('small', { class: 'muted' }, file.client_id)),
    h('p', {}, h('code', { class: 'path' }, file.path), ` · ${file.scope} scope · ${file.format}`),
    file.error
      ? errorBox(new ApiError(file.error.code, file.error.message))
      : file.servers.length > 0
        ? scrollBox(`Servers of ${file.name} (${file.scope})`, table)
        : h('p', { class: 'muted' }, 'No servers in this file.'),
    out,
    file.scope === 'user' ? entries.map(profileStatus) : null,
  );
}

/** Add a catalog server to one or more clients in one step, previewed first. */
function addCard(clients: ClientInfo[], rerender: () => Promise<void>): HTMLElement {
  const select = h('select', { name: 'server' }, h('option', { value: '' }, 'Choose a server…'));
  const fields = h('div', {});
  const found = clients.filter((c) => c.exists).map((c) => c.client_id);
  const targets = clientChecks('Add to', clients, found.slice(0, 1));
  const profile = profileField([]);
  const name = h('input', { type: 'text', name: 'name', autocomplete: 'off' });
  const adopt = h('input', { type: 'checkbox', name: 'adopt', id: 'add-adopt' });
  const out = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, 'Preview the add');
  let servers: ServerDefinition[] = [];
  const loadServers = async () => {
    if (servers.length > 0) return;
    servers = await api.get<ServerDefinition[]>('/v1/servers');
    select.append(...servers.map((s) => h('option', { value: s.id }, `${s.name} (${s.id})`)));
  };
  select.addEventListener('focus', () => void loadServers().catch((err) => replace(out, errorBox(err))));
  select.addEventListener('change', () => {
    const server = servers.find((s) => s.id === select.value);
    name.placeholder = server?.id ?? '';
    replace(
      fields,
      server && server.params.length > 0
        ? h('fieldset', {}, h('legend', {}, 'Parameters'), server.params.map(paramInput))
        : null,
      server && server.env.length > 0
        ? h('fieldset', {}, h('legend', {}, 'Environment'), server.env.map(envInput))
        : null,
    );
  });
  const form: HTMLFormElement = h(
    'form',
    {
      class: 'card',
      'aria-labelledby': 'add-h',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const chosen = targets.values();
        if (!select.value || chosen.length === 0) {
          replace(out, errorBox(new ApiError('INVALID_INPUT', 'Choose a server and at least one client.')));
          return;
        }
        const body: Body = {
          server_id: select.value,
          clients: chosen,
          profile_id: profile.input.value.trim(),
          params: collectParams(form),
          env: collectEnv(form),
          ...(name.value.trim() ? { name: name.value.trim() } : {}),
          ...(adopt.checked ? { adopt: true } : {}),
        };
        await previewThenConfirm(
          out,
          'add',
          body,
          `add ${select.value} to ${chosen.join(', ')}`,
          rerender,
          submit,
        );
      },
    },
    h('h2', { id: 'add-h' }, 'Add a server to clients'),
    h(
      'p',
      { class: 'muted' },
      'In one step: the draft, a signed publish and the deploy, for every chosen client or none.',
    ),
    field('Catalog server', select),
    fields,
    targets.fieldset,
    h('div', { class: 'row' }, profile.field, field('Name in the config', name, 'Default: the server id.')),
    h(
      'div',
      { class: 'choice' },
      adopt,
      h('label', { for: adopt.id }, 'Replace a same-named server this tool did not write (adopt it)'),
    ),
    submit,
    out,
  );
  // Keyboard users tab into the select; load the catalog as soon as the form is shown as well.
  void loadServers().catch(() => {});
  return form;
}

export const machinePage: Page = {
  id: 'machine',
  title: 'This machine',
  async render(main, caller) {
    // A reader may look; the one-shots need the publisher role, so a reader is offered none.
    const canChange = caller.role !== 'reader';
    const rerender = canChange
      ? async () => {
          await machinePage.render(main, caller);
          main.querySelector<HTMLElement>('[data-done]')?.focus();
        }
      : undefined;
    const [listing, { clients }, status] = await Promise.all([
      api.get<{ clients: ListedFile[] }>('/v1/clients/servers'),
      api.get<{ clients: ClientInfo[] }>('/v1/clients'),
      api.get<{ entries: StatusEntry[] }>('/v1/status'),
    ]);
    const listed = new Set(listing.clients.map((f) => f.client_id));
    const others = clients.filter((c) => !listed.has(c.client_id));
    const all = listing.clients.flatMap((f) => f.servers);
    const count = (state: ListedServer['state']) => all.filter((s) => s.state === state).length;
    const message = done;
    done = undefined;
    const byFound = [...clients.filter((c) => listed.has(c.client_id)), ...others];
    replace(
      main,
      h('h1', {}, 'This machine'),
      message ? h('div', { tabindex: -1, 'data-done': '' }, notice(message)) : null,
      h(
        'p',
        { 'data-summary': '' },
        `${listed.size} of ${clients.length} supported clients have a config file here, with ${all.length} server(s): `,
        `${count('managed')} managed, ${count('drifted')} drifted, ${count('unmanaged')} unmanaged, `,
        `${count('disabled')} disabled, ${count('unreadable')} unreadable.`,
      ),
      listing.clients.length > 0
        ? h(
            'div',
            { class: 'cards one' },
            listing.clients.map((f) =>
              fileCard(
                f,
                status.entries.filter((e) => e.client_id === f.client_id),
                rerender,
              ),
            ),
          )
        : h('p', {}, 'No client config file found on this machine.'),
      rerender
        ? addCard(byFound, rerender)
        : h('p', { class: 'muted' }, 'Your token is a reader: changing a client needs the publisher role.'),
      h(
        'details',
        {},
        h('summary', {}, `Supported clients not found here (${others.length})`),
        h(
          'ul',
          { class: 'plain' },
          others.map((c) => h('li', {}, `${c.name} `, h('code', { class: 'path' }, c.config_path))),
        ),
      ),
    );
  },
};
