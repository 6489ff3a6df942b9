/**
 * @module ui/main
 * The dashboard's entry: signs in (a one-time login link from `mcp-orchestration ui`, or an API
 * token pasted in), keeps the token in sessionStorage only, and routes `#/<page>` to a page.
 */
import { api, session, whenUnauthorized } from './api.js';
import { field, h, replace } from './dom.js';
import { errorBox } from './feedback.js';
import { catalogPage } from './pages/catalog.js';
import { deployPage } from './pages/deploy.js';
import { machinePage } from './pages/machine.js';
import { profilesPage } from './pages/profiles.js';

export interface Page {
  id: string;
  title: string;
  render(main: HTMLElement): Promise<void>;
}

const PAGES: Page[] = [machinePage, catalogPage, profilesPage, deployPage];

const main = document.getElementById('main') as HTMLElement;
const nav = document.getElementById('nav') as HTMLElement;
const logout = document.getElementById('logout') as HTMLButtonElement;

function currentPage(): Page {
  const id = location.hash.replace(/^#\/?/, '').split('/')[0];
  return PAGES.find((p) => p.id === id) ?? (PAGES[0] as Page);
}

function renderNav(active: Page): void {
  replace(
    nav,
    h(
      'ul',
      {},
      PAGES.map((p) =>
        h(
          'li',
          {},
          h('a', { href: `#/${p.id}`, 'aria-current': p === active ? 'page' : undefined }, p.title),
        ),
      ),
    ),
  );
}

async function route(): Promise<void> {
  if (!session.token) return showLogin();
  const page = currentPage();
  renderNav(page);
  logout.hidden = false;
  document.title = `${page.title} · mcp-orchestration`;
  replace(
    main,
    h('h1', {}, page.title),
    h('p', { class: 'progress' }, h('progress', { 'aria-label': 'Loading' }), ' Loading…'),
  );
  main.setAttribute('aria-busy', 'true');
  try {
    await page.render(main);
  } catch (err) {
    // A refused token has already brought up the sign-in form.
    if (session.token) replace(main, h('h1', {}, page.title), errorBox(err));
  } finally {
    main.removeAttribute('aria-busy');
  }
}

function showLogin(problem?: unknown): void {
  replace(nav);
  logout.hidden = true;
  document.title = 'Sign in · mcp-orchestration';
  const input = h('input', { type: 'password', name: 'token', autocomplete: 'off', required: true });
  const out = h('div', {});
  const form = h(
    'form',
    {
      class: 'card',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        session.set(input.value.trim());
        try {
          await api.check();
          await route();
          main.focus();
        } catch (err) {
          session.clear();
          replace(out, errorBox(err));
        }
      },
    },
    field(
      'API token',
      input,
      'From "mcp-orchestration token create", or start "mcp-orchestration ui" for a login link.',
    ),
    h('button', { type: 'submit' }, 'Sign in'),
    out,
  );
  replace(main, h('h1', {}, 'Sign in'), problem ? errorBox(problem) : null, form);
  input.focus();
}

async function start(): Promise<void> {
  const login = /^#login=([A-Za-z0-9_-]+)$/.exec(location.hash);
  if (login?.[1]) {
    // Drop the code from the address bar and history at once: it works only once anyway.
    history.replaceState(null, '', `${location.pathname}#/machine`);
    try {
      session.set((await api.login(login[1])).token);
    } catch (err) {
      return showLogin(err);
    }
  }
  await route();
}

whenUnauthorized(() => {
  session.clear();
  showLogin();
});
logout.addEventListener('click', () => {
  session.clear();
  showLogin();
});
window.addEventListener('hashchange', () => {
  void route().then(() => main.focus());
});
void start();
