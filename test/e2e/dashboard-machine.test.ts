/**
 * The dashboard's This machine page in real Chromium against `mcp-orchestration serve` on a
 * temporary home: every client file with its servers in the `list` states and their reasons, a
 * file that does not parse with its code, and the one-shots (add, remove, enable, disable) previewed
 * before anything is written; axe-core in light and dark, 390 px, the keyboard.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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
let publisher: string;
let reader: string;
const paths: Record<string, string> = {};

function cli(...args: string[]) {
  const r = runCli(args, temp.env);
  expect(r.status, `${args.join(' ')}: ${r.stdout}${r.stderr}`).toBe(0);
  return r;
}

function write(client: string, value: unknown): void {
  const path = paths[client] as string;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, typeof value === 'string' ? value : `${JSON.stringify(value, null, 2)}\n`);
}

const fileOf = (client: string) => JSON.parse(readFileSync(paths[client] as string, 'utf8'));

async function signedIn(width = 1280, token = publisher): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${base}/ui/`);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'This machine', level: 1 }).waitFor();
  await page.locator('main:not([aria-busy])').waitFor();
  return page;
}

const row = (page: Page, client: string, server: string) =>
  page.locator(`[data-client="${client}"][data-scope="user"] tr[data-server="${server}"]`);

beforeAll(async () => {
  if (SKIP_BROWSER_REASON !== null) return;
  temp = makeTempHome('mo-ui-machine-');
  cli('init');
  publisher = cli('token', 'create', '--name', 'desk', '--role', 'publisher', '--json').json().token;
  reader = cli('token', 'create', '--name', 'look', '--role', 'reader', '--json').json().token;
  for (const c of cli('clients', '--json').json().clients as { client_id: string; config_path: string }[])
    paths[c.client_id] = c.config_path;
  write('claude-desktop', {
    mcpServers: {
      'hand-made': { command: 'node', args: ['server.js'] },
      off: { command: 'node', args: ['off.js'], disabled: true },
      odd: { transport: { kind: 'nested' } },
    },
  });
  write('cursor', { mcpServers: {} });
  cli('draft', 'add', 'memory', '--client', 'claude-desktop');
  cli('publish', '--client', 'claude-desktop', '--changelog', 'memory');
  cli('deploy', '--clients', 'claude-desktop,cursor');
  // A hand edit of a managed server: drifted. And a file that does not parse.
  const cursor = fileOf('cursor');
  cursor.mcpServers.memory.args = ['-y', 'something-else'];
  write('cursor', cursor);
  write('windsurf', '{ "mcpServers": { ');
  served = await startServe(temp.env);
  base = served.url;
  browser = await launchChromium();
});

// No script error and no console error (a CSP violation is one) on any page of a test.
dashboardHooks(() => ({ browser, stop: served?.stop, temp }));

describe.skipIf(SKIP_BROWSER_REASON !== null)('This machine in Chromium', () => {
  it('lists every server of every client file in its state, with the reasons and a broken file', async () => {
    const page = await signedIn();
    const states = async (client: string) =>
      Object.fromEntries(
        await page
          .locator(`[data-client="${client}"][data-scope="user"] tr[data-server]`)
          .evaluateAll((trs) =>
            trs.map((tr) => [tr.getAttribute('data-server'), tr.getAttribute('data-state')]),
          ),
      );
    expect(await states('claude-desktop')).toEqual({
      'hand-made': 'unmanaged',
      memory: 'managed',
      odd: 'unreadable',
      off: 'disabled',
    });
    expect(await states('cursor')).toEqual({ memory: 'drifted' });
    await expect(row(page, 'cursor', 'memory').textContent()).resolves.toContain(
      'changed in the file since profile "default" deployed it',
    );
    await expect(row(page, 'claude-desktop', 'memory').textContent()).resolves.toContain('default');
    const odd = await row(page, 'claude-desktop', 'odd').textContent();
    expect(odd).toMatch(/unreadable.+\S/);
    const broken = page.locator('[data-client="windsurf"]');
    await expect(broken.getByRole('alert').textContent()).resolves.toMatch(/^error CLIENT_CONFIG_INVALID: /);
    await expect(page.locator('[data-summary]').textContent()).resolves.toContain(
      '1 managed, 1 drifted, 1 unmanaged, 1 disabled, 1 unreadable',
    );
    await expect(page.locator('[data-client="claude-desktop"]').textContent()).resolves.toContain('in-sync');
    await page.close();
  });

  it('offers a reader the listing without any change', async () => {
    const page = await signedIn(1280, reader);
    await row(page, 'claude-desktop', 'memory').waitFor();
    await expect(page.locator('main button').count()).resolves.toBe(0);
    await expect(page.getByRole('form', { name: 'Add a server to clients' }).count()).resolves.toBe(0);
    await page.getByText('Your token is a reader: changing a client needs the publisher role.').waitFor();
    await page.close();
  });

  it('takes screenshots of the page and a preview (for the docs: MCP_ORCHESTRATION_SCREENSHOTS=user-docs/images)', async () => {
    const dir = process.env.MCP_ORCHESTRATION_SCREENSHOTS ?? join(temp.root, 'screenshots');
    mkdirSync(dir, { recursive: true });
    const page = await signedIn();
    await page.screenshot({ path: join(dir, 'dashboard-machine.png'), fullPage: true });
    await row(page, 'cursor', 'memory').getByRole('button', { name: 'Remove memory in Cursor' }).click();
    const preview = page.getByRole('group', { name: 'Preview: remove memory in cursor' });
    await preview.waitFor();
    await preview.screenshot({ path: join(dir, 'dashboard-machine-preview.png') });
    await preview.getByRole('button', { name: 'Cancel' }).click();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(dir, 'dashboard-machine-390.png') });
    await page.close();
  });

  it('disables a managed server after a preview that writes nothing, then enables it again', async () => {
    const page = await signedIn();
    const before = readFileSync(paths['claude-desktop'] as string, 'utf8');
    await row(page, 'claude-desktop', 'memory')
      .getByRole('button', { name: 'Disable memory in Claude Desktop' })
      .click();
    const preview = page.getByRole('group', { name: 'Preview: disable memory in claude-desktop' });
    await preview.locator('[data-oneshot="preview"] [data-client="claude-desktop"]').waitFor();
    expect(readFileSync(paths['claude-desktop'] as string, 'utf8')).toBe(before);
    // The preview takes the focus to its confirm button, so Enter writes.
    await expect
      .poll(() => page.evaluate('document.activeElement?.textContent'))
      .toBe('Confirm: disable memory in claude-desktop');
    await page.keyboard.press('Enter');
    await page.getByText(/^Disabled memory: claude-desktop/).waitFor();
    await expect(row(page, 'claude-desktop', 'memory').getAttribute('data-state')).resolves.toBe('disabled');
    const off = fileOf('claude-desktop').mcpServers.memory;
    expect(off === undefined || off.disabled === true).toBe(true);
    expect(fileOf('claude-desktop').mcpServers['hand-made']).toEqual({
      command: 'node',
      args: ['server.js'],
    });

    await row(page, 'claude-desktop', 'memory')
      .getByRole('button', { name: 'Enable memory in Claude Desktop' })
      .click();
    await page.getByRole('button', { name: 'Confirm: enable memory in claude-desktop' }).click();
    await page.getByText(/^Enabled memory: claude-desktop/).waitFor();
    await expect(row(page, 'claude-desktop', 'memory').getAttribute('data-state')).resolves.toBe('managed');
    expect(fileOf('claude-desktop').mcpServers.memory.disabled).toBeUndefined();
    await page.close();
  });

  it('removes a server only on confirm; Cancel leaves the file as it was', async () => {
    const page = await signedIn();
    const before = readFileSync(paths['claude-desktop'] as string, 'utf8');
    const remove = row(page, 'claude-desktop', 'memory').getByRole('button', {
      name: 'Remove memory in Claude Desktop',
    });
    await remove.click();
    const preview = page.getByRole('group', { name: 'Preview: remove memory in claude-desktop' });
    await expect(preview.locator('li[data-server="memory"]').getAttribute('data-action')).resolves.toBe(
      'removed',
    );
    await preview.getByRole('button', { name: 'Cancel' }).click();
    await preview.waitFor({ state: 'detached' });
    expect(readFileSync(paths['claude-desktop'] as string, 'utf8')).toBe(before);
    await remove.click();
    await page.getByRole('button', { name: 'Confirm: remove memory in claude-desktop' }).click();
    await page.getByText(/^Removed memory: claude-desktop/).waitFor();
    await row(page, 'claude-desktop', 'memory').waitFor({ state: 'detached' });
    expect(fileOf('claude-desktop').mcpServers.memory).toBeUndefined();
    expect(fileOf('claude-desktop').mcpServers['hand-made']).toEqual({
      command: 'node',
      args: ['server.js'],
    });
    await page.close();
  });

  it('adds a catalog server to two clients in one step after a per-server preview', async () => {
    const page = await signedIn();
    const form = page.getByRole('form', { name: 'Add a server to clients' });
    await form.getByLabel('Catalog server').selectOption('context7');
    await form.getByText('Clients not found on this machine').click();
    await form.getByLabel(/\(vscode\)/).check();
    await form.getByRole('button', { name: 'Preview the add' }).click();
    const preview = page.getByRole('group', { name: /^Preview: add context7 to claude-desktop, vscode/ });
    await expect(
      preview
        .locator('[data-client="claude-desktop"] li[data-server="context7"]')
        .getAttribute('data-action'),
    ).resolves.toBe('added');
    await expect(
      preview
        .locator('[data-client="claude-desktop"] li[data-server="hand-made"]')
        .getAttribute('data-action'),
    ).resolves.toBe('kept');
    expect(fileOf('claude-desktop').mcpServers.context7).toBeUndefined();
    await preview.getByRole('button', { name: /^Confirm: add context7/ }).click();
    await page.getByText(/^Added context7: claude-desktop .+, vscode/).waitFor();
    expect(fileOf('claude-desktop').mcpServers.context7).toBeDefined();
    await row(page, 'vscode', 'context7').waitFor();
    await expect(row(page, 'vscode', 'context7').getAttribute('data-state')).resolves.toBe('managed');
    await page.close();
  });

  it('shows a refused add with its code, and adopts the hand-made entry when asked', async () => {
    const page = await signedIn();
    const form = page.getByRole('form', { name: 'Add a server to clients' });
    await form.getByLabel('Catalog server').selectOption('context7');
    await form.getByLabel('Name in the config').fill('hand-made');
    await form.getByRole('button', { name: 'Preview the add' }).click();
    await expect(form.getByRole('alert').textContent()).resolves.toMatch(/^error UNMANAGED_CONFLICT: /);
    expect(fileOf('claude-desktop').mcpServers['hand-made']).toEqual({
      command: 'node',
      args: ['server.js'],
    });
    await form.getByLabel(/adopt it/).check();
    await form.getByRole('button', { name: 'Preview the add' }).click();
    const preview = page.getByRole('group', { name: /^Preview: add context7 to claude-desktop/ });
    const adopted = preview.locator('[data-client="claude-desktop"] li[data-server="hand-made"]');
    await expect(adopted.getAttribute('data-action')).resolves.toBe('updated');
    await expect(adopted.textContent()).resolves.toContain('adopted');
    await preview.getByRole('button', { name: /^Confirm: add context7/ }).click();
    await page.getByText(/^Added hand-made: claude-desktop/).waitFor();
    await expect(row(page, 'claude-desktop', 'hand-made').getAttribute('data-state')).resolves.toBe(
      'managed',
    );
    expect(fileOf('claude-desktop').mcpServers['hand-made'].args).not.toEqual(['server.js']);
    await page.close();
  });

  it('has no serious or critical axe-core violation, light and dark, and fits 390 px', async () => {
    const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    for (const [scheme, width] of [
      ['light', 1280],
      ['dark', 390],
    ] as const) {
      const page = await signedIn(width);
      await page.emulateMedia({ colorScheme: scheme });
      await page.evaluate(axeSource);
      const violations = await page.evaluate<{ id: string; impact: string; nodes: unknown[] }[]>(
        `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target) })))`,
      );
      const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad, `${scheme}: ${JSON.stringify(bad)}`).toEqual([]);
      const widths = await page.evaluate<number[]>(
        '[document.documentElement.scrollWidth, window.innerWidth]',
      );
      expect(widths[0], `${scheme} at ${width} px`).toBeLessThanOrEqual(widths[1] ?? 0);
      await page.close();
    }
  });
});
