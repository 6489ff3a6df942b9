/**
 * The dashboard in real Chromium against `mcp-orchestration ui` on a temporary home: the login
 * link, every page, the file written to, error codes, the CSP, the 390 px layout and the keyboard.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchChromium } from '../helpers/browser.js';
import { CLI, runCli } from '../helpers/cli.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

let temp: TempHome;
let browser: Browser;
let ui: ChildProcessWithoutNullStreams;
let base: string;
let claudePath: string;

/** Starts `ui --port 0 --no-open --json` and resolves with its first line. */
function startUi(): Promise<{ url: string; login_url: string }> {
  ui = spawn(process.execPath, [CLI, 'ui', '--port', '0', '--no-open', '--json'], { env: temp.env });
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

afterAll(async () => {
  await browser?.close();
  if (ui && ui.exitCode === null) {
    const exited = new Promise((r) => ui.on('exit', r));
    ui.kill('SIGINT');
    await exited;
  }
  temp?.cleanup();
});

describe('dashboard in Chromium', () => {
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
    await page.close();
  });
});
