/**
 * @module ui/pages/policy
 * Policy: the rules in force (allow, deny, transports, env references, server limit), and a check
 * of one client's drafts and published heads against them with the POLICY_VIOLATION issues.
 * Admins also edit it: the text (YAML or JSON) is checked by the server when saved and refused
 * with VALIDATION_ERROR naming the line or field, so nothing invalid is ever in force.
 * Reads `GET /v1/policy`; checks with `POST /v1/policy/check`; an admin saves with
 * `POST /v1/policy` and removes it with `DELETE /v1/policy`.
 */
import { api, type Caller } from '../api.js';
import { field, h, replace } from '../dom.js';
import { notice, withProgress } from '../feedback.js';
import type { Page } from '../main.js';
import type { PolicyCheck } from '../types.js';
import { clientSelect, clientsFoundFirst } from './target.js';

type Matcher = Record<string, string>;
export interface Policy {
  allow?: Matcher[];
  deny?: Matcher[];
  transports?: string[];
  require_env_references?: boolean;
  max_servers?: number;
}

const matcherText = (m: Matcher) =>
  Object.entries(m)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');

function ruleList(title: string, kind: 'allow' | 'deny', rules: Matcher[] | undefined, none: string) {
  return h(
    'section',
    { 'data-rules': kind },
    h('h3', {}, title),
    rules && rules.length > 0
      ? h(
          'ul',
          {},
          rules.map((r) => h('li', {}, h('code', {}, matcherText(r)))),
        )
      : h('p', { class: 'muted' }, none),
  );
}

/** The policy as rules a person reads, and as the JSON the API holds. */
export function policyView(policy: Policy | null): HTMLElement {
  if (!policy) {
    return h(
      'p',
      { 'data-policy': 'none' },
      'No policy is set: every server is allowed. An admin sets one with "mcp-orchestration policy set FILE".',
    );
  }
  const facts: [string, string][] = [
    ['Transports', policy.transports ? policy.transports.join(', ') : 'any'],
    ['Secrets as ${env:NAME} references', policy.require_env_references ? 'required' : 'not required'],
    ['Servers per config', policy.max_servers === undefined ? 'no limit' : `at most ${policy.max_servers}`],
  ];
  return h(
    'div',
    { 'data-policy': 'set' },
    ruleList('Allowed', 'allow', policy.allow, 'No allow list: any server not denied is allowed.'),
    ruleList('Denied (wins over allowed)', 'deny', policy.deny, 'Nothing is denied.'),
    h(
      'dl',
      { class: 'facts' },
      facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
    ),
    h(
      'details',
      {},
      h('summary', {}, 'As JSON'),
      h('pre', {}, h('code', {}, JSON.stringify(policy, null, 2))),
    ),
  );
}

function checkResult(result: PolicyCheck): HTMLElement {
  if (result.checked.length === 0)
    return h('p', {}, 'This client has no draft and no published profile to check.');
  return h(
    'div',
    { 'data-policy-valid': String(result.valid) },
    h(
      'p',
      { class: result.valid ? 'notice' : 'error', role: result.valid ? 'status' : 'alert' },
      result.valid
        ? 'Every draft and published profile of this client follows the policy.'
        : 'Some configs break the policy: publish and sync refuse them with POLICY_VIOLATION.',
    ),
    h(
      'ul',
      { class: 'plain' },
      result.checked.map((c) =>
        h(
          'li',
          { 'data-check': `${c.profile_id}/${c.kind}` },
          h('strong', {}, `${c.profile_id} (${c.kind === 'draft' ? 'draft' : 'published head'}) `),
          h(
            'span',
            { class: `badge ${c.errors.length === 0 ? 'in-sync' : 'removed'}` },
            c.errors.length === 0 ? 'follows' : `${c.errors.length} violation(s)`,
          ),
          c.errors.length > 0
            ? h(
                'ul',
                {},
                c.errors.map((i) =>
                  h(
                    'li',
                    { class: 'issue' },
                    h('code', { class: 'code' }, i.code),
                    ' ',
                    h('code', {}, i.path),
                    ` ${i.message}`,
                  ),
                ),
              )
            : null,
        ),
      ),
    ),
  );
}

function checkForm(clients: Awaited<ReturnType<typeof clientsFoundFirst>>): HTMLElement {
  const client = clientSelect(clients);
  const out = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, 'Check against the policy');
  return h(
    'form',
    {
      class: 'card',
      'aria-labelledby': 'check-h',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const result = await withProgress(
          out,
          'Checking',
          () => api.post<PolicyCheck>('/v1/policy/check', { client_id: client.value }),
          submit,
        );
        if (result) replace(out, checkResult(result));
      },
    },
    h('h2', { id: 'check-h' }, 'Check a client'),
    h('p', { class: 'muted' }, 'Its drafts and published heads, as publish and sync would check them.'),
    field('Client', client),
    submit,
    out,
  );
}

const EXAMPLE = `# Every key is optional. deny wins over allow.
allow:
  - server: memory
  - package: npm:@acme/*
deny:
  - command: curl
transports: [stdio, http]
require_env_references: true
max_servers: 20
`;

/** The admin's editor: save (the server checks the text) or remove the policy. */
function editForm(policy: Policy | null, rerender: (message: string) => Promise<void>): HTMLElement {
  const text = h('textarea', {
    name: 'policy',
    class: 'code-edit',
    spellcheck: 'false',
    autocomplete: 'off',
    rows: 14,
    value: policy ? `${JSON.stringify(policy, null, 2)}\n` : EXAMPLE,
  });
  const out = h('div', { 'aria-live': 'polite' });
  const save = h('button', { type: 'submit' }, 'Save the policy');
  const remove = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      onclick: async () => {
        if (!confirm('Remove the policy? Every server is allowed again, on every replica of this hub.'))
          return;
        const done = await withProgress(out, 'Removing the policy', () => api.del('/v1/policy'), remove);
        if (done) await rerender('The policy was removed.');
      },
    },
    'Remove the policy',
  );
  return h(
    'form',
    {
      class: 'card',
      'aria-labelledby': 'edit-h',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const done = await withProgress(
          out,
          'Saving the policy',
          () => api.post('/v1/policy', { text: text.value, source: 'the policy text' }),
          save,
        );
        if (done) await rerender('The policy was saved: validate, publish and sync enforce it from now on.');
      },
    },
    h('h2', { id: 'edit-h' }, 'Edit the policy'),
    field(
      'Policy (YAML or JSON)',
      text,
      'The server checks it when you save: a mistake is refused with VALIDATION_ERROR and its line or field.',
    ),
    h('div', { class: 'row' }, save, policy ? remove : null),
    out,
  );
}

async function renderPolicy(main: HTMLElement, caller: Caller, message?: string): Promise<void> {
  const [{ policy }, clients] = await Promise.all([
    api.get<{ policy: Policy | null }>('/v1/policy'),
    clientsFoundFirst(),
  ]);
  const rerender = async (text: string) => {
    await renderPolicy(main, caller, text);
    main.querySelector<HTMLElement>('[data-done]')?.focus();
  };
  replace(
    main,
    h('h1', {}, 'Policy'),
    message ? h('div', { tabindex: -1, 'data-done': '' }, notice(message)) : null,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'rules-h' },
      h('h2', { id: 'rules-h' }, 'Rules in force'),
      policyView(policy),
    ),
    policy ? checkForm(clients) : null,
    caller.role === 'admin' ? editForm(policy, rerender) : null,
  );
}

export const policyPage: Page = {
  id: 'policy',
  title: 'Policy',
  render: (main, caller) => renderPolicy(main, caller),
};
