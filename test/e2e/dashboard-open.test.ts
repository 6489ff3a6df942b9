/**
 * The dashboard in real Chromium against `mcp-orchestration serve --insecure-no-auth`: no sign-in
 * form, and a change made from the page (Chromium sends its Origin with the POST) is accepted.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchChromium, SKIP_BROWSER_REASON } from '../helpers/browser.js';
import { CLI, runCli } from '../helpers/cli.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

let temp: TempHome;
let browser: Browser;
let serve: ChildProcessWithoutNullStreams;
let base: string;

function startServe(): Promise<string> {
  serve = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--insecure-no-auth'], { env: temp.env });
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${err}`)), 20_000);
    serve.stderr.on('data', (c: Buffer) => {
      err += c.toString();
      const url = /listening on (http:\/\/\S+)/.exec(err)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    serve.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${err}`)));
  });
}

beforeAll(async () => {
  if (SKIP_BROWSER_REASON !== null) return;
  temp = makeTempHome('mo-ui-open-');
  expect(runCli(['init'], temp.env).status).toBe(0);
  base = await startServe();
  browser = await launchChromium();
});

afterEach(() => {
  if (browser) expect(browser.errors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  if (serve && serve.exitCode === null) {
    const exited = new Promise((r) => serve.on('exit', r));
    serve.kill('SIGINT');
    await exited;
  }
  temp?.cleanup();
});

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
