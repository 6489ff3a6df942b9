/**
 * The dashboard in real Chromium against `mcp-orchestration ui` on a temporary home: the login
 * link, every page, the file written to, error codes, the CSP, the 390 px layout and the keyboard.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Browser, dashboardHooks, launchChromium, SKIP_BROWSER_REASON } from '../helpers/browser.js';
import { CLI, runCli } from '../helpers/cli.js';
import { interrupt } from '../helpers/serve.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

const require = createRequire(import.meta.url);
let temp: TempHome;
let browser: Browser;
let ui: ChildProcessWithoutNullStreams;
let base: string;
let claudePath: string;

/** Starts `ui --port 0 --no-open --json` and resolves with its first line. */
function startUi(): Promise<{ url: string; login_url: string }> {
  // Claude Desktop does not expand variables: a ${env:NAME} is resolved from the server's environment.
  const env = { ...temp.env, BRAVE_API_KEY: 'test-brave-key' };
  ui = spawn(process.execPath, [CLI, 'ui', '--port', '0', '--no-open', '--json'], { env });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ui did not start:\n${err}`)), 20_000);
    ui.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    ui.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        clearTimeout(timer);
        resolve(JSON.parse(line));
      }
    });
    ui.on('exit', (code) => reject(new Error(`ui exited with ${code}:\n${err}`)));
  });
}

/** A fresh page signed in through a new login link (each link works once). */
async function signedIn(width = 1280): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: 900 });
  const created = runCli(['token', 'create', '--name', 'e2e', '--json'], temp.env).json();
  await page.goto(`${base}/ui/`);
  await page.getByLabel('API token').fill(created.token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'This machine', level: 1 }).waitFor();
  return page;
}

beforeAll(async () => {
  if (SKIP_BROWSER_REASON !== null) return;
  temp = makeTempHome('mo-ui-');
  expect(runCli(['init'], temp.env).status).toBe(0);
  const clients = runCli(['clients', '--json'], temp.env).json();
  claudePath = clients.clients.find(
    (c: { client_id: string }) => c.client_id === 'claude-desktop',
  ).config_path;
  mkdirSync(dirname(claudePath), { recursive: true });
  writeFileSync(
    claudePath,
    `${JSON.stringify({ mcpServers: { 'hand-made': { command: 'node', args: ['server.js'] } } }, null, 2)}\n`,
  );
  const started = await startUi();
  base = started.url.replace(/\/ui\/$/, '');
  browser = await launchChromium();
  // The login link: exchanged once, in this first page.
  const page = await browser.context.newPage();
  await page.goto(started.login_url);
  await page.getByRole('heading', { name: 'This machine', level: 1 }).waitFor();
  expect(page.url()).not.toContain('login=');
  expect(await page.evaluate('sessionStorage.length')).toBe(1);
  await page.close();
});

// No script error and no console error (a CSP violation is one) on any page of a test.
dashboardHooks(() => ({ browser, stop: ui ? () => interrupt(ui) : undefined, temp }));

describe.skipIf(SKIP_BROWSER_REASON !== null)('dashboard in Chromium', () => {
  it('serves /ui with a strict CSP and no inline script', async () => {
    const res = await fetch(`${base}/ui/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=/);
    const js = await fetch(`${base}/ui/assets/app.js`);
    expect(js.headers.get('content-security-policy')).toBe(csp);
  });

  it('notices a script error and a CSP violation on a page (what every test here ends by checking)', async () => {
    const page = await signedIn();
    await page.evaluate(`setTimeout(() => { throw new Error('boom from the page'); })`);
    await page.evaluate(
      `document.body.append(Object.assign(document.createElement('script'), { textContent: 'window.inline = 1' }))`,
    );
    await expect.poll(() => browser.errors.length).toBeGreaterThanOrEqual(2);
    const errors = browser.errors.splice(0).join('\n');
    expect(errors).toContain('boom from the page');
    expect(errors).toMatch(/Content Security Policy/);
    await page.close();
  });

  it('refuses a used login link with the UNAUTHORIZED code, as the CLI would show it', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${base}/ui/#login=not-the-code`);
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'error UNAUTHORIZED: This login link',
    );
    await page.close();
  });

  it('shows this machine: the clients found and their config files', async () => {
    const page = await signedIn();
    const card = page.locator('[data-client="claude-desktop"]');
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain(claudePath);
    await expect(card.textContent()).resolves.toContain('Claude Desktop');
    await page.close();
  });

  it('fits a 390 px wide screen without sideways scrolling', async () => {
    const page = await signedIn(390);
    await page.locator('[data-client="claude-desktop"]').waitFor();
    const widths = await page.evaluate<number[]>('[document.documentElement.scrollWidth, window.innerWidth]');
    expect(widths[0]).toBeLessThanOrEqual(widths[1] ?? 0);
    await page.close();
  });

  it('can be used from the keyboard: skip link, then the page navigation', async () => {
    const page = await signedIn();
    await page.reload();
    await page.locator('[data-client="claude-desktop"]').waitFor();
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement?.textContent')).resolves.toBe('Skip to content');
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement?.textContent')).resolves.toBe('This machine');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Catalog', level: 1 }).waitFor();
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('main');
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement?.getAttribute("type")')).resolves.toBe('search');
    await page.close();
  });

  it('adds a catalog server to two clients, a secret offered as ${env:NAME} first', async () => {
    const page = await signedIn();
    await page.getByRole('link', { name: 'Catalog' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('brave');
    await page.locator('button[data-server="brave-search"]').click();
    const form = page.getByRole('form', { name: 'Add Brave Search' });
    await form.waitFor();
    await expect(form.getByLabel('Reference', { exact: true }).inputValue()).resolves.toBe(
      '${env:BRAVE_API_KEY}',
    );
    await expect(form.getByLabel('Value', { exact: true }).getAttribute('type')).resolves.toBe('password');
    await form.getByText('Clients not found on this machine').click();
    await form.getByLabel('Cursor (cursor)', { exact: false }).check();
    await form.getByRole('button', { name: 'Add to draft' }).click();
    await expect(form.getByRole('status').textContent()).resolves.toContain('Added brave-search');
    for (const client of ['claude-desktop', 'cursor']) {
      const draft = runCli(['draft', 'show', '--client', client, '--json'], temp.env).json();
      expect(draft.payload.mcpServers['brave-search'].env).toEqual({ BRAVE_API_KEY: '${env:BRAVE_API_KEY}' });
    }
    await page.getByRole('searchbox', { name: 'Search' }).fill('memory');
    await page.locator('button[data-server="memory"]').click();
    await page
      .getByRole('form', { name: 'Add Memory' })
      .getByRole('button', { name: 'Add to draft' })
      .click();
    await page.getByText('Added memory').waitFor();
    await page.close();
  });

  it('publishes twice, shows the field-level diff, and NO_CHANGES as the CLI does', async () => {
    const page = await signedIn();
    await page.goto(`${base}/ui/#/profiles/claude-desktop/default`);
    await page.locator('[data-valid="true"]').waitFor();
    await page.getByLabel('Changelog').fill('brave and memory');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText(/Published sha256:/).waitFor();
    await page.getByRole('button', { name: 'Remove memory from the draft' }).click();
    await page.locator('tr[data-server="memory"]').waitFor({ state: 'detached' });
    await page.getByLabel('Changelog').fill('no memory');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.locator('tr[data-artifact]').nth(1).waitFor();
    await page.getByRole('button', { name: 'Compare' }).click();
    const removed = page.locator('.diff li[data-server="memory"]');
    await removed.waitFor();
    await expect(removed.textContent()).resolves.toContain('removed');
    await page.getByLabel('Changelog').fill('again');
    await page.getByRole('button', { name: 'Publish' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'NO_CHANGES' });
    await expect(alert.textContent()).resolves.toMatch(/^error NO_CHANGES: /);
    // The same failure from the CLI: the same code and message, word for word.
    const cli = runCli(['publish', '--client', 'claude-desktop', '--changelog', 'again'], temp.env);
    expect(cli.status).not.toBe(0);
    await expect(alert.textContent()).resolves.toBe(cli.stderr.trim());
    await page.close();
  });

  it('shows a validation problem inline with its code', async () => {
    const page = await signedIn();
    await page.goto(`${base}/ui/#/profiles/cursor/default`);
    await page.getByRole('button', { name: 'Remove brave-search from the draft' }).click();
    const problems = page.locator('[data-valid="false"]');
    await problems.waitFor();
    await expect(problems.textContent()).resolves.toContain('EMPTY_CONFIG');
    await page.close();
  });

  it('previews a deploy per server, writes the file only on confirm, keeps the hand-made entry', async () => {
    const page = await signedIn();
    await page.getByRole('link', { name: 'Deploy' }).click();
    await page.getByRole('button', { name: 'Preview changes' }).click();
    const card = page.locator('[data-result="preview"] [data-client="claude-desktop"]');
    await card.waitFor();
    await expect(card.locator('tr[data-server="brave-search"]').getAttribute('data-action')).resolves.toBe(
      'added',
    );
    await expect(card.locator('tr[data-server="hand-made"]').getAttribute('data-action')).resolves.toBe(
      'kept',
    );
    expect(JSON.parse(readFileSync(claudePath, 'utf8')).mcpServers['brave-search']).toBeUndefined();
    await page.getByRole('button', { name: 'Confirm deploy' }).click();
    await page.locator('[data-result="deployed"]').waitFor();
    const file = JSON.parse(readFileSync(claudePath, 'utf8'));
    expect(file.mcpServers['brave-search'].env).toEqual({ BRAVE_API_KEY: 'test-brave-key' });
    expect(file.mcpServers['hand-made']).toEqual({ command: 'node', args: ['server.js'] });

    await page.getByRole('link', { name: 'This machine' }).click();
    const mine = page.locator('[data-client="claude-desktop"]');
    await mine.locator('tr[data-server="brave-search"]').waitFor();
    await expect(mine.textContent()).resolves.toContain('in-sync');
    await page.close();
  });

  it('rolls the file back to an earlier artifact after a confirmation', async () => {
    const page = await signedIn();
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${base}/ui/#/profiles/claude-desktop/default`);
    await page.getByRole('button', { name: 'Roll back the client file to #1' }).click();
    await page.getByText(/Rolled back .* to #1/).waitFor();
    const file = JSON.parse(readFileSync(claudePath, 'utf8'));
    expect(Object.keys(file.mcpServers).sort()).toEqual(['brave-search', 'hand-made', 'memory']);
    await page.close();
  });

  it('shows progress while a publish runs, then a field-level diff between any two artifacts (#1 to #3)', async () => {
    const page = await signedIn();
    await page.goto(`${base}/ui/#/profiles/claude-desktop/default`);
    await page.locator('tr[data-artifact]').nth(1).waitFor();
    // memory again, with a changed argument: a custom server of the same name.
    await page.getByText('Add a server that is not in the catalog').click();
    await page.getByLabel('Name', { exact: true }).fill('memory');
    await page.getByLabel('Command (stdio)').fill('npx');
    await page.getByLabel('Arguments, one per line').fill('-y\n@modelcontextprotocol/server-memory@2025.8.4');
    await page.getByRole('button', { name: 'Add custom server' }).click();
    await page.locator('tr[data-server="memory"]').waitFor();
    await page.locator('[data-valid="true"]').waitFor();

    // The publish answer is held back until the progress has been seen.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/publish', async (route) => {
      await held;
      await route.continue();
    });
    const form = page.getByRole('form', { name: 'Publish' });
    const publish = form.getByRole('button', { name: 'Publish' });
    await page.getByLabel('Changelog').fill('memory pinned');
    await publish.click();
    await form.locator('progress').waitFor();
    await expect(publish.isDisabled()).resolves.toBe(true);
    await expect(form.locator('[aria-busy="true"]').textContent()).resolves.toContain(
      'Signing and publishing',
    );
    release();
    await form.getByText(/Published sha256:/).waitFor();
    await expect(publish.isDisabled()).resolves.toBe(false);
    await expect(form.locator('progress, [aria-busy]').count()).resolves.toBe(0);
    await page.unroute('**/publish');

    await page.locator('tr[data-artifact]').nth(2).waitFor();
    await page.getByLabel('Compare from #1').check();
    await page.getByLabel('Compare to #3').check();
    await page.getByRole('button', { name: 'Compare' }).click();
    const args = page.locator('.diff li[data-server="memory"] li[data-field="args"]');
    await args.waitFor();
    await expect(args.textContent()).resolves.toContain('server-memory@2025.8.4');
    await expect(page.locator('.diff li[data-server="brave-search"]').count()).resolves.toBe(0);
    await page.close();
  });

  it('filters the catalog by transport: only http servers are left', async () => {
    const page = await signedIn();
    await page.getByRole('link', { name: 'Catalog' }).click();
    const items = page.locator('ul.results button[data-server]');
    await items.first().waitFor();
    const all = await items.count();
    await page.getByLabel('Transport').selectOption('http');
    await expect.poll(() => items.count()).toBeLessThan(all);
    const shown = await items.allTextContents();
    expect(shown.length).toBeGreaterThan(0);
    for (const text of shown) expect(text).toContain(' · http · ');
    await page
      .getByRole('status')
      .filter({ hasText: `${shown.length} of ${all} servers` })
      .waitFor();
    await page.close();
  });

  it('deploys only to the clients ticked: a second one ticked, the first unticked', async () => {
    const page = await signedIn();
    const before = readFileSync(claudePath, 'utf8');
    const cursorPath = runCli(['clients', '--json'], temp.env)
      .json()
      .clients.find((c: { client_id: string }) => c.client_id === 'cursor').config_path;
    await page.getByRole('link', { name: 'Deploy' }).click();
    const targets = page.getByRole('group', { name: 'Deploy to' });
    await targets.getByText('Clients not found on this machine').click();
    await targets.getByLabel('Cursor (cursor)', { exact: false }).check();
    await targets.getByLabel('Claude Desktop (claude-desktop)', { exact: false }).uncheck();
    await page.getByRole('button', { name: 'Preview changes' }).click();
    await page.locator('[data-result="preview"] [data-client="cursor"]').waitFor();
    await expect(
      page.locator('[data-result="preview"] [data-client="claude-desktop"]').count(),
    ).resolves.toBe(0);
    await page.getByRole('button', { name: 'Confirm deploy' }).click();
    await page.locator('[data-result="deployed"] [data-client="cursor"]').waitFor();
    const cursor = JSON.parse(readFileSync(cursorPath, 'utf8'));
    expect(Object.keys(cursor.mcpServers).sort()).toEqual(['brave-search', 'memory']);
    expect(readFileSync(claudePath, 'utf8')).toBe(before);
    await page.close();
  });

  it('has no serious or critical axe-core violation and no sideways scrolling in any page state, light at 1280 px and dark at 390 px', async () => {
    const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const check = async (page: Page, state: string) => {
      await page.locator('main:not([aria-busy])').waitFor();
      // DevTools evaluation is not subject to the page's CSP, so axe runs without loosening it.
      await page.evaluate(axeSource);
      const violations = await page.evaluate<{ id: string; impact: string; nodes: unknown[] }[]>(
        `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target) })))`,
      );
      const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad, `${state}: ${JSON.stringify(bad)}`).toEqual([]);
      const [scroll, width] = await page.evaluate<number[]>(
        '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
      );
      const wide = await page.evaluate<string[]>(
        `[...document.querySelectorAll('main *')].filter((e) => !e.parentElement.closest('.scroll') && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible').map((e) => e.tagName + '.' + e.className).slice(-3)`,
      );
      expect(scroll, `${state}: sideways scrolling from ${wide.join(' ')}`).toBeLessThanOrEqual(width ?? 0);
    };
    const modes = [
      ['light', 1280],
      ['dark', 390],
    ] as const;
    for (const [scheme, width] of modes) {
      const at = `${scheme} ${width} px`;
      const signIn = await browser.context.newPage();
      await signIn.setViewportSize({ width, height: 900 });
      await signIn.emulateMedia({ colorScheme: scheme });
      await signIn.goto(`${base}/ui/`);
      await signIn.getByLabel('API token').waitFor();
      await check(signIn, `sign-in, ${at}`);
      await signIn.close();

      const page = await signedIn(width);
      await page.emulateMedia({ colorScheme: scheme });
      const background = await page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
      if (scheme === 'light') expect(background).toBe('rgb(255, 255, 255)');
      else expect(background).not.toBe('rgb(255, 255, 255)');
      await page.locator('[data-client="claude-desktop"]').waitFor();
      await check(page, `This machine, ${at}`);

      await page.goto(`${base}/ui/#/catalog`);
      await page.getByRole('searchbox', { name: 'Search' }).fill('brave');
      await page.locator('button[data-server="brave-search"]').click();
      await page.getByRole('form', { name: 'Add Brave Search' }).waitFor();
      await check(page, `Catalog with the add form of a server with a secret, ${at}`);

      await page.goto(`${base}/ui/#/profiles/claude-desktop/default`);
      await page.locator('[data-valid="true"]').waitFor();
      await page.getByRole('button', { name: 'Compare' }).click();
      await page.locator('.diff li[data-server]').first().waitFor();
      await page.getByLabel('Changelog').fill('nothing new');
      await page.getByRole('button', { name: 'Publish' }).click();
      await page.getByRole('alert').filter({ hasText: 'NO_CHANGES' }).waitFor();
      await check(page, `Profiles with a diff and an error, ${at}`);

      await page.goto(`${base}/ui/#/profiles/cursor/default`);
      await page.locator('[data-valid="false"]').waitFor();
      await check(page, `Profiles with validation problems, ${at}`);

      await page.goto(`${base}/ui/#/deploy`);
      await page.getByRole('button', { name: 'Preview changes' }).click();
      await page.locator('[data-result="preview"] [data-client]').first().waitFor();
      await check(page, `Deploy preview, ${at}`);
      await page.close();
    }
  }, 120_000);

  it('takes screenshots of the Catalog, Profiles and Deploy pages (for the docs: MCP_ORCHESTRATION_SCREENSHOTS=user-docs/images)', async () => {
    const dir = process.env.MCP_ORCHESTRATION_SCREENSHOTS ?? join(temp.root, 'screenshots');
    mkdirSync(dir, { recursive: true });
    const page = await signedIn();
    const shots: [string, string, string][] = [
      ['dashboard-catalog.png', '#/catalog', 'button[data-server="memory"]'],
      ['dashboard-profiles.png', '#/profiles/claude-desktop/default', 'tr[data-artifact]'],
      ['dashboard-deploy.png', '#/deploy', 'button:has-text("Preview changes")'],
    ];
    for (const [file, hash, ready] of shots) {
      await page.goto(`${base}/ui/${hash}`);
      await page.locator(ready).first().waitFor();
      await page.locator('main:not([aria-busy])').waitFor();
      if (file === 'dashboard-catalog.png') {
        await page.locator('button[data-server="memory"]').click();
        await page.getByRole('form', { name: 'Add Memory' }).waitFor();
      }
      const png = await page.screenshot({ path: join(dir, file) });
      expect(png.subarray(1, 4).toString()).toBe('PNG');
    }
    await page.close();
  });

  it('clears the draft only after a confirmation; what was published stays', async () => {
    const page = await signedIn();
    const servers = () =>
      Object.keys(
        runCli(['draft', 'show', '--client', 'claude-desktop', '--json'], temp.env).json().payload.mcpServers,
      );
    const before = servers();
    expect(before.length).toBeGreaterThan(0);
    await page.goto(`${base}/ui/#/profiles/claude-desktop/default`);
    await page.locator('tr[data-server]').first().waitFor();
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.getByRole('button', { name: 'Clear the draft' }).click();
    await expect(page.locator('tr[data-server]').count()).resolves.toBe(before.length);
    expect(servers()).toEqual(before);
    page.once('dialog', (dialog) => {
      expect(dialog.message()).toContain(`Remove all ${before.length} servers`);
      void dialog.accept();
    });
    await page.getByRole('button', { name: 'Clear the draft' }).click();
    await page.getByText('The draft is empty.').waitFor();
    expect(servers()).toEqual([]);
    await expect(page.locator('tr[data-artifact]').count()).resolves.toBe(3);
    await page.close();
  });
});
