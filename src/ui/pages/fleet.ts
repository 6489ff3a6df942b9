/**
 * @module ui/pages/fleet
 * Fleet (admin, on a hub): every member machine's last report per client and profile, its state,
 * whether it holds the profile's current head, and the machines that went quiet. Reads
 * `GET /v1/fleet?stale_after_seconds=N`.
 */
import { api } from '../api.js';
import { field, h, replace, scrollBox, shortId } from '../dom.js';
import { withProgress } from '../feedback.js';
import type { Page } from '../main.js';
import type { FleetMachine, FleetView } from '../types.js';

/** Stale limits offered, in seconds; the API's default (one hour) first. */
const STALE_LIMITS: [number, string][] = [
  [3_600, '1 hour'],
  [6 * 3_600, '6 hours'],
  [86_400, '1 day'],
  [7 * 86_400, '1 week'],
];

function machineRow(m: FleetMachine): HTMLElement {
  const source = m.source_client_id === m.client_id ? m.profile_id : `${m.source_client_id}/${m.profile_id}`;
  return h(
    'tr',
    { 'data-machine': m.machine_id, 'data-client': m.client_id, 'data-stale': String(m.stale) },
    h(
      'th',
      { scope: 'row' },
      m.hostname,
      h('br'),
      h('small', { class: 'muted' }, `${m.user} · ${m.machine_id}`),
    ),
    h('td', {}, m.client_id),
    h('td', {}, source),
    h(
      'td',
      {},
      h('span', { class: `badge ${m.state}` }, m.state),
      m.error ? h('div', {}, h('code', { class: 'code' }, m.error.code), `: ${m.error.message}`) : null,
    ),
    h(
      'td',
      {},
      h('code', {}, shortId(m.artifact_id)),
      ' ',
      h('span', { class: `badge ${m.current ? 'current' : 'behind'}` }, m.current ? 'current' : 'behind'),
    ),
    h(
      'td',
      {},
      h('time', { datetime: m.reported_at }, new Date(m.reported_at).toLocaleString()),
      m.stale ? h('span', {}, ' ', h('span', { class: 'badge stale' }, 'stale')) : null,
    ),
  );
}

function fleetTable(view: FleetView): HTMLElement {
  const { machines } = view;
  if (machines.length === 0) {
    return h(
      'p',
      {},
      'No machine has reported yet. Members report after each "mcp-orchestration sync" to this hub.',
    );
  }
  const count = (test: (m: FleetMachine) => boolean) => machines.filter(test).length;
  const hosts = new Set(machines.map((m) => m.machine_id)).size;
  return h(
    'div',
    {},
    h(
      'p',
      { 'data-summary': '' },
      `${hosts} machine(s), ${machines.length} report(s): ${count((m) => m.state === 'in-sync')} in sync, `,
      `${count((m) => m.state === 'drifted')} drifted, ${count((m) => m.state === 'failed')} failed, `,
      `${count((m) => !m.current)} behind the head, ${count((m) => m.stale)} stale.`,
    ),
    scrollBox(
      'Fleet reports',
      h(
        'table',
        {},
        h('caption', { class: 'sr-only' }, 'Last report of each machine, client and profile'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Machine', 'Client', 'Profile', 'State', 'Artifact', 'Last report'].map((t) =>
              h('th', { scope: 'col' }, t),
            ),
          ),
        ),
        h('tbody', {}, machines.map(machineRow)),
      ),
    ),
  );
}

export const fleetPage: Page = {
  id: 'fleet',
  title: 'Fleet',
  role: 'admin',
  async render(main) {
    const out = h('div', { 'aria-live': 'polite' });
    const limit = h(
      'select',
      { name: 'stale_after' },
      STALE_LIMITS.map(([seconds, label]) => h('option', { value: String(seconds) }, label)),
    );
    const onlyStale = h('input', { type: 'checkbox', name: 'only_stale', id: 'only-stale' });
    let view: FleetView | undefined;
    const show = () => {
      if (!view) return;
      const shown = onlyStale.checked ? { ...view, machines: view.machines.filter((m) => m.stale) } : view;
      replace(out, fleetTable(shown));
    };
    const load = async () => {
      view = await withProgress(out, 'Loading the fleet', () =>
        api.get<FleetView>(`/v1/fleet?stale_after_seconds=${limit.value}`),
      );
      show();
    };
    limit.addEventListener('change', () => void load());
    onlyStale.addEventListener('change', show);
    // The first load throws, so a refused token (FORBIDDEN) shows as the page's error.
    view = await api.get<FleetView>(`/v1/fleet?stale_after_seconds=${limit.value}`);
    replace(
      main,
      h('h1', {}, 'Fleet'),
      h('p', { class: 'muted' }, "Each member machine's last report after a sync to this hub."),
      h(
        'div',
        { class: 'row' },
        field('Stale after no report for', limit),
        h('div', { class: 'choice' }, onlyStale, h('label', { for: onlyStale.id }, 'Only stale machines')),
      ),
      out,
    );
    show();
  },
};
