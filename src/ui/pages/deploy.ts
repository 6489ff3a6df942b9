/**
 * @module ui/pages/deploy
 * Deploy a published profile to the clients you choose: a dry run first shows, per client, the
 * file and each server's changes; confirming writes them (`POST /v1/deploy`).
 */
import { ApiError, api, seg } from '../api.js';
import { field, h, replace } from '../dom.js';
import { errorBox, notice, withProgress } from '../feedback.js';
import type { Page } from '../main.js';
import type { DeployManyResult, ProfileSummary } from '../types.js';
import { diffList, diffSummary } from './diff-view.js';
import { clientChecks, clientSelect, clientsFoundFirst, profileField } from './target.js';

function summary(result: DeployManyResult, dryRun: boolean): HTMLElement {
  return h(
    'div',
    { class: 'cards', 'data-result': dryRun ? 'preview' : 'deployed' },
    result.deployed.map((d) =>
      h(
        'article',
        { class: 'card', 'data-client': d.client_id },
        h('h3', {}, `${d.client_id} `, h('span', { class: `badge ${d.status}` }, d.status)),
        h('p', {}, h('code', { class: 'path' }, d.config_path)),
        h('p', {}, diffSummary(d.changes)),
        h(
          'table',
          {},
          h('caption', { class: 'sr-only' }, `What the deploy does to each server of ${d.client_id}`),
          h(
            'thead',
            {},
            h('tr', {}, h('th', { scope: 'col' }, 'Server'), h('th', { scope: 'col' }, 'Deploy')),
          ),
          h(
            'tbody',
            {},
            d.servers.map((s) =>
              h(
                'tr',
                { 'data-server': s.name, 'data-action': s.action },
                h('th', { scope: 'row' }, s.name),
                h(
                  'td',
                  {},
                  h('span', { class: `badge ${s.action}` }, s.action),
                  s.action === 'kept' ? ' not written by this tool, left as it is' : '',
                  s.adopted ? ' (adopted: managed from now on)' : '',
                  s.unreadable ? ` · unreadable: ${s.unreadable}` : '',
                ),
              ),
            ),
          ),
        ),
        d.changes.changes.length > 0
          ? h('details', {}, h('summary', {}, 'Field-level changes'), diffList(d.changes))
          : null,
        d.warnings.length > 0
          ? h(
              'ul',
              {},
              d.warnings.map((w) => h('li', {}, h('code', { class: 'code' }, w.code), ` ${w.message}`)),
            )
          : null,
      ),
    ),
    result.failed.map((f) =>
      h(
        'article',
        { class: 'card', 'data-client': f.client_id },
        h('h3', {}, f.client_id),
        errorBox(new ApiError(f.error.code, f.error.message)),
      ),
    ),
  );
}

export const deployPage: Page = {
  id: 'deploy',
  role: 'publisher',
  title: 'Deploy',
  async render(main) {
    const clients = await clientsFoundFirst();
    const first = clients[0]?.client_id ?? 'claude-desktop';
    const source = clientSelect(clients, first);
    const { profiles } = await api.get<{ profiles: ProfileSummary[] }>(`/v1/clients/${seg(first)}/profiles`);
    const profile = profileField(profiles.map((p) => p.profile_id));
    const targets = clientChecks(
      'Deploy to',
      clients,
      clients.filter((c) => c.exists).map((c) => c.client_id),
    );
    const out = h('div', { 'aria-live': 'polite' });
    const preview = h('button', { type: 'submit' }, 'Preview changes');
    const confirm = h('button', { type: 'button', hidden: true }, 'Confirm deploy');
    const adopt = h('input', { type: 'checkbox', name: 'adopt', id: 'deploy-adopt' });
    const body = () => ({
      source_client_id: source.value,
      profile_id: profile.input.value.trim(),
      clients: targets.values(),
      adopt: adopt.checked,
    });

    const run = async (dryRun: boolean, button: HTMLButtonElement) => {
      if (targets.values().length === 0) {
        replace(out, errorBox(new Error('Choose at least one client.')));
        return;
      }
      const request = { ...body(), dry_run: dryRun };
      const result = await withProgress(
        out,
        dryRun ? 'Computing the changes' : `Deploying to ${request.clients.length} client(s)`,
        () => api.post<DeployManyResult>('/v1/deploy', request),
        button,
      );
      if (!result) return;
      confirm.hidden = !dryRun || result.deployed.length === 0;
      replace(
        out,
        dryRun
          ? notice('Preview: nothing was written. Confirm to write these changes.')
          : notice(
              `Deployed to ${result.deployed.length} client(s)${result.failed.length ? `, ${result.failed.length} failed` : ''}; each file was backed up first.`,
            ),
        summary(result, dryRun),
      );
      if (!dryRun) confirm.hidden = true;
      else if (!confirm.hidden) confirm.focus();
    };
    confirm.addEventListener('click', () => void run(false, confirm));
    const reset = () => {
      confirm.hidden = true;
    };
    for (const el of [source, profile.input, targets.fieldset, adopt]) el.addEventListener('change', reset);

    replace(
      main,
      h('h1', {}, 'Deploy'),
      h(
        'form',
        {
          class: 'card',
          'aria-label': 'What to deploy where',
          onsubmit: (e: Event) => {
            e.preventDefault();
            void run(true, preview);
          },
        },
        h('div', { class: 'row' }, field('Published profile of', source), profile.field),
        targets.fieldset,
        h(
          'div',
          { class: 'choice' },
          adopt,
          h(
            'label',
            { for: adopt.id },
            'Take over same-named servers I added by hand (instead of UNMANAGED_CONFLICT)',
          ),
        ),
        h('div', { class: 'row' }, preview, confirm),
      ),
      out,
    );
  },
};
