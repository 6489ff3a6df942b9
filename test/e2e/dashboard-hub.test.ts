/**
 * The dashboard's hub pages in real Chromium against `mcp-orchestration serve` on a temporary home:
 * Fleet (states, stale machines), Audit, Policy (rules and a check), Tokens (create, the secret
 * once, revoke), pages shown by role, a reader's FORBIDDEN with its code and message, axe-core in
 * light and dark, and 390 px.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Browser, dashboardHooks, launchChromium, SKIP_BROWSER_REASON } from '../helpers/browser.js';
import { runCli } from '../helpers/cli.js';
import { type Served, startServe } from '../helpers/serve.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

const require = createRequire(import.meta.url);
let temp: TempHome;
let browser: Browser;
let served: Served | undefined;
let base: string;
let admin: string;
let reader: string;

/** Starts `serve --port 0` and resolves with its URL from the "listening on" line. */

const token = (name: string, role: string) =>
  runCli(['token', 'create', '--name', name, '--role', role, '--json'], temp.env).json().token as string;

async function report(machine: string, hostname: string, state: string, error?: object): Promise<void> {
  const res = await fetch(`${base}/v1/fleet/reports`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${reader}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      machine_id: machine,
      hostname,
      user: 'dev',
      client_id: 'cursor',
      source_client_id: 'claude-desktop',
      profile_id: 'default',
      artifact_id: null,
      state,
      ...(error ? { error } : {}),
    }),
  });
  expect(res.status).toBe(201);
}

async function signedIn(as: string, width = 1280): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${base}/ui/`);
  await page.getByLabel('API token').fill(as);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'This machine', level: 1 }).waitFor();
  return page;
}

async function open(page: Page, hash: string): Promise<void> {
  await page.goto(`${base}/ui/${hash}`);
  await page.locator('main:not([aria-busy])').waitFor();
}

const navLinks = (page: Page) =>
  page.getByRole('navigation', { name: 'Pages' }).getByRole('link').allTextContents();

beforeAll(async () => {
  if (SKIP_BROWSER_REASON !== null) return;
  temp = makeTempHome('mo-ui-hub-');
  expect(runCli(['init'], temp.env).status).toBe(0);
  admin = token('lead', 'admin');
  reader = token('viewer', 'reader');
  expect(runCli(['draft', 'add', 'memory', '--client', 'claude-desktop', '--json'], temp.env).status).toBe(0);
  const policy = join(temp.root, 'policy.yaml');
  writeFileSync(policy, 'deny:\n  - server: memory\ntransports: [stdio, http]\n');
  const set = runCli(['policy', 'set', policy], temp.env);
  expect(set.status, set.stderr).toBe(0);
  served = await startServe(temp.env);
  base = served.url;
  browser = await launchChromium();
  await report('m_00000000000000aa', 'alpha', 'in-sync');
  await report('m_00000000000000bb', 'bravo', 'failed', {
    code: 'MISSING_SECRET',
    message: 'BRAVE_API_KEY is not set.',
  });
  // bravo went quiet two hours ago: its report file is backdated, as a machine that stopped syncing.
  const dir = join(temp.home, 'fleet', 'm_00000000000000bb', 'cursor');
  const file = join(dir, readdirSync(dir)[0] ?? '');
  const stored = JSON.parse(readFileSync(file, 'utf8'));
  writeFileSync(
    file,
    JSON.stringify({ ...stored, reported_at: new Date(Date.now() - 7_200_000).toISOString() }),
  );
});

// No script error and no console error (a CSP violation is one) on any page of a test.
dashboardHooks(() => ({ browser, stop: served?.stop, temp }));

describe.skipIf(SKIP_BROWSER_REASON !== null)('dashboard hub pages in Chromium', () => {
  it('shows the hub pages to an admin and hides the admin ones from a reader', async () => {
    const page = await signedIn(admin);
    expect(await navLinks(page)).toEqual([
      'This machine',
      'Catalog',
      'Profiles',
      'Deploy',
      'Fleet',
      'Audit',
      'Policy',
      'Tokens',
    ]);
    await expect(page.locator('#who').textContent()).resolves.toBe('lead · admin');
    await page.close();
    const mine = await signedIn(reader);
    expect(await navLinks(mine)).toEqual(['This machine', 'Catalog', 'Profiles', 'Policy']);
    await expect(mine.locator('#who').textContent()).resolves.toBe('viewer · reader');
    await mine.close();
  });

  it("gives a reader who forces an admin page the API's FORBIDDEN code and message", async () => {
    const page = await signedIn(reader);
    for (const hash of ['#/tokens', '#/fleet', '#/audit']) {
      await open(page, hash);
      const alert = page.getByRole('alert');
      await expect(alert.textContent()).resolves.toMatch(
        /^error FORBIDDEN: This needs the admin role; the token "viewer" is a reader\./,
      );
    }
    await page.close();
  });

  it('refuses a reader the publish of a draft, with FORBIDDEN as the CLI shows it', async () => {
    const page = await signedIn(reader);
    await open(page, '#/profiles/claude-desktop/default');
    await page.getByLabel('Changelog').fill('not allowed');
    await page.getByRole('button', { name: 'Publish' }).click();
    const alert = page.getByRole('form', { name: 'Publish' }).getByRole('alert');
    await expect(alert.textContent()).resolves.toMatch(/^error FORBIDDEN: This needs the publisher role/);
    expect(runCli(['history', '--client', 'claude-desktop', '--json'], temp.env).json().error.code).toBe(
      'PROFILE_NOT_FOUND',
    );
    await page.close();
  });

  it('shows the fleet: states, the failure with its code, stale machines and the stale filter', async () => {
    const page = await signedIn(admin);
    await page.getByRole('link', { name: 'Fleet' }).click();
    const alpha = page.locator('tr[data-machine="m_00000000000000aa"]');
    const bravo = page.locator('tr[data-machine="m_00000000000000bb"]');
    await alpha.waitFor();
    await expect(alpha.getAttribute('data-stale')).resolves.toBe('false');
    await expect(alpha.textContent()).resolves.toContain('in-sync');
    await expect(alpha.textContent()).resolves.toContain('claude-desktop/default');
    await expect(bravo.getAttribute('data-stale')).resolves.toBe('true');
    await expect(bravo.textContent()).resolves.toContain('MISSING_SECRET: BRAVE_API_KEY is not set.');
    await expect(bravo.locator('.badge.stale').textContent()).resolves.toBe('stale');
    await expect(page.locator('[data-summary]').textContent()).resolves.toContain('1 failed');
    await page.getByLabel('Only stale machines').check();
    await alpha.waitFor({ state: 'detached' });
    await expect(bravo.isVisible()).resolves.toBe(true);
    // A longer limit: nobody is stale any more (the list is fetched again with the new limit).
    await page.getByLabel('Stale after no report for').selectOption({ label: '1 day' });
    await bravo.waitFor({ state: 'detached' });
    await page.getByLabel('Only stale machines').uncheck();
    await expect(bravo.getAttribute('data-stale')).resolves.toBe('false');
    await page.close();
  });

  it('shows the audit trail newest first and filters it by action', async () => {
    const page = await signedIn(admin);
    await page.getByRole('link', { name: 'Audit' }).click();
    const rows = page.locator('tr[data-action]');
    await rows.first().waitFor();
    const actions = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')));
    expect(actions).toContain('token.create');
    expect(actions).toContain('policy.set');
    expect(actions[0]).toBe('fleet.report');
    await page.getByLabel('Filter by action or record').fill('token.create');
    await expect.poll(() => rows.count()).toBe(2);
    await expect(rows.first().textContent()).resolves.toContain('token.create');
    await page.close();
  });

  it('shows the policy rules and checks a client: POLICY_VIOLATION for the denied server', async () => {
    const page = await signedIn(reader);
    await page.getByRole('link', { name: 'Policy' }).click();
    const deny = page.locator('[data-rules="deny"]');
    await expect(deny.textContent()).resolves.toContain('server: memory');
    await expect(page.locator('[data-policy="set"]').textContent()).resolves.toContain('stdio, http');
    await page.getByLabel('Client', { exact: true }).selectOption('claude-desktop');
    await page.getByRole('button', { name: 'Check against the policy' }).click();
    const draft = page.locator('[data-check="default/draft"]');
    await draft.waitFor();
    await expect(draft.textContent()).resolves.toContain('POLICY_VIOLATION');
    await expect(page.locator('[data-policy-valid]').getAttribute('data-policy-valid')).resolves.toBe(
      'false',
    );
    await page.close();
  });

  it('lets an admin edit the policy: a mistake refused with VALIDATION_ERROR, a save in force, a removal', async () => {
    const readerPage = await signedIn(reader);
    await open(readerPage, '#/policy');
    await readerPage.locator('[data-rules="deny"]').waitFor();
    await expect(readerPage.getByRole('form', { name: 'Edit the policy' }).count()).resolves.toBe(0);
    await readerPage.close();

    const page = await signedIn(admin);
    page.on('dialog', (dialog) => void dialog.accept());
    await open(page, '#/policy');
    const form = page.getByRole('form', { name: 'Edit the policy' });
    const text = form.getByLabel('Policy (YAML or JSON)');
    expect(JSON.parse(await text.inputValue())).toMatchObject({ deny: [{ server: 'memory' }] });
    await text.fill('deny: [');
    await form.getByRole('button', { name: 'Save the policy' }).click();
    await expect(form.getByRole('alert').textContent()).resolves.toMatch(
      /^error VALIDATION_ERROR: the policy text is not valid YAML or JSON \(line \d+/,
    );
    const shown = () => runCli(['policy', 'show', '--json'], temp.env).json().policy;
    expect(shown().deny).toEqual([{ server: 'memory' }]);

    await text.fill('deny:\n  - server: memory\n  - command: curl\ntransports: [stdio, http]\n');
    await form.getByRole('button', { name: 'Save the policy' }).click();
    await page.getByText(/^The policy was saved/).waitFor();
    await expect(page.locator('[data-rules="deny"]').textContent()).resolves.toContain('command: curl');
    expect(shown().deny).toEqual([{ server: 'memory' }, { command: 'curl' }]);

    await page.getByRole('button', { name: 'Remove the policy' }).click();
    await page.getByText('The policy was removed.').waitFor();
    await page.locator('[data-policy="none"]').waitFor();
    expect(shown()).toBeNull();
    // Put it back for the pages after this one.
    await page
      .getByRole('form', { name: 'Edit the policy' })
      .getByLabel('Policy (YAML or JSON)')
      .fill('deny:\n  - server: memory\n');
    await page.getByRole('button', { name: 'Save the policy' }).click();
    await page.locator('[data-rules="deny"]').waitFor();
    await page.close();
  });

  it('creates a token with a role and profiles, shows its secret once, and revokes it', async () => {
    const page = await signedIn(admin);
    page.on('dialog', (dialog) => void dialog.accept());
    await page.getByRole('link', { name: 'Tokens' }).click();
    const form = page.getByRole('form', { name: 'Create a token' });
    await form.getByLabel('Name').fill('laptop');
    await form.getByLabel('Role').selectOption('publisher');
    await form.getByLabel('Profiles').fill('team-*');
    await form.getByLabel('Expires').selectOption('30d');
    await form.getByRole('button', { name: 'Create token' }).click();
    const secret = form.getByLabel('New token');
    await secret.waitFor();
    const value = await secret.inputValue();
    expect(value).toMatch(/^mo_/);
    const row = page.locator('tr[data-name="laptop"]');
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('publisher');
    await expect(row.textContent()).resolves.toContain('team-*');
    expect(await page.locator('table').textContent()).not.toContain(value);
    const whoami = await fetch(`${base}/v1/whoami`, { headers: { Authorization: `Bearer ${value}` } });
    expect(await whoami.json()).toMatchObject({ name: 'laptop', role: 'publisher', profiles: 'team-*' });

    await row.getByRole('button', { name: 'Revoke laptop' }).click();
    await row.waitFor({ state: 'detached' });
    await page.getByText('Revoked "laptop".').waitFor();
    const after = await fetch(`${base}/v1/whoami`, { headers: { Authorization: `Bearer ${value}` } });
    expect(after.status).toBe(401);
    await page.reload();
    await page.locator('tr[data-name="lead"]').waitFor();
    await expect(page.locator('[data-secret]').count()).resolves.toBe(0);
    await page.close();
  });

  it('creates a token from the keyboard alone', async () => {
    const page = await signedIn(admin);
    await open(page, '#/tokens');
    const name = page.getByRole('form', { name: 'Create a token' }).getByLabel('Name');
    await name.focus();
    await page.keyboard.type('by-keys');
    await page.keyboard.press('Enter');
    await page.locator('tr[data-name="by-keys"]').waitFor();
    await page.close();
  });

  it('has no serious or critical axe-core violation on the hub pages, light and dark, and fits 390 px', async () => {
    const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    for (const [scheme, width] of [
      ['light', 1280],
      ['dark', 390],
    ] as const) {
      const page = await signedIn(admin, width);
      await page.emulateMedia({ colorScheme: scheme });
      for (const [hash, ready] of [
        ['#/fleet', 'tr[data-machine]'],
        ['#/audit', 'tr[data-action]'],
        ['#/policy', '[data-rules="deny"]'],
        ['#/tokens', 'tr[data-name]'],
      ] as const) {
        await open(page, hash);
        await page.locator(ready).first().waitFor();
        await page.evaluate(axeSource);
        const violations = await page.evaluate<{ id: string; impact: string; nodes: unknown[] }[]>(
          `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target) })))`,
        );
        const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(bad, `${scheme} ${hash}: ${JSON.stringify(bad)}`).toEqual([]);
        const widths = await page.evaluate<number[]>(
          '[document.documentElement.scrollWidth, window.innerWidth]',
        );
        expect(widths[0], `${hash} at ${width} px`).toBeLessThanOrEqual(widths[1] ?? 0);
      }
      await page.close();
    }
  });

  it('takes screenshots of the hub pages (for the docs: MCP_ORCHESTRATION_SCREENSHOTS=user-docs/images)', async () => {
    const dir = process.env.MCP_ORCHESTRATION_SCREENSHOTS ?? join(temp.root, 'screenshots');
    mkdirSync(dir, { recursive: true });
    const page = await signedIn(admin);
    for (const [file, hash, ready] of [
      ['dashboard-fleet.png', '#/fleet', 'tr[data-machine]'],
      ['dashboard-audit.png', '#/audit', 'tr[data-action]'],
      ['dashboard-policy.png', '#/policy', '[data-rules="deny"]'],
      ['dashboard-tokens.png', '#/tokens', 'tr[data-name]'],
    ] as const) {
      await open(page, hash);
      await page.locator(ready).first().waitFor();
      if (file === 'dashboard-policy.png') {
        await page.getByRole('button', { name: 'Check against the policy' }).click();
        await page.locator('[data-policy-valid]').waitFor();
      }
      const png = await page.screenshot({ path: join(dir, file), fullPage: true });
      expect(png.subarray(1, 4).toString()).toBe('PNG');
    }
    await page.close();
  });
});
