/**
 * @module ui/main
 * The dashboard's entry: signs in (a one-time login link from `mcp-orchestration ui`, or an API
 * token pasted in; none on a server without auth), keeps the token in sessionStorage only, and
 * routes `#/<page>` to a page.
 */
import { ApiError, api, type Caller, type Role, session, whenUnauthorized } from './api.js';
import { field, h, replace } from './dom.js';
import { errorBox } from './feedback.js';
import { auditPage } from './pages/audit.js';
import { catalogPage } from './pages/catalog.js';
import { deployPage } from './pages/deploy.js';
import { fleetPage } from './pages/fleet.js';
import { machinePage } from './pages/machine.js';
import { policyPage } from './pages/policy.js';
import { profilesPage } from './pages/profiles.js';
import { tokensPage } from './pages/tokens.js';

export interface Page {
  id: string;
  title: string;
  /** The least role that may use the page (default: reader); the nav hides it from lower ones. */
  role?: Role;
  render(main: HTMLElement, caller: Caller): Promise<void>;
}

const PAGES: Page[] = [
  machinePage,
  catalogPage,
  profilesPage,
  deployPage,
  fleetPage,
  auditPage,
  policyPage,
  tokensPage,
];
const RANK: Record<Role, number> = { reader: 0, publisher: 1, admin: 2 };
const allowed = (page: Page, caller: Caller) => RANK[caller.role] >= RANK[page.role ?? 'reader'];

const main = document.getElementById('main') as HTMLElement;
const nav = document.getElementById('nav') as HTMLElement;
const logout = document.getElementById('logout') as HTMLButtonElement;
const who = document.getElementById('who') as HTMLElement;

function currentPage(): Page {
  const id = location.hash.replace(/^#\/?/, '').split('/')[0];
  return PAGES.find((p) => p.id === id) ?? (PAGES[0] as Page);
}

function renderNav(active: Page, caller: Caller): void {
  replace(
    nav,
    h(
      'ul',
      {},
      PAGES.filter((p) => allowed(p, caller)).map((p) =>
        h(
          'li',
          {},
          h('a', { href: `#/${p.id}`, 'aria-current': p === active ? 'page' : undefined }, p.title),
        ),
      ),
    ),
  );
}

/** A 401 has already brought up the sign-in form (see `whenUnauthorized`). */
const signInShown = (err: unknown) => err instanceof ApiError && err.status === 401;

async function route(): Promise<void> {
  const page = currentPage();
  let caller: Caller;
  try {
    // Without a token too: a server without auth (`serve --insecure-no-auth`) needs no sign-in.
    caller = await api.whoami();
  } catch (err) {
    if (!signInShown(err)) replace(main, h('h1', {}, page.title), errorBox(err));
    return;
  }
  renderNav(page, caller);
  replace(who, caller.local ? 'no sign-in needed' : `${caller.name} · ${caller.role}`);
  logout.hidden = caller.local;
  document.title = `${page.title} · mcp-orchestration`;
  replace(
    main,
    h('h1', {}, page.title),
    h('p', { class: 'progress' }, h('progress', { 'aria-label': 'Loading' }), ' Loading…'),
  );
  main.setAttribute('aria-busy', 'true');
  try {
    // A page above the role is still reachable by its address: the API answers FORBIDDEN then.
    await page.render(main, caller);
  } catch (err) {
    if (!signInShown(err)) replace(main, h('h1', {}, page.title), errorBox(err));
  } finally {
    main.removeAttribute('aria-busy');
  }
}

function showLogin(problem?: unknown): void {
  replace(nav);
  replace(who);
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
