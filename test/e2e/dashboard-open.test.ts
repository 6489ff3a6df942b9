/**
 * The dashboard in real Chromium against `mcp-orchestration serve --insecure-no-auth`: no sign-in
 * form, and a change made from the page (Chromium sends its Origin with the POST) is accepted.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Browser, dashboardHooks, launchChromium, SKIP_BROWSER_REASON } from '../helpers/browser.js';
import { runCli } from '../helpers/cli.js';
import { type Served, startServe } from '../helpers/serve.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

let temp: TempHome;
let browser: Browser;
let served: Served | undefined;
let base: string;

beforeAll(async () => {
  if (SKIP_BROWSER_REASON !== null) return;
  temp = makeTempHome('mo-ui-open-');
  expect(runCli(['init'], temp.env).status).toBe(0);
  served = await startServe(temp.env, ['--insecure-no-auth']);
  base = served.url;
  browser = await launchChromium();
});

// No script error and no console error (a CSP violation is one) on any page of a test.
dashboardHooks(() => ({ browser, stop: served?.stop, temp }));

describe.skipIf(SKIP_BROWSER_REASON !== null)('dashboard on serve --insecure-no-auth, in Chromium', () => {
  it('opens without a sign-in form and adds a catalog server to the draft', async () => {
    const page = await browser.context.newPage();
    const origins: Promise<string | undefined>[] = [];
    page.on('request', (req) => {
      if (req.method() === 'POST') origins.push(req.allHeaders().then((headers) => headers.origin));
    });
    await page.goto(`${base}/ui/`);
    await page.getByRole('heading', { name: 'This machine', level: 1 }).waitFor();
    await expect(page.getByLabel('API token').count()).resolves.toBe(0);
    await expect(page.getByText('no sign-in needed').count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: 'Sign out' }).isVisible()).resolves.toBe(false);

    await page.getByRole('link', { name: 'Catalog' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('memory');
    await page.locator('button[data-server="memory"]').click();
    const form = page.getByRole('form', { name: 'Add Memory' });
    await form.getByRole('button', { name: 'Add to draft' }).click();
    await expect(form.getByRole('status').textContent()).resolves.toContain('Added memory');
    // The browser did mark the change with the page's own origin, and the server took it.
    expect(await Promise.all(origins)).toContain(base);
    const draft = runCli(['draft', 'show', '--client', 'claude-desktop', '--json'], temp.env).json();
    expect(Object.keys(draft.payload.mcpServers)).toEqual(['memory']);
    await page.close();
  });
});
