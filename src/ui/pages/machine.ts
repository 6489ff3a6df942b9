/**
 * @module ui/pages/machine
 * This machine: every supported client found here, its config file, and for each profile deployed
 * to it the deployment state (in-sync, drifted, not-deployed) with the servers that were written.
 * Reads `GET /v1/clients`, `GET /v1/status` and the deployed artifacts.
 */
import { api, seg } from '../api.js';
import { h, replace, shortId } from '../dom.js';
import { errorBox } from '../feedback.js';
import type { Page } from '../main.js';
import type { Artifact, ClientInfo, ServerEntry, StatusEntry } from '../types.js';
import { diffList } from './diff-view.js';

const describeEntry = (entry: ServerEntry) =>
  entry.url ? `${entry.type ?? 'http'} ${entry.url}` : [entry.command, ...(entry.args ?? [])].join(' ');

async function deployedServers(entry: StatusEntry): Promise<HTMLElement> {
  if (!entry.artifact_id) return h('p', { class: 'muted' }, 'Nothing deployed yet.');
  try {
    const artifact = await api.get<Artifact>(
      `/v1/config/${seg(entry.client_id)}/${seg(entry.profile_id)}/artifacts/${seg(entry.artifact_id)}`,
    );
    const names = Object.keys(artifact.payload.mcpServers);
    if (names.length === 0) return h('p', { class: 'muted' }, 'No servers.');
    return h(
      'table',
      {},
      h('caption', { class: 'sr-only' }, `Servers deployed from profile ${entry.profile_id}`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Server'),
          h('th', { scope: 'col' }, 'Runs'),
          h('th', { scope: 'col' }, 'State'),
        ),
      ),
      h(
        'tbody',
        {},
        names.map((name) => {
          const drifted = entry.drift?.changes.some((c) => c.server === name) ?? false;
          const state = drifted ? 'drifted' : 'managed';
          return h(
            'tr',
            { 'data-server': name },
            h('th', { scope: 'row' }, name),
            h('td', {}, h('code', {}, describeEntry(artifact.payload.mcpServers[name] ?? {}))),
            h('td', {}, h('span', { class: `badge ${state}` }, state)),
          );
        }),
      ),
    );
  } catch (err) {
    return errorBox(err);
  }
}

async function clientCard(client: ClientInfo, entries: StatusEntry[]): Promise<HTMLElement> {
  const sections = await Promise.all(
    entries.map(async (entry) =>
      h(
        'section',
        { class: 'profile' },
        h(
          'h3',
          {},
          `Profile ${entry.profile_id} `,
          h('span', { class: `badge ${entry.state}` }, entry.state),
        ),
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
        await deployedServers(entry),
        entry.drift && entry.drift.changes.length > 0
          ? h(
              'details',
              {},
              h('summary', {}, 'What changed in the file since the deploy'),
              diffList(entry.drift),
            )
          : null,
      ),
    ),
  );
  return h(
    'article',
    { class: 'card client', 'data-client': client.client_id },
    h('h2', {}, client.name, ' ', h('small', { class: 'muted' }, client.client_id)),
    h('p', {}, h('code', { class: 'path' }, client.config_path), ` · ${client.format}`),
    sections.length > 0 ? sections : h('p', { class: 'muted' }, 'No profile deployed here yet.'),
  );
}

export const machinePage: Page = {
  id: 'machine',
  title: 'This machine',
  async render(main) {
    const [{ clients }, status] = await Promise.all([
      api.get<{ clients: ClientInfo[] }>('/v1/clients'),
      api.get<{ entries: StatusEntry[] }>('/v1/status'),
    ]);
    const found = clients.filter((c) => c.exists || status.entries.some((e) => e.client_id === c.client_id));
    const others = clients.filter((c) => !found.includes(c));
    const cards = await Promise.all(
      found.map((c) =>
        clientCard(
          c,
          status.entries.filter((e) => e.client_id === c.client_id),
        ),
      ),
    );
    replace(
      main,
      h('h1', {}, 'This machine'),
      h('p', {}, `${found.length} of ${clients.length} supported clients have a config file here.`),
      cards.length > 0
        ? h('div', { class: 'cards' }, cards)
        : h('p', {}, 'No client config file found on this machine.'),
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
