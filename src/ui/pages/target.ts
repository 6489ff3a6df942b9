/**
 * @module ui/pages/target
 * Choosing where an operation goes: the supported clients (those found on this machine first) as
 * a select or as checkboxes, and a profile field that suggests the client's existing profiles.
 */
import { api } from '../api.js';
import { field, h, uid } from '../dom.js';
import type { ClientInfo } from '../types.js';

let cached: ClientInfo[] | undefined;

/** The supported clients, found ones first (loaded once per page load). */
export async function clientsFoundFirst(): Promise<ClientInfo[]> {
  if (!cached) {
    const { clients } = await api.get<{ clients: ClientInfo[] }>('/v1/clients');
    cached = [...clients.filter((c) => c.exists), ...clients.filter((c) => !c.exists)];
  }
  return cached;
}

const label = (c: ClientInfo) => `${c.name} (${c.client_id})${c.exists ? '' : ', not found here'}`;

export function clientSelect(clients: ClientInfo[], selected?: string): HTMLSelectElement {
  return h(
    'select',
    { name: 'client' },
    clients.map((c) => h('option', { value: c.client_id, selected: c.client_id === selected }, label(c))),
  );
}

/** A labelled profile id field that suggests `profiles`. */
export function profileField(
  profiles: string[],
  value = 'default',
): { field: HTMLDivElement; input: HTMLInputElement } {
  const list = uid('profiles');
  const input = h('input', {
    type: 'text',
    name: 'profile',
    value,
    list,
    required: true,
    autocomplete: 'off',
  });
  const wrapper = field('Profile', input, 'An existing profile, or a new name (a-z, 0-9, . _ -).');
  wrapper.append(
    h(
      'datalist',
      { id: list },
      profiles.map((p) => h('option', { value: p })),
    ),
  );
  return { field: wrapper, input };
}

/** Checkboxes of clients in a fieldset; `checked` ids start ticked. */
export function clientChecks(
  legend: string,
  clients: ClientInfo[],
  checked: string[],
): { fieldset: HTMLFieldSetElement; values(): string[] } {
  const boxes = clients.map((c) =>
    h('input', {
      type: 'checkbox',
      name: 'clients',
      value: c.client_id,
      checked: checked.includes(c.client_id),
      id: uid('client'),
    }),
  );
  const rows = (subset: ClientInfo[]) =>
    subset.map((c) => {
      const box = boxes[clients.indexOf(c)] as HTMLInputElement;
      return h('div', { class: 'choice' }, box, h('label', { for: box.id }, label(c)));
    });
  const fieldset = h(
    'fieldset',
    { class: 'checks' },
    h('legend', {}, legend),
    ...rows(clients.filter((c) => c.exists)),
    h(
      'details',
      {},
      h('summary', {}, 'Clients not found on this machine'),
      rows(clients.filter((c) => !c.exists)),
    ),
  );
  return { fieldset, values: () => boxes.filter((b) => b.checked).map((b) => b.value) };
}
